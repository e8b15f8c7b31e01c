import { DocumentHolds } from './document-holds';

/** A promise and the function that settles it. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open = (): void => undefined;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('DocumentHolds', () => {
  it('lets uploads of the same document run side by side', async () => {
    const holds = new DocumentHolds();
    const g = gate();
    const order: string[] = [];
    const a = holds.shared('sha', async () => (order.push('a in'), await g.opened, order.push('a out')));
    const b = holds.shared('sha', async () => (order.push('b in'), await g.opened, order.push('b out')));
    await tick();
    expect(order).toEqual(['a in', 'b in']);
    g.open();
    await Promise.all([a, b]);
    expect(holds.size).toBe(0);
  });

  it('makes a removal wait for the uploads in flight, and a new upload wait for the removal', async () => {
    const holds = new DocumentHolds();
    const upload = gate();
    const removal = gate();
    const order: string[] = [];
    const first = holds.shared('sha', async () => (await upload.opened, order.push('upload 1')));
    const removing = holds.alone('sha', async () => (await removal.opened, order.push('removal')));
    await tick();
    expect(order).toEqual([]);
    upload.open();
    await first;
    await tick();
    // the removal runs now; an upload arriving meanwhile waits for it
    const second = holds.shared('sha', async () => order.push('upload 2'));
    await tick();
    expect(order).toEqual(['upload 1']);
    removal.open();
    await Promise.all([removing, second]);
    expect(order).toEqual(['upload 1', 'removal', 'upload 2']);
    expect(holds.size).toBe(0);
  });

  it('holds each document on its own, and lets go when the work fails', async () => {
    const holds = new DocumentHolds();
    const g = gate();
    const held = holds.shared('one', () => g.opened);
    await expect(holds.alone('other', async () => 'removed')).resolves.toBe('removed');
    await expect(
      holds.alone('other', async () => {
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(holds.size).toBe(1);
    g.open();
    await held;
    await expect(holds.alone('one', async () => 'removed')).resolves.toBe('removed');
    expect(holds.size).toBe(0);
  });
});
