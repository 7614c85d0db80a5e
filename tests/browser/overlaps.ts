// Texts of a chart drawn over each other, for the browser tests: each <text> of a chart's marks (Plot
// wraps each mark in a <g data-mark>), boxes as the browser lays them out, compared with the texts of
// the chart's other marks. Texts of one mark (an axis' ticks, a label's lines) are the mark's own layout.

import type { Page } from "playwright-core";

// Sent as text: a function compiled by tsx or vitest can carry helpers (__name) the page lacks.
const overlapsInPage = `function (selector) {
  const out = [];
  const charts = [...document.querySelectorAll(selector)].filter((svg) => !(svg.parentElement && svg.parentElement.closest("svg")));
  for (const svg of charts) {
    const label = (svg.getAttribute("aria-label") || "").slice(0, 50);
    const texts = [...svg.querySelectorAll("text")].map((t) => ({
      mark: t.closest("g[data-mark]"),
      text: (t.textContent || "").trim(),
      box: t.getBoundingClientRect(),
    })).filter((t) => t.text && t.box.width > 0 && t.box.height > 0);
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i], b = texts[j];
        if (a.mark === b.mark) continue;
        // One pixel of give: glyph boxes include the line's leading.
        const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (x > 1 && y > 1) out.push('"' + a.text.slice(0, 30) + '" over "' + b.text.slice(0, 30) + '" in "' + label + '"');
      }
    }
  }
  return out;
}`;

/** One line per pair of texts of different marks whose boxes overlap, in the charts `selector` finds. */
export async function overlappingChartTexts(page: Page, selector: string): Promise<string[]> {
  return (await page.evaluate(`(${overlapsInPage})(${JSON.stringify(selector)})`)) as string[];
}
