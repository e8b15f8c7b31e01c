import { justificationHeader } from './client';

describe('X-Justification header value', () => {
  it('sends ASCII as it is', () => {
    expect(justificationHeader('incident 2026-117')).toBe('incident 2026-117');
  });
  it('sends anything else as an RFC 8187 ext-value (fetch takes Latin-1 only)', () => {
    expect(justificationHeader('contrôle de l’escalade')).toBe(
      "UTF-8''contr%C3%B4le%20de%20l%E2%80%99escalade",
    );
    expect(justificationHeader('Şahin')).toBe("UTF-8''%C5%9Eahin");
    // A typed reason that looks like the encoded form is encoded too, so it reads back as typed.
    expect(justificationHeader("UTF-8''x")).toBe("UTF-8''UTF-8''x");
  });
});
