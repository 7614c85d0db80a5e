// Sample data steps aside for real data (issue 11): once an indicator has a real row, its sample rows
// leave its series and statuses — from rows in memory and from SQL alike; a real row and a sample row of
// the same key are not duplicates; a real value is never judged an outlier against sample history.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { computeStatus } from "../../pipeline/status/index.ts";
import { stepAside } from "../../pipeline/status/series.ts";
import { statusFromWarehouse } from "../../pipeline/warehouse/aggregates.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest, type IngestResult } from "../../pipeline/warehouse/ingest.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";
import { obs, realRegistry } from "../helpers.ts";

describe("stepAside", () => {
  it("stepAside(observations) drops an indicator's sample rows once it has a real row, whatever the entity or period", () => {
    const rows = [obs("innovation_cases", "yongchuan", "2023", 1, true), obs("innovation_cases", "yongchuan", "2025", 9), obs("ftz_aligned_cases", "yongchuan", "2023", 4, true)];
    expect(stepAside(rows)).toEqual([rows[1], rows[2]]);
  });

  it("stepAside(observations) keeps the sample rows while the real ones hold no value or only a projection (预计)", () => {
    const sample = obs("innovation_cases", "yongchuan", "2023", 1, true);
    const empty = obs("innovation_cases", "yongchuan", "2024", null);
    const projected = { ...obs("innovation_cases", "yongchuan", "2025", 40), qualifier: "预计" };
    expect(stepAside([sample, empty, projected])).toEqual([sample, empty, projected]);
  });
});

describe("sample data beside real data in the warehouse", () => {
  let dir: string;
  let registry: Registry;
  let sample: { file: string; bytes: Uint8Array }[];
  // Published-style figures for an indicator the sample data also holds (same keys: 2023-Q4, 2024-Q4),
  // one far above the sample history (all 0 and 1).
  const real = "indicator,entity,period,value,source\ninnovation_cases,yongchuan,2023-Q4,3,区政府工作报告\ninnovation_cases,yongchuan,2024-Q4,30,区政府工作报告\n";
  const asSample = real.replace("value,source", "value,source,sample").replace(/报告\n/g, "报告,是\n");
  const bytes = (text: string) => new TextEncoder().encode(text);

  async function load(name: string, files: { file: string; bytes: Uint8Array }[]): Promise<{ db: string; result: IngestResult }> {
    const db = join(dir, `${name}.duckdb`);
    const result = await withConnection(db, (c) => ingest(c, { files, scope: ["."], registry, today: "2026-11-27", now: new Date("2026-11-27T00:00:00Z") }));
    return { db, result };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ftz-aside-"));
    registry = await realRegistry();
    sample = await readDataFiles(await findDataFiles(["data/sample"]));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loads real rows whose keys sample rows hold, with no duplicate and no outlier against the sample history", async () => {
    const { result } = await load("mixed", [...sample, { file: "real.csv", bytes: bytes(real) }]);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("still finds the duplicates and the outlier when the same rows are sample rows themselves", async () => {
    const { result } = await load("sample-twice", [...sample, { file: "more-sample.csv", bytes: bytes(asSample) }]);
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.file === "more-sample.csv").map((p) => [p.code, p.line])).toEqual([
      ["duplicate", 2],
      ["duplicate", 3],
      ["outlier", 3],
    ]);
  });

  it("judges the indicator on its real rows alone — as if its sample rows were not there — from SQL and from the rows alike", async () => {
    const mixed = (await load("judged", [...sample, { file: "real.csv", bytes: bytes(real) }])).db;
    // The same warehouse without the indicator's sample rows: what the statuses must equal.
    const zone = sample.find((f) => f.file.endsWith("zone_indicators.csv"))!;
    // (Blanked, not removed: the other rows keep their line numbers, which the statuses cite.)
    const text = new TextDecoder().decode(zone.bytes).split("\n").map((l) => (l.startsWith("innovation_cases,") ? "" : l)).join("\n");
    const withoutSample = (await load("real-only", [...sample.filter((f) => f !== zone), { file: zone.file, bytes: bytes(text) }, { file: "real.csv", bytes: bytes(real) }])).db;
    for (const asOf of ["2024-06-30", "2026-11-27"]) {
      const sql = async (db: string) => (await statusFromWarehouse({ db, registry, asOf })).report;
      const expected = await sql(withoutSample);
      expect(await sql(mixed), asOf).toEqual(expected);
      const snapshot = await withConnection(mixed, (c) => readSnapshot(c), { readOnly: true });
      expect(computeStatus({ registry, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf }), asOf).toEqual(expected);
      // Every sample row stays stored and listed.
      expect(snapshot.observations.filter((o) => o.indicator === "innovation_cases" && o.sample).length).toBeGreaterThan(10);
    }
    const cases = (await statusFromWarehouse({ db: mixed, registry, asOf: "2026-11-27" })).report.targets.find((t) => t.indicator === "innovation_cases")!;
    expect(cases.components).toMatchObject({ sample: false, actual: 30, actualPeriod: "2024-Q4" });
  });

});
