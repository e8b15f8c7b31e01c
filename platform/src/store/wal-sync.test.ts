import { WalSync, WalSyncFailedError, type WalIo } from './wal-sync';

/** An fsync whose calls the test completes by hand, in order; closes are recorded. */
function manualIo(): WalIo & { calls: number; closed: number[]; finish(err?: NodeJS.ErrnoException): void } {
  const pending: Array<(err: NodeJS.ErrnoException | null) => void> = [];
  const state = {
    calls: 0,
    closed: [] as number[],
    fsync(_fd: number, done: (err: NodeJS.ErrnoException | null) => void) {
      state.calls += 1;
      pending.push(done);
    },
    close(fd: number) {
      state.closed.push(fd);
    },
    finish(err?: NodeJS.ErrnoException) {
      pending.shift()!(err ?? null);
    },
  };
  return state;
}

const settle = () => new Promise((r) => setImmediate(r));

describe('WalSync (group fsync of the write-ahead log)', () => {
  it('resolves a flush only after an fsync that began after it, sharing one fsync among the callers that wait', async () => {
    const io = manualIo();
    const wal = new WalSync(42, io);
    const done: string[] = [];
    void wal.flush().then(() => done.push('a'));
    await settle();
    expect(io.calls).toBe(1);
    // b and c commit while a's fsync runs: that fsync may have started before their commits.
    void wal.flush().then(() => done.push('b'));
    void wal.flush().then(() => done.push('c'));
    io.finish();
    await settle();
    expect(done).toEqual(['a']);
    expect(io.calls).toBe(2);
    io.finish();
    await settle();
    expect(done).toEqual(['a', 'b', 'c']);
    expect(io.calls).toBe(2);
  });

  it('makes a failed fsync sticky: the waiters, later callers and close all fail', async () => {
    const io = manualIo();
    const wal = new WalSync(42, io);
    const first = wal.flush();
    await settle();
    const second = wal.flush();
    const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    io.finish(eio);
    await expect(first).rejects.toBeInstanceOf(WalSyncFailedError);
    await expect(second).rejects.toThrow(/could not write its log to disk \(EIO.*restart the service/);
    expect(wal.failure?.code).toBe('store_not_durable');
    // A later fsync might "succeed" after the kernel dropped the pages: never ask it again.
    await expect(wal.flush()).rejects.toBeInstanceOf(WalSyncFailedError);
    expect(io.calls).toBe(1);
    await expect(wal.close()).rejects.toBeInstanceOf(WalSyncFailedError);
    expect(io.closed).toEqual([42]);
  });

  it('closes after the fsync in flight and one last one, and answers flushes after close at once', async () => {
    const io = manualIo();
    const wal = new WalSync(7, io);
    const inFlight = wal.flush();
    await settle();
    const closing = wal.close();
    io.finish();
    await inFlight;
    expect(io.closed).toEqual([]);
    await settle();
    expect(io.calls).toBe(2);
    io.finish();
    await closing;
    expect(io.closed).toEqual([7]);
    await expect(wal.flush()).resolves.toBeUndefined();
    expect(io.calls).toBe(2);
  });
});
