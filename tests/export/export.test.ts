import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExport, type ExportFiles } from "../../pipeline/export/index.ts";
import { neutralise, spreadsheetCsv } from "../../pipeline/export/csv.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { generateSample } from "../../pipeline/sample/generate.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { readObservationHistory, readSnapshot } from "../../pipeline/warehouse/read.ts";
import { realRegistry } from "../helpers.ts";

const today = "2026-11-27";
let registry: Registry;
let dir: string;

beforeAll(async () => {
  registry = await realRegistry();
  dir = await mkdtemp(join(tmpdir(), "ftz-export-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh warehouse loaded from the shipped sample data, then exported. */
async function exportFresh(name: string): Promise<ExportFiles> {
  const db = join(dir, `${name}.duckdb`);
  const files = await readDataFiles(await findDataFiles(["data/sample"]));
  return withConnection(db, async (c) => {
    const r = await ingest(c, { files, scope: ["data/sample"], registry, today, now: new Date("2026-11-27T08:00:00Z") });
    expect(r.ok).toBe(true);
    return buildExport({ registry, snapshot: await readSnapshot(c), asOf: "2026-11-27", validation: { files: files.length, rows: 0, problems: [] }, history: await readObservationHistory(c) });
  });
}

describe("buildExport", () => {
  it("gives byte-identical files from the same input", async () => {
    const a = await exportFresh("a");
    const b = await exportFresh("b");
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [name, content] of a) expect(Buffer.from(b.get(name)!).equals(Buffer.from(content)), name).toBe(true);
  });

  it("writes every target's status with its components for each as-of date, and marks sample data", async () => {
    const files = await exportFresh("c");
    const status = JSON.parse(files.get("status.json") as string);
    expect(status.sample).toBe(true);
    expect(status.dates).toContain("2023-12-31");
    expect(status.dates.at(-1)).toBe("2026-11-27");
    for (const report of status.reports) {
      expect(report.targets).toHaveLength(9);
      for (const t of report.targets) expect(t.explain.zh.length).toBeGreaterThan(3);
    }
    // The overview's first screen: the dates and the as-of date's report, as status.json has them, and nothing more.
    const latest = JSON.parse(files.get("status-latest.json") as string);
    expect(latest).toEqual({ revision: status.revision, asOf: "2026-11-27", sample: true, dates: status.dates, report: status.reports.at(-1) });
    expect(latest.report.asOf).toBe("2026-11-27");
    expect((files.get("status-latest.json") as string).length).toBeLessThan((files.get("status.json") as string).length / 10);
    const arrow = tableFromIPC(files.get("observations.arrow") as Uint8Array);
    expect(arrow.numRows).toBeGreaterThan(100);
    const csv = files.get("observations.csv") as string;
    expect(csv.startsWith("\uFEFFindicator,entity,period")).toBe(true);
    expect(csv.split("\r\n").length - 1).toBe(arrow.numRows);
  });
});

describe("the sample data", () => {
  it("is exactly what the generator makes, every row flagged sample", async () => {
    for (const f of generateSample(registry)) {
      expect(await readFile(join("data/sample", f.name), "utf8"), f.name).toBe(f.text);
      const lines = f.text.trim().split("\n").slice(1);
      for (const line of lines) expect(line, f.name).toMatch(/样例数据，非官方统计/);
    }
  });
});

describe("spreadsheetCsv", () => {
  it("neutralise(cell) quotes text Excel would run as a formula, and leaves numbers alone", () => {
    expect(neutralise('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(neutralise("+1")).toBe("'+1");
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise(-5)).toBe("-5");
    expect(neutralise(null)).toBe("");
  });
  it("spreadsheetCsv(header, rows) starts with a BOM and uses CRLF", () => {
    expect(spreadsheetCsv(["名称", "值"], [["凤凰湖, 园区", 3]])).toBe('\uFEFF名称,值\r\n"凤凰湖, 园区",3');
  });
});

describe("optionsFromEnv", () => {
  it("optionsFromEnv(env) keeps validation's today apart from the as-of date", async () => {
    const { optionsFromEnv } = await import("../../pipeline/export/site.ts");
    const past = optionsFromEnv({ FTZ_AS_OF: "2025-12-31" });
    expect(past.asOf).toBe("2025-12-31");
    expect(past.today).not.toBe("2025-12-31");
    expect(optionsFromEnv({ FTZ_AS_OF: "2025-12-31", FTZ_TODAY: "2026-11-27" }).today).toBe("2026-11-27");
  });
});

describe("buildExport: figures as published (issue 11)", () => {
  it("carries the number and unit as written, the period kind and the entity each figure was published for into the download and the page", async () => {
    const folder = join(dir, "faithful");
    const { mkdir, writeFile } = await import("node:fs/promises");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "published.csv"), '指标,主体,时期,数值\nforeign_trade_value,凤凰湖产业园,2024年1-8月,"12,000万元"\nforeign_trade_value,永川区,截至2024年6月,逾300\n');
    const files = await readDataFiles(await findDataFiles([folder]));
    const exported = await withConnection(join(dir, "faithful.duckdb"), async (c) => {
      const r = await ingest(c, { files, scope: [folder], registry, today, now: new Date("2026-11-27T08:00:00Z") });
      expect(r.ok, JSON.stringify(r.problems)).toBe(true);
      return buildExport({ registry, snapshot: await readSnapshot(c), asOf: "2026-11-27", validation: { files: 1, rows: 0, problems: [] }, history: await readObservationHistory(c) });
    });
    const csv = (exported.get("observations.csv") as string).split("\r\n");
    expect(csv[0]).toContain("value,qualifier,value_as_written,unit_as_written,period_kind,note");
    expect(csv).toContainEqual(expect.stringContaining("foreign_trade_value,fenghuanghu,2024-01~2024-08,2024-01-01,2024-08-31,1.2,,12000,万元,flow,"));
    expect(csv).toContainEqual(expect.stringContaining("foreign_trade_value,yongchuan_district,~2024-06-30,2024-06-30,2024-06-30,300,逾,,,stock,"));
    const page = [...exported.entries()].find(([name]) => name.includes("foreign_trade_value") && name.endsWith(".json"));
    expect(page, [...exported.keys()].join(" ")).toBeDefined();
    const text = String(page![1]);
    expect(text).toContain('"value":1.2,"qualifier":null,"written":{"value":12000,"unit":"万元"},"note"');
    expect(text).toContain('"entity":"yongchuan_district","period":"~2024-06-30"');
    expect(text).toContain('"qualifier":"逾","kind":"stock"');
  });
});
