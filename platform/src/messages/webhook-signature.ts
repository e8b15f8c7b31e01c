import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'iplus-signature';
/** The header that carries the message's id, the same on every attempt (receivers de-duplicate on it). */
export const MESSAGE_ID_HEADER = 'iplus-message-id';
/** How far a signature's time may be from the receiver's clock: older deliveries are replays. */
export const REPLAY_WINDOW_SECONDS = 300;

/**
 * Signs a webhook body: HMAC-SHA256 with the agency's secret over `<t>.<body>`, where `t` is the
 * sending time in Unix seconds. Signing the time with the body lets a receiver refuse a captured
 * request replayed later, without keeping every id forever.
 */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export type SignatureCheck = { ok: true; at: Date } | { ok: false; reason: string };

/**
 * What a receiver does (and what the tests do): the header parses, the HMAC matches the raw body,
 * and its time is within the replay window of the receiver's clock.
 */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): SignatureCheck {
  const parts = new Map(
    (header ?? '').split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) {
    return { ok: false, reason: `${SIGNATURE_HEADER} must read t=<unix seconds>,v1=<64 hex digits>` };
  }
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { ok: false, reason: 'signature mismatch' };
  if (Math.abs(now.getTime() / 1000 - t) > windowSeconds) {
    return { ok: false, reason: `signed at ${t}, outside the ${windowSeconds} s replay window` };
  }
  return { ok: true, at: new Date(t * 1000) };
}
