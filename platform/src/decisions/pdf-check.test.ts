import { checkPdf } from './pdf-check';

const pdf = (body: string) => Buffer.from(body, 'latin1');

describe('checkPdf', () => {
  it('accepts a PDF with its header and an %%EOF near the end', () => {
    expect(checkPdf(pdf('%PDF-1.7\n...\n%%EOF\n'), 1000)).toEqual([]);
    expect(checkPdf(Buffer.concat([pdf('%PDF-1.4\n%%EOF'), Buffer.alloc(500, 10)]), 2000)).toEqual([]);
  });

  it.each([
    ['', 'document_missing'],
    ['GIF89a...%%EOF', 'document_not_pdf'],
    ['%PDF-1.4 but cut short', 'document_truncated'],
  ])('refuses %j with %s', (body, code) => {
    expect(checkPdf(pdf(body), 1000).map((p) => p.code)).toEqual([code]);
  });

  it('refuses a marker buried more than 1,024 bytes before the end', () => {
    expect(checkPdf(Buffer.concat([pdf('%PDF-1.4\n%%EOF'), Buffer.alloc(1100, 32)]), 5000)[0]!.code).toBe(
      'document_truncated',
    );
  });

  it('names the limit when the document is too large', () => {
    const [p] = checkPdf(pdf('%PDF-1.4 %%EOF'), 5);
    expect(p).toMatchObject({ field: 'document', code: 'document_too_large' });
    expect(p!.message).toContain('IPLUS_MAX_DOCUMENT_BYTES');
  });
});
