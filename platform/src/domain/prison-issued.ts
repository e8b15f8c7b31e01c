import { PRISON_ISSUED_MEASURES } from '@iplus/contract';

/** Why a prison may not upload a decision: the HTTP status and what to say. */
export interface PrisonUploadRefusal {
  status: 400 | 403;
  code: 'measure_not_issued_by_prisons' | 'not_your_prison' | 'authority_not_prison_director';
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
 * Whether a prison may upload this (validated) decision, and how: only a measure its director decides
 * (`PRISON_ISSUED_MEASURES`, platform/README.md "Decisions a prison uploads"), with authority
 * `prison_director`, for its own prison. Returns the refusal, or the decision attributed to the prison
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
      `a prison uploads only the measures its director decides (${PRISON_ISSUED_MEASURES.join(', ')}); ` +
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
  if (value.authority !== 'prison_director') {
    return refuse(
      400,
      'authority_not_prison_director',
      'authority',
      `a decision a prison uploads is its director's: set authority to "prison_director" (not "${String(value.authority)}")`,
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
