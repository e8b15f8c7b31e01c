import PDFDocument from 'pdfkit';
import type { AccessReport } from './access-report';

/** The access report as a PDF (A4, one section per case and the consultations as a list), for the DPO or the COC. */
export function accessReportPdf(r: AccessReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'iplus access report', Author: 'iplus' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (text: string, size = 10) => doc.fontSize(size).text(text);
  line('iplus — access report (Directive (EU) 2016/680 art. 14; law of 30 July 2018, Title 2)', 14);
  line(`Generated ${r.generatedAt} by ${r.generatedBy}; person pseudonym ${r.personPseudonym}`);
  doc.moveDown();
  line(`Cases held: ${r.held.length}`, 12);
  for (const c of r.held) {
    const p = c.person as { lastName?: string; firstNames?: string; nrn?: string; birthDate?: string };
    line(`${c.decisionId} (${c.reference}) — ${c.measure}, ${c.status}, received ${c.createdAt}`);
    line(
      `  person: ${p.lastName ?? ''}, ${p.firstNames ?? ''}, NRN ${p.nrn ?? ''}, born ${p.birthDate ?? '?'}`,
    );
    line(`  ended: ${c.endedAt ?? 'running'}; erased after: ${c.erasedAfter ?? 'the case has not ended'}`);
    line(`  document: ${c.document.name} (${c.document.bytes} bytes)`);
    for (const m of c.mandates) line(`  mandate ${m.id}: ${m.kind} to ${m.recipientId}, ${m.status}`);
    for (const s of c.signalements) line(`  signalement ${s.id}: ${s.register}, ${s.status}`);
    line(`  notifications: ${c.notifications}`);
  }
  doc.moveDown();
  line(`Cases erased: ${r.erased.length}`, 12);
  for (const e of r.erased)
    line(
      `${e.decisionId}: erased ${e.erasedAt} by ${e.erasedBy} (${e.reason}: ${e.justification}); ended ${e.endedAt ?? '-'}`,
    );
  doc.moveDown();
  line(`Consultations and changes: ${r.consultations.length}`, 12);
  for (const c of r.consultations)
    line(
      `#${c.seq} ${c.at} ${c.user} (${c.agencyId}) ${c.action} ${c.object.slice(0, 120)} — ${c.outcome}${c.justification ? ` — why: ${c.justification}` : ''}`,
      8,
    );
  doc.end();
  return done;
}
