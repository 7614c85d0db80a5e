// Readability and accessibility of a rendered page, for the browser test (and for trying a built site
// by hand): the size at which every text of every chart is actually drawn, and axe-core's serious and
// critical violations. Both run in the page; axe-core's own script is injected from node_modules, so
// nothing is fetched.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { CHART_SELECTOR } from "../../pipeline/site/measure.ts";

/** The smallest chart text a reader at arm's length can read, in CSS pixels as drawn. */
export const MIN_CHART_TEXT_PX = 11;

// Sent as text: a function compiled by tsx or vitest can carry helpers (__name) the page lacks.
// The drawn size is the computed font size times the scale from the text's user space to the screen
// (the SVG's viewBox shrunk or stretched to its box, and any transform on the way): getScreenCTM().
// A text with no layout (in a closed <details>, display: none) has no CTM and is skipped: it is
// measured where it is shown.
const chartTextsInPage = `function (selector) {
  const out = [];
  for (const svg of document.querySelectorAll(selector)) {
    if (svg.parentElement && svg.parentElement.closest("svg")) continue;
    const label = svg.getAttribute("aria-label") || "";
    for (const text of svg.querySelectorAll("text")) {
      const content = (text.textContent || "").trim();
      if (!content) continue;
      const ctm = text.getScreenCTM();
      const box = text.getBoundingClientRect();
      if (!ctm || (box.width === 0 && box.height === 0)) continue;
      const scale = Math.hypot(ctm.a, ctm.b);
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      out.push({ chart: label.slice(0, 60), text: content.slice(0, 40), px: Math.round(px * 10) / 10 });
    }
  }
  return out;
}`;

/** Every chart text drawn smaller than `min` px: one line each (the same text in the same chart once). */
export async function smallChartTexts(page: Page, min = MIN_CHART_TEXT_PX, limit = 10): Promise<string[]> {
  const texts = (await page.evaluate(`(${chartTextsInPage})(${JSON.stringify(CHART_SELECTOR)})`)) as { chart: string; text: string; px: number }[];
  const small = [...new Set(texts.filter((t) => t.px < min - 0.05).map((t) => `${t.px} px "${t.text}" in the chart "${t.chart}"`))];
  return small.length > limit ? [...small.slice(0, limit), `… and ${small.length - limit} more`] : small;
}

/** How many chart texts a page drew (so that a check finding none small is known to have looked). */
export async function chartTextCount(page: Page): Promise<number> {
  const texts = (await page.evaluate(`(${chartTextsInPage})(${JSON.stringify(CHART_SELECTOR)})`)) as unknown[];
  return texts.length;
}

let axeSource: string | undefined;

/** axe-core's script, read once from node_modules (npm axe-core, MPL-2.0). */
function axe(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

/**
 * axe-core's violations of impact serious or critical on the page as it is: one line per rule, with
 * how many elements and the first few of them. `rules`: only these rules (default: every rule axe runs).
 */
export async function seriousAxeViolations(page: Page, rules?: string[]): Promise<string[]> {
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.addScriptTag({ content: axe() });
  const options = { resultTypes: ["violations"], ...(rules ? { runOnly: { type: "rule", values: rules } } : {}) };
  const violations = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ") + (n.any[0] ? " — " + n.any[0].message : "")) })))`)) as {
    id: string;
    impact: string | null;
    help: string;
    nodes: string[];
  }[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}) on ${v.nodes.length} element(s): ${v.nodes.slice(0, 3).join(" | ")}`);
}

/**
 * Sets the page's viewport width and waits until the page has redrawn for it: Framework re-runs every
 * cell that reads `width`, so the DOM changes, then is quiet for 400 ms, and no chart is drawn wider
 * than its box any more (a chart still drawn for the old width is shrunk by the browser, its text with
 * it: measured then, on a loaded machine whose redraw had not begun within 400 ms, chart text read
 * 4–7 px). At most `limit` ms in all. Resolves with the charts still drawn wider than their box (none
 * on a page that fits): a chart that never fits is a defect to report, not a wait to sit out — the
 * overview's charts were 2 px wider than their cards at 390 px, and every visit waited the whole limit.
 */
export async function atWidth(page: Page, width: number, limit = 15_000): Promise<string[]> {
  const height = page.viewportSize()?.height ?? 900;
  await page.setViewportSize({ width, height });
  await page.evaluate(`new Promise((resolve) => {
    const selector = ${JSON.stringify(CHART_SELECTOR)};
    const fitted = () => [...document.querySelectorAll(selector)].every((svg) => {
      if (svg.parentElement && svg.parentElement.closest("svg")) return true;
      const drawn = svg.width && svg.width.baseVal ? svg.width.baseVal.value : 0;
      const box = svg.getBoundingClientRect().width;
      return box === 0 || drawn <= box + 1;
    });
    let timer;
    const done = () => { observer.disconnect(); clearTimeout(stop); clearTimeout(timer); resolve(); };
    const quiet = () => (fitted() ? done() : (timer = setTimeout(quiet, 100)));
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(quiet, 400); });
    const stop = setTimeout(done, ${limit});
    timer = setTimeout(quiet, 400);
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  })`);
  return (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(CHART_SELECTOR)})].flatMap((svg) => {
    if (svg.parentElement && svg.parentElement.closest("svg")) return [];
    const drawn = svg.width && svg.width.baseVal ? svg.width.baseVal.value : 0;
    const box = svg.getBoundingClientRect().width;
    return box === 0 || drawn <= box + 1 ? [] : [(svg.getAttribute("aria-label") || "a chart").slice(0, 60) + ": drawn " + drawn + " px wide in a box of " + Math.round(box) + " px"];
  })`)) as string[];
}

/**
 * The same in the dark theme: the page as a reader whose system prefers dark sees it (Framework's
 * near-midnight theme and the status colours' dark values, chosen by CSS media queries), emulated on
 * the page already open — no second visit — then back to light. Charts drawn with theme colours read
 * at drawing time keep them; their text is SVG, which axe's contrast rule does not judge.
 * Only the rules that judge colours run: the theme changes colours, not the page's structure, which
 * the light theme's full run has judged (and every rule costs 1–5 s of CPU a page).
 */
/** axe-core's rules that read colours: text contrast, and links told from their text by colour alone. */
export const DARK_RULES = ["color-contrast", "link-in-text-block"];

export async function seriousAxeViolationsDark(page: Page): Promise<string[]> {
  await page.emulateMedia({ colorScheme: "dark" });
  try {
    const dark = await page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches");
    if (dark !== true) return ["the dark theme could not be emulated"];
    return await seriousAxeViolations(page, DARK_RULES);
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
}
