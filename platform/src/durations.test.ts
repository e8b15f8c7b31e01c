import { durationMs, isoDuration } from './durations';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT24H', 86_400_000],
    ['PT30M', 1_800_000],
    ['P2D', 172_800_000],
    ['P1W', 604_800_000],
    ['PT2S', 2000],
    ['PT0.5S', 500],
    ['P1DT2H', 93_600_000],
  ])('%s is %d ms', (text, ms) => expect(durationMs(text)).toBe(ms));

  it.each(['', 'P', 'PT', '24H', 'P1M', 'P1Y', 'PT-1H', 'P1DT'])('refuses %j', (text) =>
    expect(durationMs(text)).toBeUndefined(),
  );

  it('writes whole seconds, at least one', () => {
    expect(isoDuration(1500)).toBe('PT2S');
    expect(isoDuration(-10)).toBe('PT1S');
  });
});
