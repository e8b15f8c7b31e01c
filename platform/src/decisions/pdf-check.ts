import type { FieldProblem } from '../errors';

/**
 * A decision document must be a PDF: it starts with `%PDF-` and has an `%%EOF` marker near its end
 * (within the last 1,024 bytes, as readers accept). Returns the problems, empty when acceptable.
 */
export function checkPdf(data: Buffer, maxBytes: number, field = 'document'): FieldProblem[] {
  if (data.length === 0)
    return [
      { field, code: 'document_missing', message: 'the document is empty; attach the decision as a PDF' },
    ];
  if (data.length > maxBytes) {
    return [
      {
        field,
        code: 'document_too_large',
        message: `the document has ${data.length} bytes; the limit is ${maxBytes} bytes (IPLUS_MAX_DOCUMENT_BYTES)`,
      },
    ];
  }
  if (data.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return [
      {
        field,
        code: 'document_not_pdf',
        message: 'the document is not a PDF (it does not start with %PDF-); attach the decision as a PDF',
      },
    ];
  }
  if (
    !data
      .subarray(Math.max(0, data.length - 1024))
      .toString('latin1')
      .includes('%%EOF')
  ) {
    return [
      {
        field,
        code: 'document_truncated',
        message: 'the PDF has no %%EOF marker at its end; it looks truncated, attach the complete file',
      },
    ];
  }
  return [];
}
