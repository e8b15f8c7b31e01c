import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import type { Logger } from '../logger';
import type { ReferenceLookup } from '../reference-port';
import type { Clock } from '../clock';
import { transact, type Db } from '../store/database';
import { sha256Hex } from '../store/document-store';
import { EngineRejection, type EnginePort } from '../engine-port';
import { candidateXml } from './candidate-xml';
import { routingDecisionId } from './preview-routing';
import { asRoutingOutput } from '../views/routing-view';
import { mismatches, parseRoutingTests, type RoutingTest } from './routing-tests';
import { checkDeployedIds, checkTableShape, decisionIds } from './table-shape';
import { deployRoutingTable, routingInForce } from './table-deployment';
import { toVersion, type TableVersion } from './table-version';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';

export type { TableVersion } from './table-version';

/**
 * The routing tables of the provinces, versioned in the store (xml, who, when, comment) and deployed
 * to the engine. A new version is tried first under candidate ids (`routing-<P>--candidate`) with the
 * province's saved test cases, evaluated by the engine itself; only when every case passes is it
 * deployed as `routing-<P>`, which processes call (latest version). A failing table never becomes the
 * one processes use.
 */
export class RoutingTables {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly engine: EnginePort,
    private readonly reference: ReferenceLookup,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Provinces with a routing table: the ten provinces and Brussels. */
  provinces(): string[] {
    return this.reference.provinces().map((p) => p.code);
  }

  /** The latest version of a province's table, or undefined before seeding. */
  async latest(province: string): Promise<TableVersion | undefined> {
    const row = await this.db
      .selectFrom('routing_table_versions')
      .selectAll()
      .where('province', '=', province)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toVersion(row);
  }

  /** Every version of a province's table, newest first (without xml). */
  async versions(province: string): Promise<Array<Omit<TableVersion, 'xml'>>> {
    const rows = await this.db
      .selectFrom('routing_table_versions')
      .select([
        'province',
        'version',
        'sha256',
        'source',
        'deployed_at',
        'deployed_by',
        'comment',
        'decision_key',
      ])
      .where('province', '=', province)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => {
      const { xml: _xml, ...rest } = toVersion({ ...r, xml: '' });
      return rest;
    });
  }

  /** One version, or undefined. */
  async version(province: string, version: number): Promise<TableVersion | undefined> {
    const row = await this.db
      .selectFrom('routing_table_versions')
      .selectAll()
      .where('province', '=', province)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && toVersion(row);
  }

  /** The saved test cases of a province. */
  async tests(province: string): Promise<RoutingTest[]> {
    const row = await this.db
      .selectFrom('routing_tests')
      .select('tests_json')
      .where('province', '=', province)
      .executeTakeFirst();
    return row ? (JSON.parse(row.tests_json) as RoutingTest[]) : [];
  }

  /**
   * Seeds the store from `bpmn/routing/<P>.dmn` and `<P>.tests.json`. A file that changed since it
   * was last taken becomes a new version, unless someone edited the table through the API since: then
   * the human's version stays and the difference is logged.
   */
  async seedFromFiles(dir: string): Promise<void> {
    if (!fs.existsSync(dir)) {
      this.logger.warn('no routing tables folder', { dir });
      return;
    }
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.dmn'))
      .sort()) {
      const province = file.replace(/\.dmn$/, '');
      const xml = fs.readFileSync(path.join(dir, file), 'utf8');
      const sha = sha256Hex(xml);
      const latest = await this.latest(province);
      if (!latest) {
        await this.insertVersion(province, xml, 'file', 'system', `from bpmn/routing/${file}`, null);
      } else if (latest.sha256 !== sha) {
        const lastFromFile = await this.db
          .selectFrom('routing_table_versions')
          .select('sha256')
          .where('province', '=', province)
          .where('source', '=', 'file')
          .orderBy('version', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (latest.source === 'file') {
          await this.insertVersion(
            province,
            xml,
            'file',
            'system',
            `from bpmn/routing/${file} (file changed)`,
            null,
          );
        } else if (lastFromFile?.sha256 !== sha) {
          this.logger.warn(
            'routing table file changed, but the table was edited through the API since: keeping the edited version',
            {
              province,
              file,
            },
          );
        }
      }
      const testsFile = path.join(dir, `${province}.tests.json`);
      const hasTests = await this.db
        .selectFrom('routing_tests')
        .select('province')
        .where('province', '=', province)
        .executeTakeFirst();
      if (!hasTests && fs.existsSync(testsFile)) {
        await this.db
          .insertInto('routing_tests')
          .values({
            province,
            tests_json: JSON.stringify(parseRoutingTests(JSON.parse(fs.readFileSync(testsFile, 'utf8')))),
            updated_at: this.clock.now().toISOString(),
            updated_by: 'system',
          })
          .execute();
      }
    }
  }

  /** Deploys the latest version of every province to the engine (identical XML keeps its version). */
  async deployAll(): Promise<void> {
    // Side by side: at a restart under load each deploy waits its turn behind the engine's backlog,
    // and one round trip for all provinces instead of one per province keeps bring-up short.
    await Promise.all(
      (await this.storedProvinces()).map(async (province) => {
        const latest = (await this.latest(province))!;
        const key = await this.deployTable(province, latest.xml);
        if (key !== latest.decisionKey) {
          await this.db
            .updateTable('routing_table_versions')
            .set({ decision_key: key })
            .where('province', '=', province)
            .where('version', '=', latest.version)
            .execute();
        }
      }),
    );
  }

  /**
   * `PUT /api/routing/tables/{p}`: validates, tries the table under candidate ids against the saved
   * test cases, then deploys it and records the version. `ignoreLive` is for rollout changes, which
   * change `live` on purpose.
   */
  async put(
    province: string,
    xml: string,
    by: string,
    comment: string,
    source: 'api' | 'rollout' = 'api',
    ignoreLive = false,
  ): Promise<TableVersion> {
    return this.serialised(province, async () => {
      checkTableShape(province, xml);
      const latest = await this.latest(province);
      // The same table again is a no-op only while the engine still runs it; otherwise (its newest
      // `routing-<P>` came from elsewhere) it is deployed again, so restoring always takes effect.
      if (latest && latest.sha256 === sha256Hex(xml) && (await this.runs(province, latest.decisionKey)))
        return latest;
      const failures = await this.tryCandidate(province, xml, await this.tests(province), ignoreLive);
      if (failures.length > 0) {
        throw new UserError(
          422,
          'routing_tests_failed',
          'Saved test cases fail',
          `${failures.length} saved test case(s) fail with this table; fix the table or the tests: ${failures.join(' | ')}`,
          failures.map((f) => ({ field: 'xml', code: 'routing_test_failed', message: f })),
        );
      }
      const key = await this.deployTable(province, xml);
      return this.insertVersion(province, xml, source, by, comment, key);
    });
  }

  /** `PUT …/tests`: saves test cases once they pass against the table processes use now. */
  async putTests(province: string, raw: unknown, by: string): Promise<RoutingTest[]> {
    const tests = parseRoutingTests(raw);
    const latest = await this.latest(province);
    if (!latest)
      throw new UserError(404, 'not_found', 'No table', `province ${province} has no routing table`);
    const failures = await this.runTests(province, routingDecisionId(province), tests, false);
    if (failures.length > 0) {
      throw new UserError(
        422,
        'routing_tests_failed',
        'Test cases fail',
        `${failures.length} test case(s) fail against the current table: ${failures.join(' | ')}`,
        failures.map((f) => ({ field: 'tests', code: 'routing_test_failed', message: f })),
      );
    }
    await this.db
      .insertInto('routing_tests')
      .values({
        province,
        tests_json: JSON.stringify(tests),
        updated_at: this.clock.now().toISOString(),
        updated_by: by,
      })
      .onConflict((oc) =>
        oc.column('province').doUpdateSet({
          tests_json: JSON.stringify(tests),
          updated_at: this.clock.now().toISOString(),
          updated_by: by,
        }),
      )
      .execute();
    return tests;
  }

  private async tryCandidate(
    province: string,
    xml: string,
    tests: RoutingTest[],
    ignoreLive: boolean,
  ): Promise<string[]> {
    const candidate = candidateXml(xml);
    try {
      const deployed = await this.engine.deploy(
        `routing-candidates/${province}.dmn`,
        Buffer.from(candidate.xml),
      );
      checkDeployedIds(province, decisionIds(deployed), true);
    } catch (e) {
      if (e instanceof EngineRejection) {
        throw new UserError(
          422,
          'routing_table_invalid',
          'Invalid routing table',
          `the engine refused the table: ${e.message}`,
          [{ field: 'xml', code: 'routing_table_invalid', message: e.message }],
        );
      }
      throw e;
    }
    return this.runTests(province, candidate.ids.get(routingDecisionId(province))!, tests, ignoreLive);
  }

  /** Evaluates test cases against `decisionId` (the rollout readiness runs the saved ones too). */
  async runTests(
    province: string,
    decisionId: string,
    tests: RoutingTest[],
    ignoreLive: boolean,
  ): Promise<string[]> {
    const failures: string[] = [];
    for (const t of tests) {
      try {
        const res = await this.engine.evaluateDecision(decisionId, {
          nis: t.nis,
          measure: t.measure,
          electronicMonitoring: involvesElectronicMonitoring(t.measure, t.electronicMonitoring),
          // a saved case without a language is one whose language is unknown (Brussels: no justice
          // house guessed), as the generator's expectations have it; never a default language
          ...(t.language ? { language: t.language } : {}),
        });
        const diff = mismatches(
          t,
          asRoutingOutput(res.output) as unknown as Record<string, unknown>,
          ignoreLive,
        );
        if (diff.length > 0) failures.push(`${t.name} (${province} ${t.nis}): ${diff.join(', ')}`);
      } catch (e) {
        if (!(e instanceof EngineRejection)) throw e;
        failures.push(`${t.name} (${province} ${t.nis}): evaluation failed: ${e.message}`);
      }
    }
    return failures;
  }

  private async deployTable(province: string, xml: string): Promise<string | null> {
    const probe = (await this.tests(province))[0];
    return deployRoutingTable(this.engine, this.reference, { province, xml, probe }, this.clock, this.logger);
  }

  private async runs(province: string, key: string | null): Promise<boolean> {
    return routingInForce(this.engine, this.reference, province, key, (await this.tests(province))[0]);
  }

  private async insertVersion(
    province: string,
    xml: string,
    source: string,
    by: string,
    comment: string,
    key: string | null,
  ): Promise<TableVersion> {
    return transact(this.db, async (trx) => {
      const last = await trx
        .selectFrom('routing_table_versions')
        .select('version')
        .where('province', '=', province)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row = {
        province,
        version: (last ? Number(last.version) : 0) + 1,
        xml,
        sha256: sha256Hex(xml),
        source,
        deployed_at: this.clock.now().toISOString(),
        deployed_by: by,
        comment,
        decision_key: key,
      };
      await trx.insertInto('routing_table_versions').values(row).execute();
      return toVersion(row);
    });
  }

  private async storedProvinces(): Promise<string[]> {
    const rows = await this.db.selectFrom('routing_table_versions').select('province').distinct().execute();
    return rows.map((r) => r.province).sort();
  }

  private serialised<T>(province: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(province) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(fn);
    this.locks.set(province, next);
    return next;
  }
}
