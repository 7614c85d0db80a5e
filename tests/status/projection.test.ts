// A projection (预计120) is a published figure: kept, listed, downloadable — never counted as a result.
// Both ways a status is computed (from rows in memory, and from SQL aggregates) leave it out.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStatus } from "../../pipeline/status/index.ts";
import { entitySeries } from "../../pipeline/status/series.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";
import { statusFromWarehouse } from "../../pipeline/warehouse/aggregates.ts";
import { obs, realRegistry } from "../helpers.ts";
import type { Registry } from "../../pipeline/registry/types.ts";

const projected = (o: ReturnType<typeof obs>) => ({ ...o, qualifier: "预计" });

describe("entitySeries", () => {
  it("entitySeries(indicator, entity, observations) leaves out a projection, and keeps an approximate value", () => {
    const rows = [obs("innovation_cases", "yongchuan", "2023", 10), { ...obs("innovation_cases", "yongchuan", "2024", 12), qualifier: "约" }, projected(obs("innovation_cases", "yongchuan", "2025", 40))];
    expect(entitySeries("innovation_cases", "yongchuan", rows, "cumulative").map((p) => [p.period.key, p.value])).toEqual([
      ["2023", 10],
      ["2024", 12],
    ]);
  });
});

describe("a projection in the warehouse", () => {
  let dir: string;
  let registry: Registry;
  const actual = "indicator,entity,period,value\ninnovation_cases,,2022,3\ninnovation_cases,,2023,8\n";
  const projection = "indicator,entity,period,value,note\ninnovation_cases,,2024,预计40,区政府工作报告的预计数\n";

  async function warehouse(name: string, files: Record<string, string>): Promise<string> {
    const db = join(dir, `${name}.duckdb`);
    const refs = Object.entries(files).map(([file, text]) => ({ file, bytes: new TextEncoder().encode(text) }));
    const r = await withConnection(db, (c) => ingest(c, { files: refs, scope: ["."], registry, today: "2026-11-27", now: new Date("2026-11-27T00:00:00Z") }));
    expect(r.problems).toEqual([]);
    return db;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ftz-projection-"));
    registry = await realRegistry();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is stored with its qualifier, and every status reads as if it were not there, from SQL and from the rows alike", async () => {
    const without = await warehouse("without", { "actual.csv": actual });
    const withProjection = await warehouse("with", { "actual.csv": actual, "projection.csv": projection });
    const snapshot = await withConnection(withProjection, (c) => readSnapshot(c), { readOnly: true });
    expect(snapshot.observations.find((o) => o.period.key === "2024")).toMatchObject({ value: 40, qualifier: "预计" });

    const asOf = "2026-11-27";
    const sql = (db: string) => statusFromWarehouse({ db, registry, asOf }).then((r) => r.report);
    expect(await sql(withProjection)).toEqual(await sql(without));
    const rows = computeStatus({ registry, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf });
    expect(rows).toEqual(await sql(without));
    const cases = rows.targets.find((t) => t.indicator === "innovation_cases");
    if (cases) expect(JSON.stringify(cases)).not.toContain("2024");
  });
});
