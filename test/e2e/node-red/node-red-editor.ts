import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { CHROMIUM } from '../web/support/browser';
import type { NodeRed } from './node-red-process';

/** What the editor shows of the iplus nodes once it has loaded them and opened a node's edit dialog. */
export interface EditorView {
  /** Each iplus type the editor registered, with its palette category. */
  types: Record<string, string>;
  dialog: {
    config: { tag: string; value: string };
    decisionId: { label: string; typed: boolean };
    name: boolean;
    /** Placeholders of the shared editor script still in the dialog (none once it filled them). */
    placeholdersLeft: number;
  };
  /** The help text of the node's type as the editor holds it. */
  help: string;
}

export interface Editor {
  /** Waits for the deployed flows, then opens the edit dialog of the first node of `type` (with a decision id). */
  dialogOf(type: string): Promise<EditorView>;
  /** Errors the page logged or threw. */
  errors: string[];
  close(): Promise<void>;
}

/** What this file reads of the editor page's globals (the tests' type-check has no DOM library). */
interface Query {
  length: number;
  val(): string;
  text(): string;
  html(): string;
  prop(name: string): string;
  next(selector: string): Query;
}
interface EditorPage {
  RED: {
    nodes: { filterNodes(filter: object): unknown[]; getType(type: string): { category: string } | null };
    editor: { edit(node: unknown): void };
  };
  $: (selector: string) => Query;
}

const IPLUS_TYPES = [
  'iplus-config',
  'iplus-upload-decision',
  'iplus-create-bng-signalement',
  'iplus-issue-mandate',
  'iplus-await-acknowledgement',
  'iplus-mandate-inbox',
  'iplus-mandate-action',
];

/**
 * Node-RED's editor in Debian's Chromium (playwright-core), in the language `lang`, logged in through
 * its login dialog (settings.js adminAuth) as `user`.
 */
export async function openEditor(
  nodeRed: NodeRed,
  lang: string,
  user: { user: string; password: string },
): Promise<Editor> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: set CHROMIUM_PATH`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-node-red-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
    locale: lang,
    viewport: { width: 1400, height: 1000 },
  });
  context.setDefaultTimeout(60_000);
  const page: Page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // the editor's own calls out of this closed network (the palette catalogue) are not the nodes' doing
    const from = m.location().url;
    if (m.type() === 'error' && (!/^https?:/.test(from) || from.startsWith(nodeRed.url)))
      errors.push(`console: ${m.text()} (${from})`);
  });
  await page.goto(nodeRed.url);
  await page.locator('#node-dialog-login-username').fill(user.user);
  await page.locator('#node-dialog-login-password').fill(user.password);
  // what the page said before logging in (its settings answer 401 until then) is not the nodes' doing
  errors.length = 0;
  await page.locator('#node-dialog-login-submit').click();

  return {
    errors,
    async dialogOf(type) {
      // the palette is loaded and the deployed flows are in the workspace
      await page
        .waitForFunction(
          (t) =>
            ((globalThis as unknown as Partial<EditorPage>).RED?.nodes?.filterNodes?.({ type: t }) ?? [])
              .length > 0,
          type,
        )
        .catch(async (e: Error) => {
          const body = await page.evaluate(() => (globalThis as unknown as EditorPage).$('body').text());
          throw new Error(
            `the editor at ${page.url()} did not show the flows: ${e.message}\n${errors.join('\n')}\n${body.replace(/\s+/g, ' ').slice(0, 2000)}`,
          );
        });
      const types = await page.evaluate((names) => {
        const { RED } = globalThis as unknown as EditorPage;
        return Object.fromEntries(
          names.flatMap((t) => {
            const def = RED.nodes.getType(t);
            return def ? [[t, def.category]] : [];
          }),
        );
      }, IPLUS_TYPES);
      await page.evaluate((t) => {
        const { RED } = globalThis as unknown as EditorPage;
        RED.editor.edit(RED.nodes.filterNodes({ type: t })[0]);
      }, type);
      await page.locator('select#node-input-iplus').waitFor({ state: 'attached' });
      await page.locator('label[for=node-input-decisionId] span').filter({ hasText: /\S/ }).waitFor();
      return page
        .evaluate(() => {
          const { $ } = globalThis as unknown as EditorPage;
          return {
            types: {},
            dialog: {
              config: { tag: $('#node-input-iplus').prop('tagName'), value: $('#node-input-iplus').val() },
              decisionId: {
                label: $('label[for=node-input-decisionId] span').text().trim(),
                typed: $('#node-input-decisionId').next('.red-ui-typedInput-container').length === 1,
              },
              name: $('#node-input-name').length === 1,
              placeholdersLeft: $('.red-ui-editor [data-iplus-row]').length,
            },
            help: $('script[data-help-name="iplus-issue-mandate"]').html(),
          };
        })
        .then((view) => ({ ...view, types }));
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
