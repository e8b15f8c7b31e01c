import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

const secret = 'k'.repeat(32);
const at = new Date('2026-12-01T08:00:00.000Z');
const body = '{"event":"escalation"}';

describe('webhook signature (HMAC-SHA256 over "<t>.<body>")', () => {
  it('is the documented HMAC of the time and the raw body', () => {
    const expected = createHmac('sha256', secret).update(`1796112000.${body}`).digest('hex');
    expect(signWebhook(secret, body, at)).toBe(`t=1796112000,v1=${expected}`);
  });

  it('verifies within the replay window and refuses outside it, on either side', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook(secret, header, body, new Date(at.getTime() + 300_000)).ok).toBe(true);
    expect(verifyWebhook(secret, header, body, new Date(at.getTime() + 301_000)).ok).toBe(false);
    expect(verifyWebhook(secret, header, body, new Date(at.getTime() - 301_000)).ok).toBe(false);
    expect(verifyWebhook(secret, header, body, new Date(at.getTime() + 3_600_000), 3600).ok).toBe(true);
  });

  it('refuses another secret, a changed body, a changed time and a malformed header', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook('x'.repeat(32), header, body, at)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(verifyWebhook(secret, header, body.replace('escalation', 'breach'), at).ok).toBe(false);
    expect(verifyWebhook(secret, header.replace('t=1796112000', 't=1796112001'), body, at).ok).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', 't=now,v1=' + '0'.repeat(64), 't=1796112000,v1=zz']) {
      expect(verifyWebhook(secret, bad, body, at)).toEqual({
        ok: false,
        reason: expect.stringContaining('t=<unix seconds>'),
      });
    }
  });
});
