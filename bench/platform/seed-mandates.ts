import SQLite from 'better-sqlite3';

/**
 * Seeds `count` mandates straight into a platform database (schema already migrated), two per
 * decision (police zone and justice house), spread over `recipients` agencies with deadlines over
 * the next 30 days: the inbox the benchmark reads is one of those agencies'. One transaction,
 * prepared statements; returns how many of the mandates the given agency holds.
 */
export function seedMandates(
  dbFile: string,
  count: number,
  policeZones: string[],
  justiceHouses: string[],
  hot: { policeZone: string; justiceHouse: string },
): { hotPolice: number } {
  const db = new SQLite(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
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
  const decision = db.prepare(
    `INSERT INTO decisions (id, seq, reference, content_sha256, document_sha256, document_name, document_bytes, input_json, status,
       parquet_id, province, nis, measure, prison_id, language, routing_json, process_instance_key, created_at, created_by)
     VALUES (?, ?, ?, 'seed', 'seed', 'seed.pdf', 0, ?, 'routed', 'PAR-MONS-TOURNAI', 'BE-WHT', '57097', 'conditional_release', NULL, 'fr', NULL, NULL, ?, 'bench')`,
  );
  const mandate = db.prepare(
    `INSERT INTO mandates (id, decision_id, kind, recipient_id, province, parquet_id, origin, status, issued_at, deadline, overdue, manual_assignment)
     VALUES (?, ?, ?, ?, 'BE-WHT', 'PAR-MONS-TOURNAI', 'process', ?, ?, ?, 0, 0)`,
  );
  const base = Date.parse('2026-11-26T00:00:00Z');
  const statuses = ['issued', 'issued', 'acknowledged', 'reported'];
  let hotPolice = 0;
  const seed = db.transaction(() => {
    for (let i = 0; i < count / 2; i++) {
      const seq = 900_000_000 + i;
      const id = `D-${seq}`;
      const at = new Date(base - (i % 86_400) * 1000).toISOString();
      decision.run(id, seq, `BENCH-${i}`, input, at);
      // Every 10th decision goes to the hot zone and house, the others spread evenly.
      const pz = i % 10 === 0 ? hot.policeZone : policeZones[i % policeZones.length]!;
      const jh = i % 10 === 0 ? hot.justiceHouse : justiceHouses[i % justiceHouses.length]!;
      if (pz === hot.policeZone) hotPolice++;
      const deadline = new Date(base + ((i * 7919) % (30 * 86_400)) * 1000).toISOString();
      mandate.run(`M-${seq}-POL`, id, 'police_check', pz, statuses[i % 4], at, deadline);
      mandate.run(`M-${seq}-JH`, id, 'guidance', jh, statuses[(i + 1) % 4], at, deadline);
    }
    db.prepare(
      `INSERT INTO counters (name, value) VALUES ('decision', 0) ON CONFLICT(name) DO NOTHING`,
    ).run();
  });
  seed();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { hotPolice };
}
