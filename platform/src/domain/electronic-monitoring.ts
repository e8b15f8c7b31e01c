/**
 * Whether a case involves electronic monitoring: an electronic-monitoring measure always does, whatever
 * the flag says; any other measure does when the decision's `electronicMonitoring` flag is true. The one
 * place this is decided: upload, views, mandates and routing (preview, saved tests, the oracle) ask here.
 * (Upload refuses the contradictory input, flag false with an electronic-monitoring measure.)
 */
export function involvesElectronicMonitoring(
  measure: string | null | undefined,
  electronicMonitoring: boolean | null | undefined,
): boolean {
  return measure === 'electronic_monitoring' || electronicMonitoring === true;
}
