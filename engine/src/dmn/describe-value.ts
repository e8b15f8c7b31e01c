import { toVariableValue } from '../feel';

/** A value as messages and the audit show it: its JSON text (dates as Zeebe's text). */
export function describeValue(value: unknown): string {
  return JSON.stringify(toVariableValue(value)) ?? 'null';
}
