/**
 * The Belgian national register number (NRN, YYMMDD-SSS-CC) checked in the browser as it is typed,
 * with the same rules as the platform: check digits = 97 − (first 9 digits mod 97), with "2" put in
 * front of the 9 digits for people born from 2000 on; BIS numbers add 20 (sex unknown) or 40 (sex
 * known) to the month; a month or day of 00 is allowed (date of birth not fully known).
 */
export type NrnCheck =
  | {
      ok: true;
      nrn: string;
      formatted: string;
      /** YYYY-MM-DD, or null when the month or day is 00. */
      birthDate: string | null;
      kind: 'nrn' | 'bis';
      sex: 'M' | 'F' | null;
    }
  | { ok: false; code: 'nrn_format' | 'nrn_checksum' | 'nrn_date' };

/** Checks a number typed with or without dots, dashes and spaces. */
export function checkNrn(input: string): NrnCheck {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{11}$/.test(digits)) return { ok: false, code: 'nrn_format' };
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  const centuries: number[] = [];
  if (97 - (base % 97) === check) centuries.push(1900);
  if (97 - ((2_000_000_000 + base) % 97) === check) centuries.push(2000);
  if (centuries.length === 0) return { ok: false, code: 'nrn_checksum' };

  const yy = Number(digits.slice(0, 2));
  let month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  let kind: 'nrn' | 'bis' = 'nrn';
  let sexKnown = true;
  if (month >= 40) {
    kind = 'bis';
    month -= 40;
  } else if (month >= 20) {
    kind = 'bis';
    month -= 20;
    sexKnown = false;
  }
  if (month > 12 || day > 31) return { ok: false, code: 'nrn_date' };
  const sequence = Number(digits.slice(6, 9));
  const sex = sexKnown ? (sequence % 2 === 1 ? 'M' : 'F') : null;
  const formatted = `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`;

  if (month === 0 || day === 0) {
    return { ok: true, nrn: digits, formatted, birthDate: null, kind, sex };
  }
  for (const century of centuries) {
    const year = century + yy;
    if (isRealDate(year, month, day)) {
      const birthDate = `${year}-${pad(month)}-${pad(day)}`;
      return { ok: true, nrn: digits, formatted, birthDate, kind, sex };
    }
  }
  return { ok: false, code: 'nrn_date' };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
