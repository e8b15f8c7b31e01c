import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import { openTestStore, type TestStore } from '../__fixtures__/test-store';
import { ManualClock } from '../clock';
import { recordRouting } from './record-routing';

/** Counts the UPDATE statements a Kysely instance runs. */
class CountUpdates implements KyselyPlugin {
  updates = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    if (args.node.kind === 'UpdateQueryNode') this.updates += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

describe('recordRouting (routing/record-routing)', () => {
  let store: TestStore;
  const clock = new ManualClock();
  beforeEach(async () => {
    store = await openTestStore('iplus-record-routing-');
    const document = await store.documents.put(Buffer.from('%PDF-1.4 decision'));
    await store.db
      .insertInto('decisions')
      .values({
        id: 'D-000001',
        seq: 1,
        reference: 'REF-1',
        content_sha256: 'c1',
        document_sha256: document.sha256,
        document_name: 'decision.pdf',
        document_bytes: 100,
        input_json: '{}',
        status: 'received',
        parquet_id: 'PAR-MONS-TOURNAI',
        province: 'BE-WHT',
        nis: '53053',
        measure: 'conditional_release',
        language: 'fr',
        created_at: '2026-01-01T00:00:00.000Z',
        created_by: 'clerk.mons',
      })
      .execute();
  });
  afterEach(() => store.dispose());

  it('records the routing once when the first jobs of a decision arrive together (one write, one event)', async () => {
    const counter = new CountUpdates();
    const ctx = { db: store.db.withPlugin(counter), clock };
    const routing = { policeZoneId: 'PZ-5318', live: true };
    await Promise.all([1, 2, 3, 4].map(() => recordRouting(ctx, 'D-000001', routing)));
    expect(counter.updates).toBe(1);
    const d = await store.db
      .selectFrom('decisions')
      .select('routing_json')
      .where('id', '=', 'D-000001')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(d.routing_json!)).toEqual(routing);
    const events = await store.db
      .selectFrom('decision_events')
      .select('event')
      .where('decision_id', '=', 'D-000001')
      .execute();
    expect(events.map((e) => e.event)).toEqual(['routed']);
    // Once kept, a later call reads and writes nothing.
    await recordRouting(ctx, 'D-000001', routing);
    expect(counter.updates).toBe(1);
  });
});
