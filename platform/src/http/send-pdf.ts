import * as http from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * `Content-Disposition` for a download (RFC 6266): `filename*` carries the real name in UTF-8
 * (RFC 5987 percent-encoding), `filename` an ASCII fallback for old clients. A header value must be
 * Latin-1 without control characters, so a raw `Beslissing Şahin.pdf` cannot go in as is.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\x20-\x7e]|["\\%]/g, '_')
      .trim() || 'document.pdf';
  const encoded = encodeURIComponent(fileName.normalize('NFC')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sets the headers of a PDF answer and checks them the way Node will when it writes them, so a
 * header that cannot be sent fails here, before the read is audited as done; returns the send.
 */
export function preparePdf(
  reply: FastifyReply,
  doc: { bytes: Buffer; fileName: string },
): () => FastifyReply {
  const disposition = contentDisposition(doc.fileName);
  http.validateHeaderValue('content-disposition', disposition);
  reply.type('application/pdf').header('content-disposition', disposition);
  return () => reply.send(doc.bytes);
}
