import { PRISON_ISSUED_MEASURES, PRISON_LEAVE_AUTHORITIES } from '@iplus/contract';

/** Why a prison may not upload a decision: the HTTP status and what to say. */
export interface PrisonUploadRefusal {
  status: 400 | 403;
  code: 'measure_not_issued_by_prisons' | 'not_your_prison' | 'authority_not_for_prison_leave';
  field: 'measure' | 'prisonId' | 'authority';
  message: string;
}

/** The parts of a validated decision the rule reads. */
export interface IssuedFacts {
  measure: string;
  authority?: unknown;
  prisonId?: string;
}

/**
 * Whether a prison may upload this (validated) decision, and how: only a prison leave
 * (`PRISON_ISSUED_MEASURES`, platform/README.md "Decisions a prison uploads"), decided by the prison
 * administration for the minister or by the prison's director (`PRISON_LEAVE_AUTHORITIES`), for its own prison. Returns the refusal, or the decision attributed to the prison
 * (`prisonId` filled in when absent).
 */
export function prisonUpload<T extends IssuedFacts>(
  value: T,
  prisonId: string,
): { ok: true; value: T } | { ok: false; refusal: PrisonUploadRefusal } {
  if (!(PRISON_ISSUED_MEASURES as readonly string[]).includes(value.measure)) {
    return refuse(
      403,
      'measure_not_issued_by_prisons',
      'measure',
      `a prison uploads only the leaves of the persons it holds (${PRISON_ISSUED_MEASURES.join(', ')}); ` +
        `"${value.measure}" is decided by a court, the sentence-enforcement court or the minister and is uploaded by the parquet`,
    );
  }
  if (value.prisonId !== undefined && value.prisonId !== prisonId) {
    return refuse(
      403,
      'not_your_prison',
      'prisonId',
      `a prison officer of ${prisonId} uploads only decisions of ${prisonId}, not of ${value.prisonId}`,
    );
  }
  if (!(PRISON_LEAVE_AUTHORITIES as readonly unknown[]).includes(value.authority)) {
    return refuse(
      400,
      'authority_not_for_prison_leave',
      'authority',
      `a prison leave is decided by ${PRISON_LEAVE_AUTHORITIES.join(' or ')}; set authority to one of them (not "${String(value.authority)}")`,
    );
  }
  return { ok: true, value: { ...value, prisonId } };
}

function refuse(
  status: PrisonUploadRefusal['status'],
  code: PrisonUploadRefusal['code'],
  field: PrisonUploadRefusal['field'],
  message: string,
): { ok: false; refusal: PrisonUploadRefusal } {
  return { ok: false, refusal: { status, code, field, message } };
}
