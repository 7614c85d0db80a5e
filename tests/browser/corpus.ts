// The published-figures corpus (tests/fixtures/published, issue 11) on the site, in Debian's headless
// Chromium: a site built from the corpus alone (sharedSite.ts CORPUS), and every figure checked on its
// indicator page, in Chinese and in English — the entity it was published for, the value with its
// qualifier, the number and unit as written, the period (a run of months or years said to be cumulative,
// a stock said to be at a date), the source (link, title, date, quoted sentence, reliability) and the
// sample mark; and a figure that is a point of the zone's chart says its qualifier in the chart's tooltip. tests/published/corpus.test.ts checks the same figures in the files; this checks what a
// reader sees. What each cell must read is worked out here from the fixture's own CSV and the reference
// files, never taken from the code under test. One visit per indicator page and language (22), in one
// browser context: the pages' shared modules are fetched once.
//
// Needs /usr/bin/chromium and fonts-noto-cjk (.ci/run installs them): without them it fails.

import {readFileSync} from "node:fs";
import Papa from "papaparse";
import {describe, expect, test} from "vitest";
import {parse} from "yaml";
import {CORPUS, siteInChromium} from "./sharedSite.ts";

const site = siteInChromium(CORPUS);
type Lang = "zh" | "en";

const csv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, "utf8").trim(), {header: true, skipEmptyLines: true}).data;
/** The corpus's rows with their line in figures.csv (header = line 1). */
const figures = csv("tests/fixtures/published/figures.csv").map((cells, i) => ({cells, line: i + 2}));
/** Entities by the name or alias an analyst writes: the reference's zh and en names. */
const entityNames = new Map<string, {zh: string; en: string}>();
for (const file of ["parks", "entities", "peer_zones"]) {
  for (const e of csv(`data/reference/${file}.csv`)) {
    for (const written of [e.name_zh!, ...(e.aliases ?? "").split("|").filter(Boolean)]) entityNames.set(written, {zh: e.name_zh!, en: e.name_en!});
  }
}
/** Each indicator's unit, from the registry and the corpus's own additions. */
const units = new Map<string, {zh: string; en: string}>(
  ["data/indicators.yml", "tests/fixtures/published/indicators.yml"].flatMap((f) => {
    const y = parse(readFileSync(f, "utf8"));
    return ((Array.isArray(y) ? y : y.indicators) as {id: string; unit: {zh: string; en: string}}[]).map((i) => [i.id, i.unit] as const);
  }),
);

// What the words mean, as the issue and the README define them (not as the code spells them).
const prefixQualifiers = ["不到", "预计", "约", "近", "超", "逾"];
const englishQualifier: Record<string, string> = {约: "about", 近: "nearly", 超: "over", 逾: "over", 余: "over", 以上: "at least", 左右: "about", 不到: "under", 预计: "projected"};
const reliabilityEn: Record<string, string> = {官方发布: "official", 媒体报道: "media", 转载: "copy"};
const scale: Record<string, number> = {元: 1, 万元: 1e4, 亿元: 1e8, 美元: 1, 万美元: 1e4, 亿美元: 1e8};
const monthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dateEn = (zh: string) => zh.replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/, (_, y, m, d) => `${Number(d)} ${monthsEn[Number(m) - 1]} ${y}`);
// Each period as written in the corpus → its label on the page: a run of months or years is cumulative (累计),
// a figure at a date is a stock (截至…). Written out by hand from the forms.
const periodLabels: Record<string, {zh: string; en: string}> = {
  "2024年1-8月": {zh: "2024年1—8月（累计）", en: "Jan–Aug 2024 (cumulative)"},
  "2024年1—8月": {zh: "2024年1—8月（累计）", en: "Jan–Aug 2024 (cumulative)"},
  "2024年前三季度": {zh: "2024年1—9月（累计）", en: "Jan–Sep 2024 (cumulative)"},
  "2024年上半年": {zh: "2024年上半年", en: "H1 2024"},
  "2017—2021年": {zh: "2017—2021年（累计）", en: "2017–2021 (cumulative)"},
  "“十四五”以来（截至2024年6月）": {zh: "2021年1月—2024年6月（累计）", en: "Jan 2021 – Jun 2024 (cumulative)"},
  "2023": {zh: "2023年", en: "2023"},
  "2024": {zh: "2024年", en: "2024"},
  "截至2021年3月": {zh: "截至2021年3月31日", en: "as of 31 Mar 2021"},
  "2023年6月16日": {zh: "截至2023年6月16日", en: "as of 16 Jun 2023"},
  "2023年5月": {zh: "2023年5月", en: "May 2023"},
  "2023年6月": {zh: "2023年6月", en: "Jun 2023"},
};

/** A figure's value cell read as the issue describes it: qualifier, number, unit as written (or none). */
function reading(cell: string) {
  let t = cell.replaceAll(",", "");
  const prefix = prefixQualifiers.find((q) => t.startsWith(q));
  if (prefix) t = t.slice(prefix.length);
  const suffix = ["以上", "左右"].find((q) => t.endsWith(q));
  if (suffix) t = t.slice(0, -suffix.length);
  const m = /^([\d.]+)(余)?(.*)$/.exec(t)!;
  const unit = m[3] === "%" ? "" : m[3]!;
  return {qualifier: prefix ?? suffix ?? m[2] ?? null, number: Number(m[1]), unit, asWritten: cell.replaceAll(",", "")};
}

/** What each figure's row must read on the indicator page of `lang`. */
function expectedRow(f: (typeof figures)[number], lang: Lang) {
  const r = reading(f.cells["数值"]!);
  const unit = units.get(f.cells["指标"]!)!;
  const value = r.unit && r.unit !== unit.zh ? (r.number * scale[r.unit]!) / scale[unit.zh]! : r.number;
  // Plain digits as the table writes them (no grouping), rounded where a conversion leaves float noise.
  const number = String(Number(value.toPrecision(12)));
  const shown = !r.qualifier ? number : lang === "en" ? `${englishQualifier[r.qualifier]} ${number}` : prefixQualifiers.includes(r.qualifier) ? `${r.qualifier}${number}` : `${number}${r.qualifier}`;
  const [noteZh, noteEn] = f.cells["备注"]!.split(" / ");
  return {
    entity: entityNames.get(f.cells["主体"]!)![lang],
    period: periodLabels[f.cells["时期"]!]![lang],
    value: shown,
    written: r.unit ? r.asWritten : "",
    note: lang === "zh" ? noteZh : noteEn,
    source: f.cells["来源"],
    title: f.cells["来源标题"],
    href: f.cells["来源链接"],
    published: lang === "zh" ? f.cells["发布日期"] : dateEn(f.cells["发布日期"]!),
    excerpt: f.cells["原文摘录"],
    reliability: lang === "zh" ? f.cells["可靠性"] : reliabilityEn[f.cells["可靠性"]!],
    sample: f.cells["样例"] === "是" ? (lang === "zh" ? "是" : "yes") : "?",
  };
}

const labels = {
  zh: {entity: "园区/主体", period: "时期", written: "原文数值及单位", note: "备注", source: "来源", title: "来源标题", published: "发布日期", excerpt: "原文摘录", reliability: "可靠性", sample: "样例", origin: "文件:行"},
  en: {entity: "Entity", period: "Period", written: "As written", note: "Note", source: "Source", title: "Source title", published: "Published", excerpt: "Quoted", reliability: "Reliability", sample: "Sample", origin: "File:line"},
};

interface Shown {
  headers: string[];
  rows: {text: string[]; href: (string | null)[]; zhMarked: boolean[]}[];
  banner: string[];
  /** The charts' tooltips (SVG <title>s). */
  tips: string[];
}

/**
 * Whether a figure is a point of its indicator's zone chart: published for the zone itself (永川高新区,
 * the registry's own zone) over a calendar year, quarter or month, and not a projection (预计 is never an
 * actual). Those must keep their qualifier in the chart's tooltip, not only in the table.
 */
const zoneName = "永川高新区";
const chartedPeriod = /^(\d{4}|\d{4}年\d{1,2}月|\d{4}年第[一二三四]季度)$/;
const charted = (f: (typeof figures)[number]) => entityNames.get(f.cells["主体"]!)?.zh === zoneName && chartedPeriod.test(f.cells["时期"]!) && reading(f.cells["数值"]!).qualifier !== "预计";

describe("every figure of the published corpus on its indicator page", () => {
  const indicators = [...new Set(figures.map((f) => f.cells["指标"]!))];

  for (const lang of ["zh", "en"] as const) {
    test(`${lang}: entity, value with qualifier and unit as written, period, source link, title, date, excerpt, reliability and sample mark`, async () => {
      const {browser, url} = site();
      const context = await browser.newContext({viewport: {width: 1280, height: 900}});
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const seen = new Set<number>();
      const charts = new Set<number>();
      try {
        for (const id of indicators) {
          await page.goto(new URL(`${lang}/indicators/${id}`, url).href, {waitUntil: "networkidle"});
          const l = labels[lang];
          await page.locator("table.data-table th", {hasText: l.sample}).first().waitFor();
          const shown: Shown = await page.evaluate((sampleLabel) => {
            const table = [...document.querySelectorAll<HTMLTableElement>("table.data-table")].find((t) => [...t.tHead!.rows[0]!.cells].some((c) => c.textContent === sampleLabel))!;
            return {
              headers: [...table.tHead!.rows[0]!.cells].map((c) => c.textContent ?? ""),
              rows: [...table.tBodies[0]!.rows].map((tr) => ({
                text: [...tr.cells].map((c) => (c as HTMLElement).innerText.trim()),
                href: [...tr.cells].map((c) => c.querySelector("a")?.getAttribute("href") ?? null),
                zhMarked: [...tr.cells].map((c) => c.closest("[lang]")?.getAttribute("lang") === "zh-CN" || c.querySelector('[lang="zh-CN"]') !== null),
              })),
              banner: [...document.querySelectorAll(".sample-banner")].map((b) => b.textContent ?? ""),
              tips: [...document.querySelectorAll("svg title")].map((t) => t.textContent ?? ""),
            };
          }, l.sample);
          const col = (label: string) => {
            const i = shown.headers.indexOf(label);
            expect(i, `${id} (${lang}): a column "${label}" among ${JSON.stringify(shown.headers)}`).toBeGreaterThanOrEqual(0);
            return i;
          };
          const unit = units.get(id)![lang];
          const valueCol = shown.headers.findIndex((h) => h.includes(`（${unit}）`) || h.includes(`(${unit})`));
          expect(valueCol, `${id} (${lang}): the value column names the unit ${unit}: ${JSON.stringify(shown.headers)}`).toBeGreaterThanOrEqual(0);
          // The banner: every figure here comes from sample rows.
          expect(shown.banner.length, `${id} (${lang}): the sample banner`).toBe(1);
          for (const f of figures.filter((x) => x.cells["指标"] === id)) {
            const mine = shown.rows.filter((r) => r.text[col(l.origin)]!.endsWith(`figures.csv:${f.line}`));
            expect(mine, `${id} (${lang}): line ${f.line} shown once`).toHaveLength(1);
            const row = mine[0]!;
            seen.add(f.line);
            const cell = (label: string) => row.text[col(label)];
            // The as-written column is there only on pages with a figure written in its own unit.
            const written = shown.headers.includes(l.written) ? cell(l.written) : "";
            const e = expectedRow(f, lang);
            expect(
              {entity: cell(l.entity), period: cell(l.period), value: row.text[valueCol], written, note: cell(l.note), source: cell(l.source), title: cell(l.title), href: row.href[col(l.title)], published: cell(l.published), excerpt: cell(l.excerpt), reliability: cell(l.reliability), sample: cell(l.sample)},
              `${id} (${lang}) line ${f.line}: ${f.cells["数值"]}`,
            ).toEqual(e);
            // On the English page the publication's own words are quotations, marked as Chinese.
            if (lang === "en") for (const label of [l.source, l.title, l.excerpt]) expect(row.zhMarked[col(label)], `${id} line ${f.line}: ${label} marked lang="zh-CN"`).toBe(true);
            if (lang === "en" && e.written) expect(row.zhMarked[col(l.written)], `${id} line ${f.line}: as written marked lang="zh-CN"`).toBe(true);
            // A point of the zone's chart says the figure as published in its tooltip: 2023年：120余, 2023: over 120.
            if (charted(f)) {
              // A chart groups digits (8,500); the qualifier sits where the table puts it.
              const grouped = e.value.replace(/\d+(\.\d+)?/, (n) => new Intl.NumberFormat("en-US", {maximumFractionDigits: 2}).format(Number(n)));
              expect(Number(e.value.replace(/[^\d.]/g, "")), "below 10,000: a Chinese chart writes 万 above").toBeLessThan(1e4);
              const tip = `${e.period}${lang === "zh" ? "：" : ": "}${grouped} ${unit}`;
              expect(shown.tips, `${id} (${lang}) line ${f.line}: a chart tooltip "${tip}"`).toContain(tip);
              charts.add(f.line);
            }
          }
        }
      } finally {
        await context.close();
      }
      expect([...seen].sort((a, b) => a - b)).toEqual(figures.map((f) => f.line));
      // The corpus has zone figures with qualifiers on a chart (120余, 3个左右): the tooltip check is not vacuous.
      expect([...charts].sort((a, b) => a - b)).toEqual(figures.filter(charted).map((f) => f.line));
      expect(figures.filter((f) => charted(f) && reading(f.cells["数值"]!).qualifier).length).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
    });
  }
});
