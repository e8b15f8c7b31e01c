/**
 * What a mandate carries when it flows out of iplus to a machine (a callback, an n8n or Node-RED
 * node's output): only what that recipient needs (docs/DATA-PROTECTION.md, "Minimisation where data
 * flows out"). Each view builds a new object from the fields it names, so a field added to Mandate
 * later flows out nowhere until a view names it.
 */
import type { Conditions, Person } from './decision';
import type { Mandate, Report } from './mandate';

/** A report as it flows out: its outcome, when and by whom; never its free text. */
export type ReportStatus = Omit<Report, 'text'>;

/**
 * A mandate's ids and where it stands: what a callback, an acknowledgement, an issued mandate and a
 * report tell a flow. Nothing of the decision (no person, no address, no conditions).
 */
export interface MandateStatusView {
  id: string;
  decisionId: string;
  kind: Mandate['kind'];
  recipientId: string;
  status: Mandate['status'];
  deadline: string;
  overdue: boolean;
  issuedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  report: ReportStatus | null;
}

/** Selects a mandate's status view. */
export function mandateStatusOf(
  m: Omit<MandateStatusView, 'report'> & { report: Report | null },
): MandateStatusView {
  return {
    id: m.id,
    decisionId: m.decisionId,
    kind: m.kind,
    recipientId: m.recipientId,
    status: m.status,
    deadline: m.deadline,
    overdue: m.overdue,
    issuedAt: m.issuedAt,
    acknowledgedAt: m.acknowledgedAt,
    acknowledgedBy: m.acknowledgedBy,
    report: m.report
      ? { outcome: m.report.outcome, breach: m.report.breach, at: m.report.at, by: m.report.by }
      : null,
  };
}

/** The person as a police zone needs them for the address check and the interview. */
export type PersonForVisit = Pick<Person, 'lastName' | 'firstNames' | 'birthDate' | 'domicile'>;

/**
 * A new mandate as its recipient's inbox flow receives it. A police zone gets the person's name, birth
 * date and address for the visit, the measure and the general conditions' codes: not the national
 * register number, nor the court's free text (the particular conditions, which may name victims).
 * A justice house (guidance) or monitoring centre works on the conditions themselves, so it gets
 * them whole, and the number to open its own file.
 */
export interface MandateForRecipient extends MandateStatusView {
  measure?: string;
  person?: PersonForVisit | Person;
  conditions?: Pick<Conditions, 'general'> | Conditions;
}

/** Selects what a mandate's recipient flow receives, by the mandate's kind. */
export function mandateForRecipientOf(m: Mandate): MandateForRecipient {
  const view: MandateForRecipient = { ...mandateStatusOf(m) };
  if (m.measure !== undefined) view.measure = m.measure;
  if (m.kind !== 'police_check') {
    if (m.person) view.person = m.person;
    if (m.conditions) view.conditions = m.conditions;
    return view;
  }
  if (m.person) {
    const { lastName, firstNames, birthDate, domicile } = m.person;
    view.person = { lastName, firstNames, ...(birthDate ? { birthDate } : {}), domicile };
  }
  if (m.conditions) view.conditions = { general: m.conditions.general };
  return view;
}
