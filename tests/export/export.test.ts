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
