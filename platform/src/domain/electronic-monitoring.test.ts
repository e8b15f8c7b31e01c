import { involvesElectronicMonitoring } from './electronic-monitoring';

describe('involvesElectronicMonitoring', () => {
  it('is true for an electronic-monitoring measure, even when the flag says false', () => {
    expect(involvesElectronicMonitoring('electronic_monitoring', false)).toBe(true);
    expect(involvesElectronicMonitoring('electronic_monitoring', undefined)).toBe(true);
    expect(involvesElectronicMonitoring('electronic_monitoring', null)).toBe(true);
    expect(involvesElectronicMonitoring('electronic_monitoring', true)).toBe(true);
  });

  it('follows the flag for any other measure', () => {
    expect(involvesElectronicMonitoring('conditional_release', true)).toBe(true);
    expect(involvesElectronicMonitoring('conditional_release', false)).toBe(false);
    expect(involvesElectronicMonitoring('conditional_release', undefined)).toBe(false);
    expect(involvesElectronicMonitoring('conditional_release', null)).toBe(false);
  });
});
