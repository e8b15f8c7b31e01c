import * as crypto from 'node:crypto';
import { checkNrn } from '@iplus/contract';
import type { NamedPerson } from '../audit/people-named';

/** Name particles that are words of their own too: never replaced alone (only within the full name). */
const PARTICLES = new Set([
  'van',
  'de',
  'den',
  'der',
  'le',
  'la',
  'du',
  'des',
  'von',
  'di',
  'da',
  'del',
  'ter',
  'ten',
  'op',
  'het',
]);

/** Letters, marks and digits: what a name may not touch on either side to be a whole word. */
const WORD = '[\\p{L}\\p{M}\\p{N}]';

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

  /**
   * Replaces the names of `people` in a free text (an audit entry's justification, an erasure's) by
   * `person:<pseudonym>`: the full name either way round, the last name, each first name, each part
   * of a compound last name but its particles. Case and accents do not matter (DUPONT, dupont;
   * Lemaitre for Lemaître). A person without a number gets no pseudonym and is left as written.
   */
  scrubPeople(text: string, people: readonly NamedPerson[]): string {
    let out = text.normalize('NFD');
    let changed = false;
    for (const p of people) {
      if (!p.nrn) continue;
      const tag = `person:${this.person(p.nrn)}`;
      for (const phrase of namePhrases(p)) {
        const next = out.replace(phraseRegex(phrase), tag);
        changed ||= next !== out;
        out = next;
      }
    }
    return changed ? out.normalize('NFC') : text;
  }

  /** Replaces every valid national register number in a text by `nrn:<pseudonym>` (audit entries). */
  scrub(text: string): string {
    if (!/\d{6}/.test(text.replace(/[\s.-]/g, ''))) return text;
    return text.replace(NRN_LIKE, (m) => (checkNrn(m).ok ? `nrn:${this.person(m)}` : m));
  }
}

/** The ways a person's name may be written, longest first (so a full name is replaced whole). */
function namePhrases(p: NamedPerson): string[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ');
  const last = fold(p.lastName ?? '');
  const first = fold(p.firstNames ?? '');
  const parts = (s: string) =>
    s.split(/[\s-]+/).filter((w) => w.length >= 2 && !PARTICLES.has(w.toLowerCase()));
  const phrases = new Set(
    [
      first && last ? `${first} ${last}` : '',
      first && last ? `${last} ${first}` : '',
      last,
      first,
      ...parts(last),
      ...parts(first),
    ].filter((x) => x.length >= 2),
  );
  return [...phrases].sort((a, b) => b.length - a.length);
}

/** A whole-word, case-insensitive pattern for a folded phrase over NFD text: any accents, any spaces. */
function phraseRegex(phrase: string): RegExp {
  const body = [...phrase]
    .map((c) => (/[\s-]/.test(c) ? '[\\s,-]+' : `${c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\p{M}*`))
    .join('');
  return new RegExp(`(?<!${WORD})${body}(?!${WORD})`, 'giu');
}
