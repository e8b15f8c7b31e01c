import { ManualClock } from '../clock';
import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  const fail = () => Promise.reject(new Error('down'));
  const ok = () => Promise.resolve('ok');

  it('opens after the threshold, refuses while open, lets one trial through after openMs', async () => {
    const clock = new ManualClock();
    const b = new CircuitBreaker('dep', clock, { failureThreshold: 2, openMs: 1000 });
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('closed');
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('open');
    await expect(b.run(ok)).rejects.toMatchObject({ code: 'circuit_open' });
    clock.advance(1000);
    expect(b.state).toBe('half-open');
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('open');
    clock.advance(1000);
    expect(await b.run(ok)).toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('a success resets the count of failures', async () => {
    const b = new CircuitBreaker('dep', new ManualClock(), { failureThreshold: 2, openMs: 1000 });
    await expect(b.run(fail)).rejects.toThrow();
    await b.run(ok);
    await expect(b.run(fail)).rejects.toThrow();
    expect(b.state).toBe('closed');
  });
});
