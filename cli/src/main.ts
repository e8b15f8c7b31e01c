#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningEngine } from '@iplus/engine';
import {
  DemoInProductionError,
  parseDurationMap,
  startPlatform,
  type Logger,
  type RunningPlatform,
} from '@iplus/platform';
import { ConfigError } from './config/variable';
import { describeConfig, loadConfig } from './config/load';
import type { Config } from './config/schema';
import { embeddedSecret, engineAuth, platformConnection } from './engine-credentials';
import { lineLogger, type Level, type LogFormat } from './log-lines';
import { purgeCommand } from './purge-command';

const USAGE = `usage: iplus <command>

  start     run the whole platform on this machine (engine + HTTP API + web UI)
  engine    run the embedded engine alone (Zeebe gateway gRPC API)
  platform  run the platform alone, against ZEEBE_ADDRESS
  config    print every environment variable, its default and its current value
  purge     run the retention purge now on the running platform (IPLUS_ADMIN_TOKEN) [justification]
`;

/** Set from IPLUS_LOG_FORMAT / IPLUS_LOG_LEVEL once the configuration is read. */
let logFormat: LogFormat = 'text';
let logLevel: Level = 'info';
const writeLine = (line: string) => void process.stdout.write(`${line}\n`);
const cliLog = lineLogger(
  writeLine,
  () => logFormat,
  () => 'debug',
  'iplus',
);

/** A message of the command itself (start-up addresses, shutdown), always printed. */
function log(message: string): void {
  cliLog.info(message);
}

/** Stops what was started, in reverse order, once, on SIGINT or SIGTERM. */
function stopOnSignal(stoppers: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down, finishing in-flight writes`);
    (async () => {
      for (const s of [...stoppers].reverse()) await s();
      log('stopped');
      process.exit(0);
    })().catch((e) => {
      process.stderr.write(`shutdown failed: ${(e as Error).stack}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The platform's log lines on stdout, from the configured level up. */
function platformLogger(): Logger {
  return lineLogger(
    writeLine,
    () => logFormat,
    () => logLevel,
    'platform',
  );
}

async function runEngine(config: Config, generatedSecret?: string): Promise<RunningEngine> {
  const startedAt = Date.now();
  const auth = engineAuth(config, generatedSecret);
  // Loaded only by the commands that run it: `iplus platform` (one of several instances beside a
  // cluster) restarts without the engine's modules, 0.4 s of its start on a 2-core runner.
  const { startEngine } = await import('@iplus/engine');
  const engine = await startEngine({
    dataDir: path.join(config.dataDir, 'engine'),
    auth,
    gatewayHost: config.gatewayHost,
    gatewayPort: config.gatewayPort,
    restHost: config.gatewayHost,
    restPort: config.engineRestPort,
    logger: lineLogger(
      writeLine,
      () => logFormat,
      () => logLevel,
      'engine',
    ),
  });
  log(`engine: Zeebe gateway on ${engine.gatewayAddress} (started in ${Date.now() - startedAt} ms)`);
  log(`engine: read API (Camunda v2 REST) on ${engine.restAddress}`);
  log(
    `engine: every call needs ${[
      ...(auth.basic ? [`Basic credentials of client ${auth.basic.clientId}`] : []),
      ...(auth.oauth ? [`a bearer token from ${auth.oauth.issuer} for ${auth.oauth.audience}`] : []),
    ].join(' or ')}`,
  );
  return engine;
}

async function runPlatform(
  config: Config,
  zeebeAddress: string,
  camundaRestAddress = config.camundaRestAddress,
  generatedSecret?: string,
): Promise<RunningPlatform> {
  const startedAt = Date.now();
  const platform = await startPlatform({
    dataDir: path.join(config.dataDir, 'platform'),
    databaseUrl: config.databaseUrl || undefined,
    httpHost: config.httpHost,
    httpPort: config.httpPort,
    zeebeAddress,
    engineConnection: platformConnection(config, generatedSecret),
    webRoot: path.join(path.dirname(require.resolve('@iplus/web/package.json')), 'dist'),
    logger: platformLogger(),
    metricsToken: config.metricsToken || undefined,
    demo: config.demo,
    env: config.env,
    trustProxy: config.trustProxy || undefined,
    demoRollout: config.demoRollout,
    ackDeadline: config.ackDeadline,
    chase: {
      reminderCycle: config.reminderCycle,
      reportDeadlines: parseDurationMap(config.reportDeadlines),
      guidanceReportPeriods: parseDurationMap(config.guidanceReportPeriods),
    },
    maxDocumentBytes: config.maxDocumentBytes,
    bngAdapter: config.bngAdapter,
    bngUrl: config.bngUrl,
    bngTimeoutMs: config.bngTimeoutMs,
    camundaRestAddress,
    callbackAllow: config.callbackAllow.split(',').filter((h) => h.trim() !== ''),
    auditKeyFile: config.auditKeyFile || undefined,
    auditAnchorFile: config.auditAnchorFile || undefined,
    auditCheckInterval: config.auditCheckInterval,
    messages: {
      smtp: config.smtpHost
        ? {
            host: config.smtpHost,
            port: config.smtpPort,
            tls: config.smtpTls,
            user: config.smtpUser || undefined,
            password: config.smtpPassword || undefined,
            from: config.smtpFrom,
          }
        : undefined,
      publicUrl: config.publicUrl || undefined,
      retry: {
        first: config.messageRetryFirst,
        max: config.messageRetryMax,
        giveUpAfter: config.messageGiveUp,
      },
    },
    pseudonymKeyFile: config.pseudonymKeyFile || undefined,
    retention: {
      caseData: config.retentionCase,
      engineHistory: config.retentionEngine,
      outboxDone: config.retentionOutbox,
      sessions: config.retentionSessions,
      apiTokens: config.retentionTokens,
    },
    retentionPurgeInterval: config.retentionPurgeInterval,
    modelReview: config.modelReview,
    modelsDir: config.modelsDir || undefined,
  });
  log(
    `platform: HTTP API and web UI on ${platform.url} (health: ${platform.url}/health; listening in ${Date.now() - startedAt} ms)`,
  );
  if (platform.demoCredentials.length > 0) {
    log(`demo users (also in ${path.join(config.dataDir, 'platform', 'demo-credentials.json')}):`);
    for (const c of platform.demoCredentials)
      log(`  ${c.user.padEnd(22)} ${c.password}  ${c.role} of ${c.agencyId}`);
  }
  return platform;
}

/** Error codes that mean the data folder cannot take writes, and what the operator should do. */
const FOLDER_PROBLEMS: Record<string, string> = {
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable by this user',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is full (no space left on the disk)',
  EDQUOT: 'is full (disk quota exceeded)',
  EFBIG: 'is full (a file reached the file-size limit of this process)',
  SQLITE_READONLY: 'is not writable by this user',
  SQLITE_CANTOPEN: 'is not writable by this user',
  SQLITE_FULL: 'is full (no space left on the disk)',
};

/** The data folder cannot be written: a user error with a clear fix, never a stack trace. */
class DataFolderError extends Error {}

function folderError(dir: string, e: unknown): DataFolderError | undefined {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const problem = FOLDER_PROBLEMS[code];
  if (!problem) return undefined;
  const user = process.getuid ? ` (uid ${process.getuid()})` : '';
  return new DataFolderError(
    `the data folder ${dir} ${problem}${user}: ${(e as Error).message}\n` +
      (problem.startsWith('is full')
        ? 'Free space on that disk (or raise the limit), or set IPLUS_DATA_DIR to a folder on a disk with room.'
        : `Give the user running iplus write access to it (for example: chown -R <user> ${dir}), ` +
          'or set IPLUS_DATA_DIR to a writable folder.'),
  );
}

/**
 * Checks before starting that the data folder and the parts' folders and files in it can be written
 * (SQLite would otherwise open a read-only file read-only and fail at the first write): a probe file
 * is written in the data folder and each part's folder (a full disk shows there), and every folder
 * and file below them is checked for write access. Only the top folders get a probe: writing one in
 * each of the documents' folders made a restart slower with every decision stored.
 */
function checkDataFolder(dataDir: string, parts: string[]): void {
  const writable = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      fs.accessSync(path.join(dir, entry.name), fs.constants.W_OK);
      if (entry.isDirectory() && entry.name !== 'tmp') writable(path.join(dir, entry.name));
    }
  };
  const check = (dir: string) => {
    // The service's user alone reads the data folder (personal data, keys): 0700, narrowed if wider.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if ((fs.statSync(dir).mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
    const probe = path.join(dir, `.iplus-write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
    writable(dir);
  };
  for (const dir of [dataDir, ...parts.map((p) => path.join(dataDir, p))]) {
    try {
      check(dir);
    } catch (e) {
      throw folderError(dir, e) ?? e;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'help';
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  logFormat = config.logFormat;
  logLevel = config.logLevel;
  if (command === 'config') {
    process.stdout.write(describeConfig(config) + '\n');
    return;
  }
  if (command === 'purge') {
    process.stdout.write((await purgeCommand(config, argv.slice(1).join(' ') || undefined)) + '\n');
    return;
  }
  checkDataFolder(
    config.dataDir,
    command === 'engine' ? ['engine'] : command === 'platform' ? ['platform'] : ['engine', 'platform'],
  );
  const stoppers: Array<() => Promise<void>> = [];
  stopOnSignal(stoppers);
  if (command === 'engine') {
    const engine = await runEngine(config);
    stoppers.push(() => engine.close());
  } else if (command === 'platform') {
    const platform = await runPlatform(
      config,
      config.zeebeAddress || `${config.gatewayHost}:${config.gatewayPort}`,
    );
    stoppers.push(() => platform.close());
  } else if (command === 'start') {
    let zeebeAddress = config.zeebeAddress;
    let camundaRestAddress = config.camundaRestAddress;
    let secret: string | undefined;
    if (config.engine === 'embedded') {
      secret = embeddedSecret(config);
      const engine = await runEngine(config, secret);
      stoppers.push(() => engine.close());
      zeebeAddress = engine.gatewayAddress;
      camundaRestAddress = config.camundaRestAddress || engine.restAddress || '';
    } else if (!zeebeAddress) {
      throw new ConfigError('ZEEBE_ADDRESS', '', 'host:port of the Zeebe gateway when IPLUS_ENGINE=external');
    }
    const platform = await runPlatform(config, zeebeAddress, camundaRestAddress, secret);
    stoppers.push(() => platform.close());
  } else {
    process.stderr.write(`iplus: unknown command "${command}"\n\n${USAGE}`);
    process.exit(2);
  }
}

function configuredDataDir(): string {
  try {
    return loadConfig().dataDir;
  } catch {
    return 'IPLUS_DATA_DIR';
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(
      `iplus: configuration error\n${e.message}\nRun "iplus config" to see every variable.\n`,
    );
    process.exit(2);
  }
  if (e instanceof DemoInProductionError) {
    process.stderr.write(`iplus: cannot start: ${e.message}\n`);
    process.exit(2);
  }
  const folder = e instanceof DataFolderError ? e : folderError(configuredDataDir(), e);
  if (folder) {
    process.stderr.write(`iplus: cannot start: ${folder.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`iplus: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
