/**
 * Brings the credentials and the four workflows of workflows/ into an n8n user folder, as a user
 * would: the credentials with their fixed ids (the workflows reference them), the workflows with
 * their Settings filled in for this test; then publishes them, so that their webhooks and forms are live.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

import { n8nCli, type OwnerSession } from './n8n-process';
import { REPO_ROOT } from './n8n-tools';

type WorkflowFile = {
  id: string;
  nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
};

/** The fixed ids of the credentials, as the workflows of workflows/ reference them. */
export const CREDENTIALS = {
  parquet: 'iplusParquetMons',
  zone: 'iplusZonePz5318',
  prison: 'iplusPrisonTournai',
} as const;

export const WORKFLOWS = {
  parquetIntake: 'iplusIntake00001',
  zoneMandates: 'iplusZoneInbox01',
  manualSignalement: 'iplusSignalement',
  caseChanges: 'iplusCaseChanges',
} as const;

/** Imports the iplus credentials the workflows use: a parquet clerk's, a police agent's and a prison officer's token. */
export async function importCredentials(
  userFolder: string,
  baseUrl: string,
  tokens: { parquet: string; zone: string; prison: string },
) {
  const file = path.join(userFolder, 'credentials.json');
  fs.writeFileSync(
    file,
    JSON.stringify([
      {
        id: CREDENTIALS.parquet,
        name: 'iplus: parquet of Mons-Tournai',
        type: 'iplusApi',
        data: { baseUrl, apiToken: tokens.parquet },
      },
      {
        id: CREDENTIALS.zone,
        name: 'iplus: police zone 5318 (Comines-Warneton)',
        type: 'iplusApi',
        data: { baseUrl, apiToken: tokens.zone },
      },
      {
        id: CREDENTIALS.prison,
        name: 'iplus: prison of Tournai',
        type: 'iplusApi',
        data: { baseUrl, apiToken: tokens.prison },
      },
    ]),
  );
  await n8nCli(userFolder, ['import:credentials', `--input=${file}`]);
  fs.rmSync(file);
}

/** Imports the workflows of workflows/, with `settings` written into their Settings nodes. */
export async function importWorkflows(userFolder: string, settings: Record<string, string | number>) {
  const folder = fs.mkdtempSync(path.join(userFolder, 'workflows-'));
  for (const name of [
    'parquet-intake.json',
    'police-zone-mandates.json',
    'manual-signalement.json',
    'case-changes.json',
  ]) {
    const workflow = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'workflows', name), 'utf8'),
    ) as WorkflowFile;
    for (const node of workflow.nodes.filter((n) => n.name === 'Settings')) {
      const { assignments } = node.parameters.assignments as {
        assignments: Array<{ name: string; value: unknown }>;
      };
      for (const assignment of assignments) {
        if (assignment.name in settings) assignment.value = settings[assignment.name];
      }
    }
    fs.writeFileSync(path.join(folder, name), JSON.stringify(workflow));
  }
  await n8nCli(userFolder, ['import:workflow', '--separate', `--input=${folder}`]);
  fs.rmSync(folder, { recursive: true });
}

/**
 * Publishes the four workflows as the editor's Publish button does (their current version), so that
 * n8n registers their webhooks and form at once.
 */
export async function publishWorkflows(session: OwnerSession): Promise<void> {
  for (const id of Object.values(WORKFLOWS)) {
    const current = await session.get(`/rest/workflows/${id}`);
    if (!current.ok)
      throw new Error(`n8n answered ${current.status} for workflow ${id}: ${await current.text()}`);
    const { data } = (await current.json()) as { data: { versionId: string } };
    const published = await session.post(`/rest/workflows/${id}/activate`, { versionId: data.versionId });
    if (!published.ok) {
      throw new Error(`publishing workflow ${id} answered ${published.status}: ${await published.text()}`);
    }
  }
}

/** How many executions of n8n are waiting (read from n8n's own database, read-only). */
export function waitingExecutions(userFolder: string): number {
  const db = new Database(path.join(userFolder, '.n8n', 'database.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const row = db.prepare("SELECT count(*) AS n FROM execution_entity WHERE status = 'waiting'").get() as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}

/**
 * Resolves once n8n has registered `count` production webhooks (it does so after it starts serving,
 * while it activates the published workflows).
 */
export async function webhooksRegistered(
  userFolder: string,
  count: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const db = new Database(path.join(userFolder, '.n8n', 'database.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    const { n } = db.prepare('SELECT count(*) AS n FROM webhook_entity').get() as { n: number };
    db.close();
    if (n >= count) return;
    if (Date.now() > deadline) throw new Error(`n8n registered ${n} of ${count} webhooks in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The finished executions of a workflow, once there are `count` of them: status, and the execution's
 * data as n8n stored it (text, to look for values in).
 */
export async function finishedExecutions(
  userFolder: string,
  workflowId: string,
  count: number,
  timeoutMs: number,
): Promise<Array<{ status: string; output: string }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const db = new Database(path.join(userFolder, '.n8n', 'database.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    const rows = db
      .prepare(
        `SELECT e.status, d.data AS output FROM execution_entity e JOIN execution_data d ON d.executionId = e.id
         WHERE e.workflowId = ? AND e.finished = 1 OR (e.workflowId = ? AND e.status = 'error') ORDER BY e.id`,
      )
      .all(workflowId, workflowId) as Array<{ status: string; output: string }>;
    db.close();
    if (rows.length >= count) return rows;
    if (Date.now() > deadline)
      throw new Error(`${rows.length} of ${count} executions of ${workflowId} finished`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
