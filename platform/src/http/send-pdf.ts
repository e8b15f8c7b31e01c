import type { FastifyReply } from 'fastify';

/** Answers with a stored PDF as an attachment under its (quote-free) file name. */
export function sendPdf(reply: FastifyReply, doc: { bytes: Buffer; fileName: string }): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${doc.fileName.replace(/"/g, '')}"`)
    .send(doc.bytes);
}
