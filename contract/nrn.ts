/**
 * Belgian national register numbers (rijksregisternummer / numéro de registre national) and BIS
 * numbers: YYMMDD-SSS-CC, where CC = 97 − (YYMMDDSSS mod 97), and for people born from 2000 on the
 * digit 2 is put in front of YYMMDDSSS before the mod. BIS numbers add 20 (sex unknown) or 40 (sex
 * known) to the month. Month or day 00 is allowed (birth date not fully known). One check for every
 * client: the platform validates with it, the web checks as the number is typed.
 */
export type NrnCheck =
  | {
      ok: true;
      /** 11 digits. */
      nrn: string;
      /** 85.07.30-033.28 */
      formatted: string;
      /** YYYY-MM-DD, or null when the month or day is 00. */
      birthDate: string | null;
      kind: 'nrn' | 'bis';
      sex: 'M' | 'F' | null;
    }
  | { ok: false; code: 'nrn_format' | 'nrn_checksum' | 'nrn_date'; message: string };

const SEPARATORS = /[\s.-]/g;

/** Formats 11 digits the way the number is printed on an identity card: 85.07.30-033.28. */
export function formatNrn(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9, 11)}`;
}

/** The check digits a number gets for people born in the 1900s (`century` 1900) or from 2000 on. */
export function nrnCheckDigits(firstNine: string, century: 1900 | 2000): number {
  const base = century === 2000 ? Number(`2${firstNine}`) : Number(firstNine);
  return 97 - (base % 97);
}

/**
 * Validates a national register or BIS number, accepting digits with or without `.`, `-` and
 * spaces. Used for every person the platform receives; never throws.
 */
export function checkNrn(input: string): NrnCheck {
  if (typeof input !== 'string') {
    return { ok: false, code: 'nrn_format', message: 'national register number must be a text of 11 digits' };
  }
  const digits = input.replace(SEPARATORS, '');
  if (!/^[0-9]{11}$/.test(digits)) {
    return {
      ok: false,
      code: 'nrn_format',
      message: `national register number "${truncate(input)}" must have 11 digits (YYMMDD-SSS-CC, dots, dashes and spaces allowed), it has ${countDigits(input)}${/[^0-9\s.-]/.test(input) ? ' and other characters' : ''}`,
    };
  }
  const formatted = formatNrn(digits);
  const firstNine = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  const centuries = ([1900, 2000] as const).filter((c) => nrnCheckDigits(firstNine, c) === check);
  if (centuries.length === 0) {
    return {
      ok: false,
      code: 'nrn_checksum',
      message: `national register number ${formatted} fails its check digits: check the number for a typing error`,
    };
  }
  const yy = Number(digits.slice(0, 2));
  const rawMonth = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const sequence = Number(digits.slice(6, 9));
  const { kind, month, sexKnown } = decodeMonth(rawMonth);
  if (month === null || day > 31) {
    return {
      ok: false,
      code: 'nrn_date',
      message: `national register number ${formatted} does not encode a birth date: month ${pad(rawMonth)} or day ${pad(day)} is out of range`,
    };
  }
  for (const century of centuries) {
    const year = century + yy;
    if (month === 0 || day === 0) return success(digits, formatted, null, kind, sexKnown, sequence);
    if (isRealDate(year, month, day)) {
      return success(digits, formatted, `${year}-${pad(month)}-${pad(day)}`, kind, sexKnown, sequence);
    }
  }
  return {
    ok: false,
    code: 'nrn_date',
    message: `national register number ${formatted} encodes a birth date that does not exist (${pad(day)}/${pad(month)}/${yy < 10 ? '0' : ''}${yy})`,
  };
}

function success(
  nrn: string,
  formatted: string,
  birthDate: string | null,
  kind: 'nrn' | 'bis',
  sexKnown: boolean,
  sequence: number,
): NrnCheck {
  const sex = sexKnown ? (sequence % 2 === 1 ? 'M' : 'F') : null;
  return { ok: true, nrn, formatted, birthDate, kind, sex };
}

/** Ordinary numbers have month 0–12; BIS numbers 20–32 (sex unknown) or 40–52 (sex known). */
function decodeMonth(raw: number): { kind: 'nrn' | 'bis'; month: number | null; sexKnown: boolean } {
  if (raw <= 12) return { kind: 'nrn', month: raw, sexKnown: true };
  if (raw >= 20 && raw <= 32) return { kind: 'bis', month: raw - 20, sexKnown: false };
  if (raw >= 40 && raw <= 52) return { kind: 'bis', month: raw - 40, sexKnown: true };
  return { kind: 'nrn', month: null, sexKnown: false };
}

/** True when year-month-day is a date of the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function countDigits(text: string): number {
  return (text.match(/[0-9]/g) ?? []).length;
}

function truncate(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
