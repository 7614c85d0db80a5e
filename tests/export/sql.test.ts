// The SQL-fed status engine and export against the pure path over every row (the oracle): the same
// statuses, trends, series, boards and files on the shipped sample data, on awkward extra rows, and at
// each revision of the diff fixtures.

import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableFromIPC } from "apache-arrow";
import { previousQuarterEnd } from "../../pipeline/briefing.ts";
import { asOfDates, buildExport } from "../../pipeline/export/index.ts";
import { text } from "../../pipeline/export/site.ts";
import { exportToSink } from "../../pipeline/export/warehouse.ts";
import { indicatorParts, sqlWritable } from "../../pipeline/export/rows.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { computeStatus, statusReport } from "../../pipeline/status/index.ts";
import { stepAside, zoneSeries, type SeriesPoint } from "../../pipeline/status/series.ts";
import { prepareZoneSeries, statusDataFromWarehouse, statusFromWarehouse, zoneSeriesOf } from "../../pipeline/warehouse/aggregates.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { readObservationHistory, readSnapshot, revisionAt } from "../../pipeline/warehouse/read.ts";
import { realRegistry } from "../helpers.ts";

let registry: Registry;
let dir: string;

beforeAll(async () => {
  registry = await realRegistry();
  dir = await mkdtemp(join(tmpdir(), "ftz-sql-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Rows the sample lacks: a zone figure beside the parks' sum, monthly beside quarterly, decimals whose
 * double sum is inexact, a qualifier, park sums holding qualified figures (约 and 超; 约 twice; one park's 超 alone); a month ending with the latest quarter (ties for freshness's latest
 * row and the parks board's latest period); figures at a single date: two parks' totals to a date on a
 * count (never a point, never summed) and one on a cumulative count (a point: its figures are stocks).
 */
const awkward = `indicator,entity,period,value,note,source
foreign_trade_value,yongchuan,2023-Q1,40.05,,test
foreign_trade_value,fenghuanghu,2019-Q1,0.1,,test
foreign_trade_value,gangqiao,2019-Q1,0.2,,test
foreign_trade_value,sanjiao,2019-Q1,0.7,,test
foreign_trade_value,yongchuan,2019-Q2,约3,,test
foreign_trade_value,fenghuanghu,2019-07,约0.4,,test
foreign_trade_value,gangqiao,2019-07,超0.3,,test
foreign_trade_value,sanjiao,2019-07,0.5,,test
foreign_trade_value,fenghuanghu,2019-08,约0.1,,test
foreign_trade_value,gangqiao,2019-08,约0.2,,test
foreign_trade_value,sanjiao,2019-09,超0.6,,test
enterprises_attracted,fenghuanghu,2021,5,,test
enterprises_attracted,gangqiao,2019-12,,,test
foreign_trade_value,gangqiao,2026-09,1.5,,test
foreign_trade_value,bigdata,2026-09,2.5,,test
foreign_trade_value,vocational_base,2026-09,0.5,,test
enterprises_attracted,fenghuanghu,2023-06-16,12,,test
enterprises_attracted,gangqiao,2023-06-16,30,,test
ftz_aligned_cases,yongchuan,2024-03-15,7,,test
`;

/** Published figures: provenance columns (a quoted sentence with a comma and quotes, a link), a projection (预计), 超 and 余 kept apart. */
const published = `指标,园区,时期,数值,来源,来源链接,来源标题,发布日期,原文摘录,可靠性
foreign_trade_value,fenghuanghu,2020,超50000,区商务委,https://www.cqyc.gov.cn/a?x=1&y=2,"外贸""稳中有进""",2021-01-20,"全年外贸进出口超5万亿元，同比增长",官方发布
foreign_trade_value,gangqiao,2020,50000余,重庆日报,,,2021-02-01,,媒体
foreign_trade_value,sanjiao,2020,预计60000,区政府工作报告,,,,,
`;

async function load(db: string, folder: string, day: string) {
  const files = await readDataFiles(await findDataFiles([folder]));
  const r = await withConnection(db, (c) => ingest(c, { files, scope: [folder], registry, today: day, now: new Date(`${day}T08:00:00Z`) }));
  expect(r.ok, JSON.stringify((r as { problems?: unknown }).problems)).toBe(true);
}

/** The export from SQL aggregates (exportToSink) and buildExport over every row: the same files. */
async function expectSameExport(db: string, asOf: string) {
  await withConnection(db, async (c) => {
    const validation = { files: 1, rows: 2, problems: [] };
    const files = new Map<string, string | Uint8Array>();
    const parts = new Map<string, Buffer[]>();
    await exportToSink(c, { registry, asOf, validation }, {
      file: async (name, content) => void files.set(name, content),
      part: async (name, content) => void parts.set(name, [...(parts.get(name) ?? []), Buffer.from(content)]),
      end: async (name) => void files.set(name, text(name, Buffer.concat(parts.get(name)!))),
    });
    const snapshot = await readSnapshot(c);
    // The Arrow download holds every row as read (its text columns are built by hand: nulls, Chinese, empty text).
    const arrowRows = tableFromIPC(files.get("observations.arrow") as Uint8Array).toArray().map((row) => row.toJSON());
    expect(arrowRows.map((x) => [x.indicator, x.entity, x.period, x.qualifier, x.value, x.file, x.line])).toEqual(
      snapshot.observations.map((o) => [o.indicator, o.entity, o.period.key, o.qualifier, o.value, o.origin.file, o.origin.line]),
    );
    const oracle = buildExport({
      registry,
      snapshot,
      asOf,
      validation,
      history: await readObservationHistory(c),
      previous: await readSnapshot(c, await revisionAt(c, previousQuarterEnd(asOf))),
    });
    expect([...files.keys()].sort()).toEqual([...oracle.keys()].sort());
    for (const [name, content] of oracle) {
      if (name.endsWith(".arrow")) {
        const rows = (x: string | Uint8Array) => tableFromIPC(x as Uint8Array).toArray().map((row) => row.toJSON());
        expect(rows(files.get(name)!), name).toEqual(rows(content));
      } else expect(files.get(name), name).toBe(content);
    }
  }, { readOnly: true });
}

/** For each as-of date the site offers: the SQL-fed report equals computeStatus over every row, and so do the zone series. */
async function expectSameAsOracle(db: string, revision?: number) {
  await withConnection(db, async (c) => {
    const snapshot = await readSnapshot(c, revision);
    const r = snapshot.revision;
    const dates = asOfDates(registry, "2026-11-27");
    await prepareZoneSeries(c, r, registry);
    const data = await statusDataFromWarehouse(c, registry, r, dates);
    for (const asOf of dates) {
      const oracle = computeStatus({ registry, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf });
      expect(statusReport({ registry, data, asOf }), asOf).toEqual(oracle);
    }
    const zones = await zoneSeriesOf(c, registry.indicators.map((i) => i.id));
    // The rows behind a park sum are listed for the targets' indicators (their actual shows them), not for the others.
    for (const indicator of registry.indicators) {
      const untraced = (points: SeriesPoint[]) => (indicator.targets.length ? points : points.map((p) => ({ ...p, origins: p.parts ? [] : p.origins })));
      expect(zones.get(indicator.id) ?? [], indicator.id).toEqual(untraced(zoneSeries(indicator, stepAside(snapshot.observations), registry)));
    }
  }, { readOnly: true });
}

/**
 * Figures as offices publish them (issue 11): year-to-date and multi-year totals and stocks at a date beside
 * the months and quarters (never points of a series), the district's, the city's and a sum of zones'
 * figures on a park indicator (never added to the zone), values written in another scale of the unit.
 */
const faithful = `指标,主体,时期,数值
foreign_trade_value,凤凰湖产业园,2023年1-8月,"12,000万元"
foreign_trade_value,港桥产业园,2023年前三季度,逾6亿元
foreign_trade_value,永川区,2023年1-8月,约300
foreign_trade_value,永川区,2023-Q1,110
foreign_trade_value,重庆市,2017—2021年,"30,000"
foreign_trade_value,三个经开区合计,2023-Q1,700
foreign_trade_value,永川区,“十四五”以来（截至2024年6月）,超900
enterprises_attracted,凤凰湖产业园,截至2023年6月,40
ftz_aligned_cases,,2023年1-6月,3
district_gdp,永川区,2023,1200
district_gdp,永川区,2023年上半年,560
`;

describe("the SQL-fed status engine", () => {
  it("gives the statuses, trends and zone series of the pure path on the sample data, with awkward rows added", async () => {
    const data = join(dir, "data");
    await cp("data/sample", join(data, "sample"), { recursive: true });
    await writeFile(join(data, "sample", "awkward.csv"), awkward);
    await writeFile(join(data, "sample", "published.csv"), published);
    await writeFile(join(data, "sample", "faithful.csv"), faithful);
    const db = join(dir, "sample.duckdb");
    await load(db, data, "2026-11-27");
    await expectSameAsOracle(db);
    await expectSameExport(db, "2026-11-27");
    await expectSameExport(db, "2025-06-30");
    const { revision, report } = await statusFromWarehouse({ db, registry, asOf: "2025-06-30" });
    const snapshot = await withConnection(db, (c) => readSnapshot(c), { readOnly: true });
    expect(revision).toBe(snapshot.revision);
    expect(report).toEqual(computeStatus({ registry, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf: "2025-06-30" }));
  });

  it("gives the pure path's results at each revision of the diff fixtures", async () => {
    const db = join(dir, "diff.duckdb");
    for (const [version, day] of [["v1", "2023-07-01"], ["v2", "2023-10-01"]] as const) {
      await rm(join(dir, "fixture"), { recursive: true, force: true });
      await cp(join("tests/fixtures/diff", version), join(dir, "fixture"), { recursive: true });
      await load(db, join(dir, "fixture"), day);
    }
    await expectSameAsOracle(db, 1);
    await expectSameAsOracle(db, 2);
    await expectSameExport(db, "2023-10-01");
    await expectSameExport(db, "2023-12-31");
  });

  it("writes numbers as JavaScript does and text that needs quoting the SQL way: the same files", async () => {
    const folder = join(dir, "edges");
    await cp("tests/fixtures/diff/v1", folder, { recursive: true });
    // Numbers String() writes in its own ways (1e-7, 0.000001234, -0 as 0, long decimals); the notes: a formula,
    // a quote, a comma, a line break, a tab, Chinese.
    await writeFile(
      join(folder, "edges.csv"),
      `indicator,entity,period,value,note,source
foreign_trade_value,gangqiao,2023-Q1,0.0000001,,test
foreign_trade_value,sanjiao,2023-Q1,2.5,,test
foreign_trade_value,fenghuanghu,2023-Q1,-0,,test
foreign_trade_value,bigdata,2023-Q1,0.000001234,,test
foreign_trade_value,bonded_zone,2023-Q1,0.123456789012,,test
enterprises_attracted,gangqiao,2023-Q1,3,"=SUM(A1) ""引号"", 逗号",test
enterprises_attracted,sanjiao,2023-Q1,2," 前后空格 ",@source
enterprises_attracted,yongchuan,2023-Q2,7,"第一行
第二行	Tab",-test
`,
    );
    const db = join(dir, "edges.duckdb");
    await load(db, folder, "2023-10-01");
    await withConnection(db, async (c) => {
      expect([...(await sqlWritable(c, 1))].sort()).toEqual(["enterprises_attracted", "foreign_trade_value", "ftz_aligned_cases"]);
      expect(await indicatorParts(c, 1, "foreign_trade_value")).not.toBeNull();
    }, { readOnly: true });
    await expectSameExport(db, "2023-10-01");
  });

  it("writes an indicator whose rows the byte assembly cannot write the JavaScript way: the same files", async () => {
    const folder = join(dir, "odd");
    await cp("tests/fixtures/diff/v1", folder, { recursive: true });
    await writeFile(join(folder, "more.csv"), "indicator,entity,period,value,note,source\nenterprises_attracted,gangqiao,2023-Q1,2,,test\nenterprises_attracted,sanjiao,2023-Q2,5,,test\n");
    const db = join(dir, "odd.duckdb");
    await load(db, folder, "2023-10-01");
    // No file gives such a row today: a warehouse is edited to hold a period key CSV must quote.
    await withConnection(db, (c) => c.run(`UPDATE observations SET period = '2023,Q1' WHERE indicator = 'ftz_aligned_cases' AND period = '2023-Q1'`));
    await withConnection(db, async (c) => expect((await sqlWritable(c, 1)).has("ftz_aligned_cases")).toBe(false), { readOnly: true });
    await expectSameExport(db, "2023-10-01");
    // A period with two ends (what the parks page's recent periods assume away) is left to JavaScript too.
    await withConnection(db, (c) => c.run(`UPDATE observations SET period_end = period_end - 1 WHERE indicator = 'enterprises_attracted' AND entity = 'gangqiao' AND period = '2023-Q1'`));
    await withConnection(db, async (c) => expect((await sqlWritable(c, 1)).has("enterprises_attracted")).toBe(false), { readOnly: true });
  });
});
