import { openTestStore, type TestStore } from '../__fixtures__/test-store';
import { caseEnd, endedCases } from './case-end';

/** A decision row in `status`, ended at `endedAt` (when given), with or without a measure end. */
function row(
  id: string,
  seq: number,
  status: string,
  endedAt: string | null,
  measureEnd: string | null = null,
) {
  return {
    id,
    seq,
    reference: `REF-${id}`,
    content_sha256: `c${seq}`,
    document_sha256: `d${seq}`,
    document_name: 'decision.pdf',
    document_bytes: 100,
    input_json: '{}',
    status,
    parquet_id: 'PAR-MONS-TOURNAI',
    province: 'BE-WHT',
    nis: '53053',
    measure: 'conditional_release',
    language: 'fr',
    created_at: '2026-01-01T00:00:00.000Z',
    created_by: 'clerk.mons',
    measure_end: measureEnd,
    ended_at: endedAt,
  };
}

// Retention counts from the end of the measure only (issue 16 with issue 15's lifecycle): a closed
// decision (every mandate reported) of an open-ended measure is still supervised, and its process
// instance still runs: it never expires until the measure ends or is revoked.
describe('when a case ended (retention/case-end)', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore();
    await store.db
      .insertInto('decisions')
      .values([
        row('D-000001', 1, 'closed', null),
        row('D-000002', 2, 'closed', null, '2026-06-30'),
        row('D-000003', 3, 'ended', '2026-02-01T00:00:00.000Z', '2026-01-31'),
        row('D-000004', 4, 'revoked', '2026-01-15T00:00:00.000Z'),
        row('D-000005', 5, 'routed', null),
        row('D-000006', 6, 'revoked', null),
      ])
      .execute();
  });
  afterEach(() => store.dispose());

  it('ends a case handed to the old channel at the handover (its process ended there)', async () => {
    await store.db
      .insertInto('decisions')
      .values(row('D-000007', 7, 'old_channel', null))
      .execute();
    const event = (key: string, at: string) => ({
      key,
      decision_id: 'D-000007',
      at,
      event: 'old_channel',
      mandate_id: null,
      agency_id: 'COORD-BE-WHT',
    });
    await store.db
      .insertInto('decision_events')
      .values([event('e2', '2026-01-10T00:00:00.000Z'), event('e1', '2026-01-05T00:00:00.000Z')])
      .execute();
    expect(await caseEnd(store.db, 'D-000007')).toBe('2026-01-05T00:00:00.000Z');
    expect(await endedCases(store.db, '2026-01-20')).toEqual([
      { decisionId: 'D-000007', endedAt: '2026-01-05T00:00:00.000Z' },
      { decisionId: 'D-000004', endedAt: '2026-01-15T00:00:00.000Z' },
    ]);
  });

  it('counts only measures ended or revoked, from when they ended, oldest first', async () => {
    expect(await endedCases(store.db, '9999')).toEqual([
      { decisionId: 'D-000004', endedAt: '2026-01-15T00:00:00.000Z' },
      { decisionId: 'D-000003', endedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    expect(await endedCases(store.db, '2026-01-20')).toEqual([
      { decisionId: 'D-000004', endedAt: '2026-01-15T00:00:00.000Z' },
    ]);
  });

  it('never ends a closed case (open-ended or not), a running one, or one with no end time', async () => {
    for (const id of ['D-000001', 'D-000002', 'D-000005', 'D-000006'])
      expect(await caseEnd(store.db, id)).toBeNull();
    expect(await caseEnd(store.db, 'D-000003')).toBe('2026-02-01T00:00:00.000Z');
  });
});
