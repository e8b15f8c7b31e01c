import { GroupFlush } from './group-flush';

/** A flush whose calls the test completes by hand, in order. */
function manualFlush(): {
  flushOnce: () => Promise<void>;
  calls: number;
  inFlight: number;
  maxInFlight: number;
  finish(err?: Error): void;
} {
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const state = {
    calls: 0,
    inFlight: 0,
    maxInFlight: 0,
    flushOnce: () =>
      new Promise<void>((resolve, reject) => {
        state.calls += 1;
        state.inFlight += 1;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        pending.push({ resolve, reject });
      }),
    finish(err?: Error) {
      const p = pending.shift()!;
      state.inFlight -= 1;
      if (err) p.reject(err);
      else p.resolve();
    },
  };
  return state;
}

const settle = () => new Promise((r) => setImmediate(r));

describe('GroupFlush (group commit of PostgreSQL durable transactions)', () => {
  it('resolves a caller only by a flush sent after it asked, one flush for all who asked meanwhile', async () => {
    const io = manualFlush();
    const group = new GroupFlush(io.flushOnce);
    const done: string[] = [];
    void group.flush().then(() => done.push('a'));
    expect(io.calls).toBe(1);
    // b, c and d committed while a's flush runs: its statement may be in the log before their commits.
    for (const name of ['b', 'c', 'd']) void group.flush().then(() => done.push(name));
    await settle();
    expect(io.calls).toBe(1);
    io.finish();
    await settle();
    expect(done).toEqual(['a']);
    expect(io.calls).toBe(2);
    io.finish();
    await settle();
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    expect(io.calls).toBe(2);
    expect(io.maxInFlight).toBe(1);
  });

  it('rejects only the batch whose flush failed; the next caller gets a new flush', async () => {
    const io = manualFlush();
    const group = new GroupFlush(io.flushOnce);
    const first = group.flush();
    const second = group.flush();
    io.finish(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await settle();
    io.finish();
    await expect(second).resolves.toBeUndefined();
    const third = group.flush();
    expect(io.calls).toBe(3);
    io.finish();
    await expect(third).resolves.toBeUndefined();
  });

  it('starts a new flush once idle again', async () => {
    const io = manualFlush();
    const group = new GroupFlush(io.flushOnce);
    const a = group.flush();
    io.finish();
    await a;
    await settle();
    const b = group.flush();
    expect(io.calls).toBe(2);
    io.finish();
    await b;
  });
});
