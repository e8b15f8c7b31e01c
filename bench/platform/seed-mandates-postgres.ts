import { Client } from 'pg';

/**
 * The PostgreSQL twin of seed-mandates.ts: the same decisions and mandates (same ids, recipients,
 * statuses, times and deadlines), generated inside the database with generate_series, then VACUUM (ANALYZE).
 * The seeded decisions point at one empty placeholder document (decisions → documents is a foreign
 * key on PostgreSQL).
 */
export async function seedMandatesPostgres(
  url: string,
  count: number,
  policeZones: string[],
  justiceHouses: string[],
  hot: { policeZone: string; justiceHouse: string },
): Promise<{ hotPolice: number }> {
  const input = JSON.stringify({
    reference: 'x',
    authority: 'sentence_enforcement_court',
    court: "Tribunal de l'application des peines de Mons",
    decisionDate: '2026-11-20',
    measure: 'conditional_release',
    electronicMonitoring: false,
    language: 'fr',
    conditions: { general: ['no_new_offences', 'fixed_address', 'respond_to_summons'], particular: [] },
    person: {
      nrn: '85073003328',
      lastName: 'Dupont',
      firstNames: 'Jean Marie',
      birthDate: '1985-07-30',
      domicile: { street: 'Rue de la Gare', number: '12', postalCode: '7780', municipalityNis: '57097' },
    },
  });
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query('SET LOCAL synchronous_commit = off');
    await db.query(
      `INSERT INTO documents (sha256, bytes, size, created_at) VALUES ('seed', '\\x', 0, '2026-11-26T00:00:00.000Z')
       ON CONFLICT (sha256) DO NOTHING`,
    );
    const iso = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS".000Z"')`;
    const at = iso(`timestamp '2026-11-26 00:00:00' - make_interval(secs => i % 86400)`);
    const deadline = iso(
      `timestamp '2026-11-26 00:00:00' + make_interval(secs => (i::bigint * 7919) % 2592000)`,
    );
    await db.query(
      `INSERT INTO decisions (id, seq, reference, content_sha256, document_sha256, document_name, document_bytes,
         input_json, status, parquet_id, province, nis, measure, prison_id, language, routing_json,
         process_instance_key, created_at, created_by)
       SELECT 'D-' || (900000000 + i), 900000000 + i, 'BENCH-' || i, 'seed', 'seed', 'seed.pdf', 0, $1, 'routed',
         'PAR-MONS-TOURNAI', 'BE-WHT', '57097', 'conditional_release', NULL, 'fr', NULL, NULL, ${at}, 'bench'
       FROM generate_series(0, $2::int - 1) AS i`,
      [input, Math.floor(count / 2)],
    );
    const statuses = `(ARRAY['issued','issued','acknowledged','reported'])`;
    for (const [suffix, kind, recipients, hotOne, shift] of [
      ['POL', 'police_check', policeZones, hot.policeZone, 0],
      ['JH', 'guidance', justiceHouses, hot.justiceHouse, 1],
    ] as const) {
      await db.query(
        `INSERT INTO mandates (id, decision_id, kind, recipient_id, province, parquet_id, origin, status,
           issued_at, deadline, overdue, manual_assignment)
         SELECT 'M-' || (900000000 + i) || '-${suffix}', 'D-' || (900000000 + i), '${kind}',
           CASE WHEN i % 10 = 0 THEN $1 ELSE ($2::text[])[(i % $3::int) + 1] END,
           'BE-WHT', 'PAR-MONS-TOURNAI', 'process', ${statuses}[((i + ${shift}) % 4) + 1], ${at}, ${deadline}, 0, 0
         FROM generate_series(0, $4::int - 1) AS i`,
        [hotOne, recipients, recipients.length, Math.floor(count / 2)],
      );
    }
    await db.query(`INSERT INTO counters (name, value) VALUES ('decision', 0) ON CONFLICT (name) DO NOTHING`);
    await db.query('COMMIT');
    // As a database that has served a while: autovacuum has passed over the rows (and set their
    // hint bits and visibility map), and their pages are written out. Without it, the measured
    // seconds overlapped that work on a million fresh rows.
    await db.query('VACUUM (ANALYZE)');
    await db.query('CHECKPOINT');
  } finally {
    await db.end();
  }
  let hotPolice = 0;
  for (let i = 0; i < count / 2; i++) {
    const pz = i % 10 === 0 ? hot.policeZone : policeZones[i % policeZones.length]!;
    if (pz === hot.policeZone) hotPolice++;
  }
  return { hotPolice };
}
