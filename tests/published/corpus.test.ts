// The published-figures corpus (tests/fixtures/published/, issue 11) from CSV to page: `ftz validate`,
// `ftz ingest`, `ftz status` and `ftz export`, then the files the indicator page reads and the
// downloads. For every figure: its entity (as published, never moved to 永川高新区), period (kind,
// start, end), qualifier, number and unit as written, sample flag and every source field survive.
// What each row must become is written out below, not derived from the code under test.

import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipeline/cli/main.ts";
import { observationDownload, type PageObservation } from "../../src/components/observationDownload.ts";

const corpus = "tests/fixtures/published";
const figures = `${corpus}/figures.csv`;
const today = "2026-11-27";

type Expected = { entity: string; period: string; kind: "flow" | "stock"; start: string; end: string; value: number; qualifier: string | null; written: [number, string] | null };
// Line → what the figure must be stored and shown as (the line is the CSV's, header = 1).
const expected: Record<number, Expected> = {
  2: { entity: "fenghuanghu", period: "2024-01~2024-08", kind: "flow", start: "2024-01-01", end: "2024-08-31", value: 8.5, qualifier: "约", written: null },
  3: { entity: "gangqiao", period: "2024-01~2024-08", kind: "flow", start: "2024-01-01", end: "2024-08-31", value: 1.2, qualifier: null, written: [12000, "万元"] },
  4: { entity: "sanjiao", period: "2024-01~2024-09", kind: "flow", start: "2024-01-01", end: "2024-09-30", value: 4.2, qualifier: "近", written: null },
  5: { entity: "bigdata", period: "2024-H1", kind: "flow", start: "2024-01-01", end: "2024-06-30", value: 3.3, qualifier: "以上", written: [3.3, "亿元"] },
  6: { entity: "yongchuan_district", period: "2017~2021", kind: "flow", start: "2017-01-01", end: "2021-12-31", value: 500, qualifier: "超", written: null },
  7: { entity: "yongchuan_district", period: "2021-01~2024-06", kind: "flow", start: "2021-01-01", end: "2024-06-30", value: 900, qualifier: "逾", written: [900, "亿元"] },
  8: { entity: "yongchuan", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 120, qualifier: "余", written: null },
  9: { entity: "chongqing", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 7137.4, qualifier: null, written: null },
  10: { entity: "chongqing_ftz", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 1500, qualifier: "左右", written: null },
  11: { entity: "three_etdz_total", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 2100, qualifier: null, written: null },
  12: { entity: "fuling_district", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 60, qualifier: "不到", written: null },
  13: { entity: "yongchuan_district", period: "2024", kind: "flow", start: "2024-01-01", end: "2024-12-31", value: 320, qualifier: "预计", written: null },
  14: { entity: "yongchuan_district", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 1200, qualifier: null, written: null },
  15: { entity: "fuling_district", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 1400, qualifier: "约", written: null },
  16: { entity: "chongqing", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 30145.8, qualifier: null, written: null },
  17: { entity: "yongchuan_district", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 12000, qualifier: null, written: [1.2, "亿美元"] },
  18: { entity: "chongqing_ftz", period: "2024-01~2024-08", kind: "flow", start: "2024-01-01", end: "2024-08-31", value: 35000, qualifier: "超", written: [3.5, "亿美元"] },
  19: { entity: "yongchuan", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 8500, qualifier: null, written: [8500, "万美元"] },
  20: { entity: "yongchuan_district", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 48000, qualifier: "近", written: [4.8, "万元"] },
  21: { entity: "chongqing", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 47435, qualifier: null, written: [47435, "元"] },
  22: { entity: "yongchuan", period: "~2021-03-31", kind: "stock", start: "2021-03-31", end: "2021-03-31", value: 50, qualifier: "约", written: [50, "平方公里"] },
  23: { entity: "gangqiao_logistics_park", period: "2023-06-16", kind: "stock", start: "2023-06-16", end: "2023-06-16", value: 3.5, qualifier: null, written: [3.5, "平方公里"] },
  24: { entity: "gangqiao_logistics_park", period: "2024-H1", kind: "flow", start: "2024-01-01", end: "2024-06-30", value: 20, qualifier: "超", written: [20, "项"] },
  25: { entity: "yongchuan", period: "2024-H1", kind: "flow", start: "2024-01-01", end: "2024-06-30", value: 46, qualifier: null, written: [46, "项"] },
  26: { entity: "fenghuanghu", period: "2023-05", kind: "flow", start: "2023-05-01", end: "2023-05-31", value: 3, qualifier: null, written: [3, "家"] },
  27: { entity: "fenghuanghu", period: "2023-06", kind: "flow", start: "2023-06-01", end: "2023-06-30", value: 4, qualifier: null, written: [4, "家"] },
  28: { entity: "gangqiao", period: "2023-06", kind: "flow", start: "2023-06-01", end: "2023-06-30", value: 5, qualifier: null, written: null },
  29: { entity: "fenghuanghu", period: "2023-06-16", kind: "stock", start: "2023-06-16", end: "2023-06-16", value: 12, qualifier: null, written: [12, "家"] },
  30: { entity: "gangqiao", period: "2023-06-16", kind: "stock", start: "2023-06-16", end: "2023-06-16", value: 30, qualifier: "余", written: [30, "家"] },
  31: { entity: "yongchuan", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 5, qualifier: null, written: [5, "个"] },
  32: { entity: "yongchuan", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 3, qualifier: "左右", written: [3, "个"] },
  33: { entity: "yongchuan", period: "2021-01~2024-06", kind: "flow", start: "2021-01-01", end: "2024-06-30", value: 8, qualifier: null, written: [8, "条"] },
  34: { entity: "yongchuan_district", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 2.8, qualifier: null, written: null },
  35: { entity: "chongqing", period: "2023", kind: "flow", start: "2023-01-01", end: "2023-12-31", value: 2.5, qualifier: null, written: null },
};
const reliabilityCodes: Record<string, string> = { 官方发布: "official", 媒体报道: "media", 转载: "copy" };
const isoOf = (written: string) => written.replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/, (_, y, m, d) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`);

/** The corpus's rows as an analyst wrote them, keyed by line. */
type Source = { indicator: string; note: string; source: string; url: string; title: string; published: string; excerpt: string; reliability: string; sample: string };
async function sourceRows(): Promise<Map<number, Source>> {
  const text = await readFile(figures, "utf8");
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data.slice(1);
  return new Map(rows.map((r, i) => [i + 2, { indicator: r[0]!, note: r[4]!, source: r[5]!, url: r[6]!, title: r[7]!, published: isoOf(r[8]!), excerpt: r[9]!, reliability: reliabilityCodes[r[10]!]!, sample: r[11]! }]));
}

let dir: string;
let data: string;
let db: string;
let out: string;
let source: Map<number, Source>;
const outputs: Record<string, { code: number; out: string; err: string }> = {};

async function ftz(...args: string[]) {
  let o = "";
  let e = "";
  const code = await main([...args, "--data", data, "--db", db, "--today", today], { out: (t) => (o += t), err: (t) => (e += t), cwd: process.cwd() });
  return { code, out: o, err: e };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-published-"));
  // The real registry and reference, with the corpus's context indicators (units 万美元, 元, 平方公里 …) added.
  data = join(dir, "data");
  db = join(dir, "w.duckdb");
  out = join(dir, "export");
  await cp("data/reference", join(data, "reference"), { recursive: true });
  await writeFile(join(data, "indicators.yml"), `${await readFile("data/indicators.yml", "utf8")}\n${await readFile(`${corpus}/indicators.yml`, "utf8")}`);
  source = await sourceRows();
  outputs.validate = await ftz("validate", "--json", figures);
  outputs.ingest = await ftz("ingest", figures);
  outputs.status = await ftz("status", "--as-of", today, "--json");
  outputs.export = await ftz("export", "--out", out, "--as-of", today);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the published-figures corpus through validate, ingest, status and export", () => {
  it("covers every line of the corpus, each flagged sample", () => {
    expect([...source.keys()]).toEqual(Object.keys(expected).map(Number));
    for (const [line, s] of source) {
      expect(s.sample, `line ${line}`).toBe("是");
      expect(s.note, `line ${line}`).toContain("样例数据，非官方统计");
      expect(`${s.source}${s.title}${s.excerpt}`, `line ${line}`).toMatch(/样例/);
    }
  });

  it("ftz validate accepts every figure; the only notices say how a unit written in the cell was read: the four conversions (12,000万元 among them, not a thousands-separator error) and each unit that is the indicator's own", () => {
    expect(outputs.validate!.code).toBe(0);
    const problems = JSON.parse(outputs.validate!.out).problems as { code: string; severity: string; line: number; column: number }[];
    const converted = [3, 17, 18, 20];
    // 3.3亿元以上, 逾900亿元, 8500万美元, 47,435元, 约50平方公里, 3.5平方公里, 超20项, 46项, 3家, 4家, 12家, 30余家, 5个, 3个左右, 8条.
    const ownUnit = [5, 7, 19, 21, 22, 23, 24, 25, 26, 27, 29, 30, 31, 32, 33];
    const want = [...converted.map((l) => ["warning", "unit_converted", l, 4]), ...ownUnit.map((l) => ["warning", "unit_in_cell", l, 4])];
    expect(problems.map((p) => [p.severity, p.code, p.line, p.column])).toEqual(want.sort((a, b) => (a[2] as number) - (b[2] as number)));
  });

  it("refuses 美元 into an 元 indicator naming both units, and a park on a zone indicator as a level mismatch, one message each", async () => {
    const usd = await ftz("validate", `${corpus}/refused/usd_into_yuan.csv`);
    expect(usd.code).toBe(1);
    expect(usd.out).toContain(`${corpus}/refused/usd_into_yuan.csv:2:4: error unit_mismatch`);
    expect(usd.out).toContain(`the unit "美元" does not convert to the indicator's unit "元"`);
    expect(usd.out.match(/ error /g)).toHaveLength(1);
    const level = await ftz("validate", `${corpus}/refused/level_mismatch.csv`);
    expect(level.code).toBe(1);
    expect(level.out).toContain(`${corpus}/refused/level_mismatch.csv:2:2: error level_mismatch`);
    expect(level.out).toContain("level mismatch: 凤凰湖产业园 is a park-level entity; the indicator ftz_aligned_cases holds zone-level values");
    expect(level.out.match(/ error /g)).toHaveLength(1);
  });

  it("ftz ingest loads all 34 rows, ftz status and ftz export succeed", () => {
    expect(outputs.ingest!.code, outputs.ingest!.err).toBe(0);
    expect(outputs.ingest!.out).toContain("34 rows added");
    expect(outputs.status!.code, outputs.status!.err).toBe(0);
    expect(outputs.export!.code, outputs.export!.err).toBe(0);
  });
});

type PageRow = {
  entity: string; period: string; start: string; end: string; value: number | null; qualifier: string | null;
  written?: { value: number; unit: string }; kind?: string; note: string; source: string;
  provenance?: { url: string | null; title: string | null; published: string | null; excerpt: string | null; reliability: string | null };
  sample: boolean; file: string; line: number;
};

describe("what the site and the downloads carry, figure by figure", () => {
  const pageRows = async () => {
    const byLine = new Map<number, PageRow & { indicator: string }>();
    for (const id of new Set([...source.values()].map((s) => s.indicator))) {
      const page = JSON.parse(await readFile(join(out, "indicators", `${id}.json`), "utf8")) as { observations: PageRow[] };
      for (const row of page.observations) if (row.file === figures) byLine.set(row.line, { ...row, indicator: id });
    }
    return byLine;
  };

  it("each indicator page's file holds every figure under the entity it was published for, with its period, qualifier, written value and unit, and every source field", async () => {
    const rows = await pageRows();
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual(Object.keys(expected).map(Number));
    for (const [line, e] of Object.entries(expected)) {
      const row = rows.get(Number(line))!;
      const s = source.get(Number(line))!;
      expect(row.indicator, `line ${line}`).toBe(s.indicator);
      expect(
        { entity: row.entity, period: row.period, start: row.start, end: row.end, value: row.value, qualifier: row.qualifier, written: row.written ?? null, kind: row.kind ?? "flow" },
        `line ${line}`,
      ).toEqual({ entity: e.entity, period: e.period, start: e.start, end: e.end, value: e.value, qualifier: e.qualifier, written: e.written && { value: e.written[0], unit: e.written[1] }, kind: e.kind });
      expect({ note: row.note, source: row.source, sample: row.sample, ...row.provenance }, `line ${line}`).toEqual({
        note: s.note, source: s.source, sample: true, url: s.url, title: s.title, published: s.published, excerpt: s.excerpt, reliability: s.reliability,
      });
    }
  });

  it("never moves a figure to 永川高新区: only the lines published for the zone are the zone's", async () => {
    const zoneLines = Object.entries(expected).filter(([, e]) => e.entity === "yongchuan").map(([l]) => Number(l));
    expect(zoneLines).toEqual([8, 19, 22, 25, 31, 32, 33]);
    const rows = await pageRows();
    expect([...rows].filter(([, r]) => r.entity === "yongchuan").map(([l]) => l).sort((a, b) => a - b)).toEqual(zoneLines);
  });

  it("observations.csv and observations.arrow carry the same for every figure: entity, period (key, kind, start, end), qualifier, number and unit as written, sample, every source field", async () => {
    const csv = Papa.parse<Record<string, string>>((await readFile(join(out, "observations.csv"), "utf8")).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    const arrow = tableFromIPC(await readFile(join(out, "observations.arrow"))).toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(csv).toHaveLength(34);
    expect(arrow).toHaveLength(34);
    for (const [line, e] of Object.entries(expected)) {
      const s = source.get(Number(line))!;
      const want = {
        indicator: s.indicator, entity: e.entity, period: e.period, start: e.start, end: e.end, qualifier: e.qualifier,
        value_as_written: e.written?.[0] ?? null, unit_as_written: e.written?.[1] ?? null, period_kind: e.kind,
        note: s.note, source: s.source, source_url: s.url, source_title: s.title, published: s.published, excerpt: s.excerpt, reliability: s.reliability,
      };
      const c = csv.find((r) => r.file === figures && r.line === line)!;
      const fromCsv = Object.fromEntries(Object.keys(want).map((k) => [k, c[k] === "" ? null : c[k]]));
      expect({ ...fromCsv, value_as_written: fromCsv.value_as_written === null ? null : Number(fromCsv.value_as_written), value: Number(c.value), sample: c.sample }, `observations.csv line ${line}`).toEqual({ ...want, value: e.value, sample: "是 yes" });
      const a = arrow.find((r) => r.file === figures && r.line === Number(line))!;
      const fromArrow = Object.fromEntries(Object.keys(want).map((k) => [k, a[k] ?? null]));
      expect({ ...fromArrow, value: a.value, sample: a.sample }, `observations.arrow line ${line}`).toEqual({ ...want, value: e.value, sample: true });
    }
  });
});

describe("the indicator page's CSV download", () => {
  it("carries every figure's entity (code and name), period (key, kind, start, end), qualifier, number and unit as written, sample flag and every source field", async () => {
    const registry = JSON.parse(await readFile(join(out, "registry.json"), "utf8")) as { entities: { code: string; name: { zh: string } }[] };
    const entityName = new Map(registry.entities.map((e) => [e.code, e.name.zh]));
    const lines = new Set<number>();
    for (const id of new Set([...source.values()].map((s) => s.indicator))) {
      const page = JSON.parse(await readFile(join(out, "indicators", `${id}.json`), "utf8")) as { observations: PageObservation[] };
      const { header, rows } = observationDownload(id, page.observations, entityName);
      for (const cells of rows) {
        const r = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
        if (r.file !== figures) continue;
        const line = Number(r.line);
        lines.add(line);
        const e = expected[line]!;
        const s = source.get(line)!;
        expect(r, `${id}.csv line ${line}`).toEqual({
          indicator: s.indicator, entity: e.entity, entity_name: entityName.get(e.entity), period: e.period, start: e.start, end: e.end, period_kind: e.kind,
          value: e.value, qualifier: e.qualifier, value_as_written: e.written?.[0] ?? null, unit_as_written: e.written?.[1] ?? null,
          note: s.note, source: s.source, source_url: s.url, source_title: s.title, published: s.published, excerpt: s.excerpt, reliability: s.reliability,
          sample: "是 yes", file: figures, line,
        });
      }
    }
    expect([...lines].sort((a, b) => a - b)).toEqual(Object.keys(expected).map(Number));
  });
});

describe("what the corpus's figures count for", () => {
  it("a figure at a single date (截至6月16日) is never a point of a flow's series nor summed: the zone's enterprises are the parks' June months, 4 + 5", async () => {
    const page = JSON.parse(await readFile(join(out, "indicators", "enterprises_attracted.json"), "utf8"));
    const pts = (list: { period: string; value: number }[]) => list.map((p) => [p.period, p.value]);
    expect(pts(page.series.zone)).toEqual([["2023-05", 3], ["2023-06", 9]]);
    expect(pts(page.series.entities.fenghuanghu)).toEqual([["2023-05", 3], ["2023-06", 4]]);
    expect(pts(page.series.entities.gangqiao)).toEqual([["2023-06", 5]]);
  });

  it("a year-to-date, multi-year or projected figure is never a point: the district's foreign trade series is empty, the zone's holds its 2023 only", async () => {
    const page = JSON.parse(await readFile(join(out, "indicators", "foreign_trade_value.json"), "utf8"));
    const pts = (list: { period: string; value: number }[]) => list.map((p) => [p.period, p.value]);
    // 永川区 published 2017—2021年, "十四五"以来 and 预计 2024 (a whole year, but a projection): kept and listed above, none of them a point.
    expect(page.series.entities.yongchuan_district).toEqual([]);
    // The zone's own 2023 (120余), and 大数据产业园's 上半年 (a whole half) summed alone; the parks' year-to-date figures are not.
    expect(pts(page.series.zone)).toEqual([["2023", 120], ["2024-H1", 3.3]]);
  });
});
