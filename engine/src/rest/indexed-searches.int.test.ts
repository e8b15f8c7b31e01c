import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../state/database';
import { elementInstances } from './entities/element-instances';
import { ElementNames } from './entities/element-names';
import { jobs } from './entities/jobs';
import { messageSubscriptions } from './entities/message-subscriptions';
import { processInstances } from './entities/process-instances';
import type { EntitySpec } from './search/entity-spec';
import { runSearch, searchSql } from './search/run-search';

jest.setTimeout(60_000);

const MANY = 200_000;
const FEW = 20;

/**
 * Searches read indexes, not tables: with 200,000 waiting instances, the searches the operations
 * view makes touch only the rows they return (checked on SQLite's query plan, and timed).
 */
describe('read API searches on a large database use indexes', () => {
  let dir: string;
  let reader: Db;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-rest-index-'));
    const db = openDatabase(dir, 'NORMAL');
    const pi = db.prepare(
      `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, state, start_time)
       VALUES (?, 1, 'mandate-follow-up', 1, ?, ?)`,
    );
    const ms = db.prepare(
      `INSERT INTO message_subscription (key, state, message_name, correlation_key, process_instance_key,
         element_instance_key, element_id, bpmn_process_id, process_definition_key, interrupting, creation_time)
       VALUES (?, ?, 'MandateAcknowledged', ?, ?, 0, 'await-ack', 'mandate-follow-up', 1, 1, 0)`,
    );
    const v = db.prepare(
      'INSERT INTO variable (key, process_instance_key, scope_key, name, value) VALUES (?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      // the few completed ones come last: a walk in key order would pass all the others first
      for (let i = 1; i <= MANY + FEW; i++) {
        const key = i * 10;
        const done = i > MANY;
        pi.run(key, done ? 'COMPLETED' : 'ACTIVE', Date.UTC(2026, 0, 1) + i * 1000);
        ms.run(key + 1, done ? 'CORRELATED' : 'CREATED', `M-${i}`, key);
        v.run(key + 2, key, key, 'mandateId', JSON.stringify(`M-${i}`));
      }
    })();
    db.close();
    reader = new Database(path.join(dir, 'engine.db'), { readonly: true });
  });
  afterAll(() => {
    reader.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** SQLite's plan of a search's page query, one line per step. */
  function plan<Row>(spec: EntitySpec<Row>, body: unknown): string {
    const q = searchSql(spec, body);
    const steps = reader.prepare(`EXPLAIN QUERY PLAN ${q.rows.sql}`).all(...q.rows.params) as {
      detail: string;
    }[];
    const count = reader.prepare(`EXPLAIN QUERY PLAN ${q.count.sql}`).all(...q.count.params) as {
      detail: string;
    }[];
    return [...steps, ...count].map((s) => s.detail).join('\n');
  }

  function timed<T>(run: () => T): { result: T; ms: number } {
    const start = process.hrtime.bigint();
    const result = run();
    return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
  }

  it('process instances filtered by a rare state, limit 50: the state index, no table scan, no sort', () => {
    const body = { filter: { state: 'COMPLETED' }, page: { limit: 50 } };
    const p = plan(processInstances, body);
    expect(p).toMatch(/process_instance_by_state_key/);
    expect(p).not.toMatch(/SCAN pi\b(?! USING)/);
    expect(p).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    const { result, ms } = timed(() => runSearch(reader, processInstances, body));
    expect(result.items).toHaveLength(FEW);
    expect(result.page).toMatchObject({ totalItems: FEW, hasMoreTotalItems: false });
    console.log(`state=COMPLETED among ${MANY}: ${ms.toFixed(1)} ms`);
  });

  it('process instances filtered by the common state: the count stops at 10,000 (hasMoreTotalItems)', () => {
    const body = {
      filter: { state: 'ACTIVE', processDefinitionId: 'mandate-follow-up' },
      page: { limit: 50 },
    };
    const { result, ms } = timed(() => runSearch(reader, processInstances, body));
    expect(result.items).toHaveLength(50);
    expect(result.page).toMatchObject({ totalItems: 10_000, hasMoreTotalItems: true });
    // the next page by cursor continues in key order
    const next = runSearch(reader, processInstances, {
      ...body,
      page: { limit: 50, after: result.page.endCursor },
    });
    expect(Number(next.items[0].processInstanceKey)).toBeGreaterThan(
      Number(result.items[49].processInstanceKey),
    );
    console.log(`state=ACTIVE (${MANY}) first page + capped count: ${ms.toFixed(1)} ms`);
  });

  it('process instances by a variable value: driven by the variable index', () => {
    const body = { filter: { variables: [{ name: 'mandateId', value: JSON.stringify(`M-${MANY - 7}`) }] } };
    expect(plan(processInstances, body)).toMatch(/variable_by_name_value/);
    const { result, ms } = timed(() => runSearch(reader, processInstances, body));
    expect(result.items.map((i) => i.processInstanceKey)).toEqual([String((MANY - 7) * 10)]);
    console.log(`variables mandateId = one value among ${MANY}: ${ms.toFixed(1)} ms`);
  });

  it('open message subscriptions, and those of one instance: indexed', () => {
    const open = { filter: { messageSubscriptionState: 'CORRELATED' }, page: { limit: 50 } };
    expect(plan(messageSubscriptions, open)).toMatch(/message_subscription_by_state/);
    const { result, ms } = timed(() => runSearch(reader, messageSubscriptions, open));
    expect(result.items).toHaveLength(FEW);
    console.log(`subscriptions state=CORRELATED among ${MANY}: ${ms.toFixed(1)} ms`);
    expect(plan(messageSubscriptions, { filter: { processInstanceKey: '50' } })).toMatch(
      /message_subscription_by_instance/,
    );
  });

  it("an instance's jobs and element instances: by the instance indexes", () => {
    expect(plan(jobs, { filter: { processInstanceKey: '50' } })).toMatch(/job_by_instance/);
    expect(
      plan(elementInstances(new ElementNames(reader)), { filter: { processInstanceKey: '50' } }),
    ).toMatch(/element_instance_by_instance/);
  });
});
