// The overview as a district leader opens it (issue 12), on the shared build (sharedSite.ts), in
// Debian's headless Chromium:
//  - its first screen (1280 × 800) holds the summary, "数据更新至 …" / "Data up to …" and every target's
//    status, with nothing of them below the fold;
//  - every card's latest figure is its chart's last point (the data-value of the chart's last drawn point,
//    or the parts a checklist draws as done), at the build's as-of date and at an earlier one in the URL;
//  - no two texts of different marks of a chart overlap, at 1280 and at 390 px wide.
// It writes the first screens (1280 and 390, zh and en) to artifacts/screenshots/first/, where
// `npm run screenshots` takes the README's copies from.

import {mkdir, mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {siteInChromium} from "./sharedSite.ts";
import {atWidth} from "./readable.ts";
import {overlappingChartTexts} from "./overlaps.ts";

type Lang = "zh" | "en";
const EARLIER = "2024-06-30";
const FIRST_SCREENS = "artifacts/screenshots/first";
let dir = "";
const site = siteInChromium();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-overview-"));
  await mkdir(FIRST_SCREENS, {recursive: true});
});

afterAll(async () => {
  if (dir) await rm(dir, {recursive: true, force: true});
});

/** The overview in `lang` at `width` × 800, drawn: nine cards, nine charts, the board. */
async function overview(lang: Lang, width: number, asOf?: string): Promise<Page> {
  const page = await site().browser.newPage({viewport: {width, height: 800}, locale: lang === "zh" ? "zh-CN" : "en-US"});
  await page.goto(new URL(`${lang}/${asOf ? `?asof=${asOf}` : ""}`, site().url).href, {waitUntil: "networkidle"});
  await page.locator(".trend-grid .card svg").nth(8).waitFor();
  await page.locator(".board-row").nth(8).waitFor();
  return page;
}

describe("the overview", () => {
  test.each(["zh", "en"] as const)("its first screen at 1280 × 800 holds the summary, how recent the data is, and all nine targets' status (%s)", async (lang) => {
    site();
    const page = await overview(lang, 1280);
    try {
      expect(await atWidth(page, 1280), "charts drawn wider than their cards at 1280 px").toEqual([]);
      await page.screenshot({path: join(FIRST_SCREENS, `overview-${lang}-1280.png`)});
      const bottom = async (selector: string) => (await page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom)));
      const summary = await bottom(".summary-line");
      const upTo = await page.locator(".data-up-to").innerText();
      const rows = await page.locator(".board-row").evaluateAll((els) => els.map((e) => ({target: (e as HTMLElement).dataset.target, status: e.querySelector(".board-status")?.textContent ?? "", bottom: e.getBoundingClientRect().bottom})));
      expect(upTo).toMatch(lang === "zh" ? /^数据更新至\d{4}年\d{1,2}月\d{1,2}日$/ : /^Data up to \d{1,2} [A-Z][a-z]{2} \d{4}$/);
      // Measured as styled: an unstyled page (the stylesheet not applied) stacks everything differently.
      expect(await page.locator(".board-row").first().evaluate((e) => getComputedStyle(e).borderLeftStyle)).toBe("solid");
      expect(summary.length).toBe(1);
      expect(summary[0]).toBeLessThanOrEqual(800);
      expect((await bottom(".data-up-to"))[0]).toBeLessThanOrEqual(800);
      expect(rows.map((r) => r.target).sort()).toEqual(["T23-1", "T23-2", "T23-3", "T23-4", "T23-5", "T23-6", "T25-1", "T25-2", "T25-3"]);
      for (const r of rows) {
        expect(r.status, r.target).toMatch(lang === "zh" ? /已完成|正常|滞后|严重滞后|未完成|无数据/ : /Achieved|On track|Lagging|Off track|Missed|No data/);
        expect(r.bottom, `${r.target}: the bottom of its line`).toBeLessThanOrEqual(800);
      }
      // And on a phone: the README shows its first screen too (an artifact, not a check).
      expect(await atWidth(page, 390), "charts drawn wider than their cards at 390 px").toEqual([]);
      await page.screenshot({path: join(FIRST_SCREENS, `overview-${lang}-390.png`)});
    } finally {
      await page.close();
    }
  });

  test.each([["the build's date", undefined], [EARLIER, EARLIER]] as const)("every card's latest figure is its chart's last point (as of %s)", async (_, asOf) => {
    site();
    const page = await overview("zh", 1280, asOf);
    try {
      const pairs = await page.evaluate(`[...document.querySelectorAll(".target-card")].map((card) => {
        const target = card.dataset.target;
        const chart = document.querySelector('.trend-grid .card[data-target="' + target + '"] svg');
        const points = chart ? [...chart.querySelectorAll(".actual-points circle")] : [];
        const last = points.at(-1);
        return {
          target,
          card: card.dataset.latest ?? null,
          cardPeriod: card.dataset.latestPeriod ?? null,
          chart: chart === null ? "no chart" : chart.hasAttribute("data-done") ? chart.getAttribute("data-done") : last ? last.getAttribute("data-value") : null,
          chartPeriod: chart && !chart.hasAttribute("data-done") && last ? last.getAttribute("data-period") : null,
          checklist: chart !== null && chart.hasAttribute("data-done"),
        };
      })`) as {target: string; card: string | null; cardPeriod: string | null; chart: string | null; chartPeriod: string | null; checklist: boolean}[];
      expect(pairs).toHaveLength(9);
      // Something to compare: at least one card with a figure beside a chart with points.
      expect(pairs.filter((p) => p.card !== null && !p.checklist && p.chart !== null).length).toBeGreaterThan(0);
      for (const p of pairs) {
        expect(p.chart === null ? null : Number(p.chart), `${p.target}: the chart's last point against the card's latest figure ${p.card}`).toBe(p.card === null ? null : Number(p.card));
        if (!p.checklist) expect(p.chartPeriod, `${p.target}: the period of the chart's last point`).toBe(p.cardPeriod);
      }
    } finally {
      await page.close();
    }
  });

  test.each([["zh", 1280], ["zh", 390], ["en", 1280], ["en", 390]] as const)("no two texts of different marks overlap in its charts (%s, %i px)", async (lang, width) => {
    site();
    const page = await overview(lang, width);
    try {
      const counted = await page.locator(".trend-grid svg text").count();
      expect(counted).toBeGreaterThan(0);
      expect(await overlappingChartTexts(page, ".trend-grid svg")).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
