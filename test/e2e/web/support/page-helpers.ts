import type { Locator, Page } from 'playwright-core';

/** Waits until the locator's text matches (the UI refreshes and loads asynchronously). */
export async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.allInnerTexts().catch(() => [])).join('\n');
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`expected ${pattern} in ${locator}, saw: ${last.slice(0, 500)}`);
}

/** Waits until at least `n` elements match. */
export async function waitForCount(locator: Locator, n: number, timeoutMs = 45_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  while (Date.now() < deadline) {
    count = await locator.count();
    if (count >= n) return count;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`expected at least ${n} of ${locator}, saw ${count}`);
}

/** Goes to a hash route of the app and waits for its heading. */
export async function go(page: Page, hash: string): Promise<void> {
  // the same URL again would be no navigation at all: load the page afresh
  if (new URL(page.url()).hash === hash) await page.reload();
  else await page.goto(`/${hash}`);
  await page.locator('#main h1').first().waitFor();
}

/** Today minus `days`, as YYYY-MM-DD (decision dates must not be in the future). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Types into a municipality combobox, waits until its search has settled and shows `expected`,
 * then picks the first option with the keyboard (arrow down, Enter).
 */
export async function chooseMunicipality(
  page: Page,
  id: string,
  typed: string,
  expected: RegExp,
): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.pressSequentially(typed);
  await page.locator(`#${id}[aria-busy="false"]`).waitFor();
  await waitForText(page.locator(`#${id}-list li`).first(), expected);
  await input.press('ArrowDown');
  await input.press('Enter');
}
