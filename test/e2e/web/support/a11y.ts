import type { Page } from 'playwright-core';

/* The page's own globals, as far as the functions run in it use them (the tests' TypeScript
   program has no DOM library). */
interface PageElement {
  id: string;
  tagName: string;
  labels?: { length: number } | null;
  parentElement: PageElement | null;
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}
interface PageText {
  textContent: string | null;
  parentElement: PageElement | null;
}
declare const document: {
  body: PageElement;
  activeElement: PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  createTreeWalker(root: PageElement, show: number): { nextNode(): PageText | null };
};
declare const NodeFilter: { SHOW_TEXT: number };
declare function getComputedStyle(e: PageElement): {
  color: string;
  backgroundColor: string;
  visibility: string;
  outlineStyle: string;
};

/** Parts drawn by bpmn-js, dmn-js and the properties panel: their own markup, not checked here. */
const LIBRARY_PARTS = '.djs-container, .dmn-js-parent, .bio-properties-panel, .modeler-panel, .pdf-pages';

/**
 * Form controls of the page's main part without an accessible name (no `<label>`, `aria-label` or
 * `aria-labelledby`), as `tag#id` strings.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate((skip) => {
    const controls = [
      ...document.querySelectorAll('#main input:not([type=hidden]), #main select, #main textarea'),
    ];
    return controls
      .filter((c) => !c.closest(skip))
      .filter(
        (c) =>
          !(c.labels && c.labels.length > 0) &&
          !c.getAttribute('aria-label') &&
          !c.getAttribute('aria-labelledby'),
      )
      .map((c) => `${c.tagName.toLowerCase()}#${c.id || '?'}`);
  }, LIBRARY_PARTS);
}

/** Ids used more than once outside the diagram libraries (a label then names the wrong control). */
export async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate((skip) => {
    const seen = new Map<string, number>();
    for (const e of document.querySelectorAll('[id]')) {
      if (!e.closest(skip)) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  }, LIBRARY_PARTS);
}

/**
 * Visible texts of the page (outside the diagram libraries) whose colour has less than 4.5:1
 * contrast with the background behind them (WCAG AA for normal text), as `text (ratio)` strings.
 */
export async function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate((skip) => {
    const rgba = (css: string) => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      const [r, g, b, a] = (m ? m[1] : '0,0,0,0').split(/[ ,/]+/).map(Number);
      return { r, g, b, a: Number.isNaN(a) || a === undefined ? 1 : a };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const background = (el: PageElement | null) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const low: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest(skip) || el.closest('.sr-only, [hidden], option, :disabled')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const fg = luminance(rgba(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) low.push(`${text.slice(0, 40)} (${ratio.toFixed(2)})`);
    }
    return low;
  }, LIBRARY_PARTS);
}

/** The focused element (its id, or its tag name) and the style of its focus outline. */
export async function focused(page: Page): Promise<{ element: string; outline: string }> {
  return page.evaluate(() => {
    const e = document.activeElement;
    return { element: e?.id || e?.tagName || '', outline: e ? getComputedStyle(e).outlineStyle : '' };
  });
}
