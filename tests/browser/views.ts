// Views that can be shared and printed (issue 12), in Debian's headless Chromium on the built site
// (sharedSite.ts: the same build and browser as site.ts, in chromium.test.ts):
//  - the as-of date and the parks page's filters live in the URL: they survive a reload, and the nav
//    (the as-of) and the language switch (the whole view) carry them, and the pages show that date's
//    figures (read back against the exported status.json);
//  - the overview and the briefing print, through their print buttons, on at most two A4 pages each in
//    both languages, with their charts and a footer on every page (the as-of date, page n of m, the time
//    printed in 北京时间, the sample notice), read back from the PDF with poppler's tools.
// The PDFs and their pages as PNG go to artifacts/print/.
//
// Needs /usr/bin/chromium, fonts-noto-cjk and poppler-utils (.ci/run installs them): without them it fails.

import {execFileSync} from "node:child_process";
import {readdirSync, readFileSync} from "node:fs";
import {copyFile, mkdir, mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {printPage} from "../../pipeline/report.ts";
import {AS_OF, siteInChromium} from "./sharedSite.ts";

type Lang = "zh" | "en";
const EARLIER = "2025-06-30";
const ARTIFACTS = "artifacts/print";

let dir = "";
const site = siteInChromium();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-views-"));
});

afterAll(async () => {
  if (dir) await rm(dir, {recursive: true, force: true});
});

/** The exported status file the pages read (its name carries a content hash). */
function exported(name: string): any {
  const folder = join(site().dist, "_file", "data");
  const file = readdirSync(folder).find((f) => f.startsWith(`${name}.`) && f.endsWith(".json"))!;
  return JSON.parse(readFileSync(join(folder, file), "utf8"));
}

const STATUS_WORDS: Record<string, {zh: string; en: string}> = {
  achieved: {zh: "已完成", en: "achieved"},
  on_track: {zh: "正常", en: "on track"},
  lagging: {zh: "滞后", en: "lagging"},
  off_track: {zh: "严重滞后", en: "off track"},
  missed: {zh: "未完成", en: "missed"},
  no_data: {zh: "无数据", en: "no data"}
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dateWords = (d: string, lang: Lang) => (lang === "zh" ? `${+d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8)}日` : `${+d.slice(8)} ${MONTHS[+d.slice(5, 7) - 1]} ${d.slice(0, 4)}`);

/** What the overview's summary line must say for a date: the date and each status's count from status.json. */
async function overviewShows(page: Page, asOf: string, lang: Lang): Promise<string[]> {
  const report = exported("status").reports.find((r: {asOf: string}) => r.asOf === asOf);
  const line = await page.locator(".summary-line").first().innerText();
  const problems: string[] = [];
  if (!line.includes(dateWords(asOf, lang))) problems.push(`the summary line "${line}" does not name ${dateWords(asOf, lang)}`);
  for (const [code, n] of Object.entries(report.counts as Record<string, number>)) {
    const word = STATUS_WORDS[code]![lang];
    const re = new RegExp(`${n}\\s*(项)?${word}`, "i");
    if (n > 0 && !re.test(line)) problems.push(`the summary line "${line}" does not say ${n} ${word}`);
  }
  return problems;
}

const selected = (page: Page) => page.locator(".as-of-control select").inputValue();
const query = (page: Page) => new URL(page.url()).searchParams;

describe("views in the URL", () => {
  test("the as-of date survives a reload and goes with the nav and the language switch, with that date's figures", async () => {
    site();
    const status = exported("status");
    expect(status.dates).toContain(EARLIER);
    expect(status.asOf).not.toBe(EARLIER);
    const page = await site().browser.newPage();
    try {
      await page.goto(new URL("zh/", site().url).href, {waitUntil: "networkidle"});
      expect(await overviewShows(page, status.asOf, "zh")).toEqual([]);
      await page.locator(".as-of-control select").selectOption(EARLIER);
      await expect.poll(() => query(page).get("asof")).toBe(EARLIER);
      await expect.poll(() => overviewShows(page, EARLIER, "zh")).toEqual([]);

      await page.reload({waitUntil: "networkidle"});
      expect(await selected(page)).toBe(EARLIER);
      expect(await overviewShows(page, EARLIER, "zh")).toEqual([]);

      await Promise.all([page.waitForURL(/\/zh\/items/), page.locator(".ftz-nav nav a", {hasText: "改革事项"}).click()]);
      await page.waitForLoadState("networkidle");
      expect(query(page).get("asof")).toBe(EARLIER);
      expect(await selected(page)).toBe(EARLIER);

      await Promise.all([page.waitForURL(/\/en\/items/), page.locator("a.lang-switch").click()]);
      await page.waitForLoadState("networkidle");
      expect(query(page).get("asof")).toBe(EARLIER);
      expect(await selected(page)).toBe(EARLIER);

      await Promise.all([page.waitForURL(/\/en\/(index)?(\?|$)/), page.locator(".ftz-nav nav a", {hasText: "Overview"}).click()]);
      await page.waitForLoadState("networkidle");
      expect(await selected(page)).toBe(EARLIER);
      expect(await overviewShows(page, EARLIER, "en")).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("the parks page's indicator and period range survive a reload and the language switch", async () => {
    site();
    const page = await site().browser.newPage();
    try {
      await page.goto(new URL("zh/parks", site().url).href, {waitUntil: "networkidle"});
      const indicator = page.locator("form select").first();
      const options = await indicator.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(options.length).toBeGreaterThan(1);
      // Framework's select options are indexes; the URL holds the indicator's id.
      await indicator.selectOption(options[1]!);
      await expect.poll(() => query(page).get("indicator")).not.toBeNull();
      const chosen = query(page).get("indicator")!;
      // The page's selects: the indicator, the park to highlight, then the range.
      const from = page.locator("form select").nth(2);
      const fromOptions = await from.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      await from.selectOption(fromOptions[0]!);
      await expect.poll(() => query(page).get("from")).not.toBeNull();
      const view = {indicator: chosen, from: query(page).get("from"), to: query(page).get("to")};
      expect(view.to).not.toBeNull();
      const shown = async () => (await page.locator("form select").evaluateAll((ss) => ss.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? ""))).filter((_, i) => [0, 2, 3].includes(i));
      const before = await shown();

      await page.reload({waitUntil: "networkidle"});
      expect(Object.fromEntries(["indicator", "from", "to"].map((k) => [k, query(page).get(k)]))).toEqual(view);
      expect(await shown()).toEqual(before);

      await Promise.all([page.waitForURL(/\/en\/parks/), page.locator("a.lang-switch").click()]);
      await page.waitForLoadState("networkidle");
      expect(Object.fromEntries(["indicator", "from", "to"].map((k) => [k, query(page).get(k)]))).toEqual(view);
      // The same indicator and range, in English words.
      const english = await shown();
      expect(english.length).toBe(3);
      expect(english).not.toEqual(before);
      expect(english.join(" ")).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await page.close();
    }
  });
});

interface PdfWord {
  page: number;
  yMin: number;
  yMax: number;
  text: string;
}

/** Every word of a PDF with its page and vertical place (points), from poppler's pdftotext -bbox. */
function pdfWords(file: string): {pages: {width: number; height: number}[]; words: PdfWord[]} {
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], {encoding: "utf8"});
  const pages: {width: number; height: number}[] = [];
  const words: PdfWord[] = [];
  for (const part of html.split(/<page /).slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(part)!;
    pages.push({width: Number(size[1]), height: Number(size[2])});
    for (const m of part.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({page: pages.length, yMin: Number(m[1]), yMax: Number(m[2]), text: m[3]!});
    }
  }
  return {pages, words};
}

const flat = (t: string) => t.replace(/\s+/g, "");

describe("printed on A4", () => {
  const cases: {page: string; route: string; ready: string}[] = [
    {page: "overview", route: "", ready: ".target-card"},
    {page: "briefing", route: "briefing", ready: ".briefing-section p"}
  ];
  test.each(cases.flatMap((c) => (["zh", "en"] as const).map((lang) => [`${c.page} (${lang})`, c, lang] as const)))(
    "%s: at most two A4 pages, each with the footer, its charts, and no page left nearly empty",
    async (_, c, lang) => {
      site();
      const out = join(dir, `${c.page}-${lang}.pdf`);
      const url = new URL(`${lang}/${c.route}`, site().url).href;
      const printed = await printPage(url, lang, out, {ready: c.ready});
      await mkdir(ARTIFACTS, {recursive: true});
      await copyFile(out, join(ARTIFACTS, `${c.page}-${lang}.pdf`));
      execFileSync("pdftoppm", ["-r", "50", "-png", out, join(ARTIFACTS, `${c.page}-${lang}`)]);

      const {pages, words} = pdfWords(out);
      const info = execFileSync("pdfinfo", [out], {encoding: "utf8"});
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(pages.length);
      expect(printed.pages).toBe(pages.length);
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(2);
      for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842]); // A4 in points

      const asOf = c.page === "briefing" ? exported("briefing").asOf : exported("status").asOf;
      expect(asOf).toBe(AS_OF);
      const footerTop = (p: {height: number}) => p.height - 16 * 2.835; // the bottom margin, 16 mm
      pages.forEach((p, i) => {
        const n = i + 1;
        const footer = flat(words.filter((w) => w.page === n && w.yMin >= footerTop(p)).map((w) => w.text).join(" "));
        const want = lang === "zh"
          ? [`数据截至${dateWords(asOf, "zh")}`, "样例数据，非官方统计", `第${n}页，共${pages.length}页`, "打印于", "（北京时间）"]
          : [flat(`Data as of ${dateWords(asOf, "en")}`), "Sampledata,notofficial", `Page${n}of${pages.length}`, "Printed", "Beijingtime"];
        for (const w of want) expect(footer, `page ${n} footer`).toContain(w);
        // No page is left with a few lines: its body reaches at least a quarter of the way down.
        const body = words.filter((w) => w.page === n && w.yMax < footerTop(p));
        expect(Math.max(0, ...body.map((w) => w.yMax)) / p.height, `page ${n}: how far down its body reaches`).toBeGreaterThan(0.25);
      });

      // The charts are on paper: their own text (axis ticks, the target's label) is in the PDF.
      const text = flat(words.map((w) => w.text).join(" "));
      if (c.page === "overview") {
        const status = exported("status");
        const report = status.reports.find((r: {asOf: string}) => r.asOf === asOf);
        const charted = report.targets.filter((t: any) => t.components.targetValue !== null && !t.components.parts && !t.components.rank);
        expect(charted.length).toBeGreaterThan(0);
        const straight = lang === "zh" ? "序时进度" : "Plannedpace";
        expect(text.split(straight).length - 1, `"${straight}" (the straight path's label in each progress chart)`).toBeGreaterThanOrEqual(charted.length);
        for (const t of charted) expect(text).toContain(flat(t.target));
      }
      expect(printed.sample).toBe(true);
    },
    120_000
  );
});
