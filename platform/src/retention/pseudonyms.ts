import * as crypto from 'node:crypto';
import { checkNrn } from '@iplus/contract';

/** Eleven digits, with the separators people type (85.07.30-033.28, 85073003328). */
const NRN_LIKE = /(?<!\d)\d{2}[.\s-]?\d{2}[.\s-]?\d{2}[.\s-]?\d{3}[.\s-]?\d{2}(?!\d)/g;

/**
 * Keyed pseudonyms of people: HMAC-SHA-256 of the national register number under a key held apart
 * from the data (IPLUS_PSEUDONYM_KEY_FILE), so the same person always gets the same pseudonym (the
 * access report finds an erased case's history) but no one holding the database can reverse it or
 * test a guessed number without the key.
 */
export class Pseudonyms {
  constructor(private readonly key: Buffer) {}

  /** `P-` and 32 hex digits for a national register number (any accepted spelling). */
  person(nrn: string): string {
    const digits = nrn.replace(/[\s.-]/g, '');
    return `P-${crypto.createHmac('sha256', this.key).update(`iplus person\n${digits}`).digest('hex').slice(0, 32)}`;
  }

  /** Replaces every valid national register number in a text by `nrn:<pseudonym>` (audit entries). */
  scrub(text: string): string {
    if (!/\d{6}/.test(text.replace(/[\s.-]/g, ''))) return text;
    return text.replace(NRN_LIKE, (m) => (checkNrn(m).ok ? `nrn:${this.person(m)}` : m));
  }
}
