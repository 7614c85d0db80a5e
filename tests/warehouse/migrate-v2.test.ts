// A schema-2 warehouse (tests/fixtures/warehouse-v2/README.md: three revisions made by the release
// before schema 3, published figures with provenance among them) is carried forward to schema 3: every
// row kept as it was, each given its period kind, no unit as written; ftz check and ftz rebuild agree.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentWithout, ftz, oldWarehouse } from "./old-warehouse.ts";
import { query, withConnection } from "../../pipeline/warehouse/db.ts";
import { ensureSchema, schemaVersion, sheetColumns, storedVersion, writtenColumns } from "../../pipeline/warehouse/schema.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";

const { unpack, path } = oldWarehouse("tests/fixtures/warehouse-v2/warehouse-v2.tar.gz");
/** Every table's rows in the columns schema 2 had, sorted: what the migration must keep as it was. */
const schema2Content = (db: string) => contentWithout(db, [...writtenColumns, ...sheetColumns]);

const layout = (db: string) =>
  withConnection(db, (c) => query(c, "SELECT table_name, column_name, data_type, ordinal_position FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"), { readOnly: true });

describe("a schema-2 warehouse of the previous release", () => {
  it("migrates 2 → 3 → 4 on the next ingest: every row as it was, its period kind set, no sheet, provenance kept, the layout of a new warehouse", async () => {
    const dir = await unpack();
    const db = join(dir, "w.duckdb");
    expect(await withConnection(db, storedVersion, { readOnly: true })).toBe("2");
    const before = await schema2Content(db);
    expect(before.revisions).toHaveLength(3);

    const r = await ftz(dir, "ingest", join(dir, "data"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("upgraded the warehouse from schema 2 to 4");
    expect(r.out).toContain("nothing changed");
    expect(await schema2Content(db)).toEqual(before);

    await withConnection(
      db,
      async (c) => {
        expect(await storedVersion(c)).toBe(schemaVersion);
        const kinds = await query<{ granularity: string; period_kind: string | null }>(c, "SELECT DISTINCT granularity, period_kind FROM observations ORDER BY ALL");
        expect(kinds.map((k) => k.granularity).sort()).toEqual(["half", "month", "quarter", "year"]);
        for (const k of kinds) expect(k.period_kind, k.granularity).toBe("flow");
        expect((await query<{ n: number }>(c, "SELECT count(*)::INTEGER AS n FROM observations WHERE written_value IS NOT NULL OR written_unit IS NOT NULL"))[0]!.n).toBe(0);
        // Schema 4: no sheet for rows loaded before (CSV files all).
        for (const table of ["observations", "item_statuses", "tasks", "task_statuses"]) {
          expect((await query<{ n: number }>(c, `SELECT count(*)::INTEGER AS n FROM ${table} WHERE sheet IS NOT NULL`))[0]!.n, table).toBe(0);
        }
        const published = (await readSnapshot(c)).observations.filter((o) => o.provenance);
        expect(published.map((o) => [o.entity, o.value, o.qualifier, o.provenance!.reliability])).toEqual([
          ["fenghuanghu", 12.5, "超", "official"],
          ["gangqiao", 9, "预计", "media"],
        ]);
      },
      { readOnly: true },
    );
    const fresh = path("fresh.duckdb");
    await withConnection(fresh, async (c) => void (await ensureSchema(c)));
    expect(await layout(db)).toEqual(await layout(fresh));
  });

  it("passes ftz check once migrated, and ftz rebuild reproduces every table from the kept files", async () => {
    const dir = await unpack();
    const unmigrated = await ftz(dir, "check");
    expect(unmigrated.code).toBe(1);
    expect(unmigrated.out).toContain("the warehouse's schema version is 2, this program's is 4 (it migrates, history kept)");
    expect((await ftz(dir, "ingest", join(dir, "data"))).code).toBe(0);
    expect((await ftz(dir, "check")).code).toBe(0);
    const db = join(dir, "w.duckdb");
    const kinds = () => withConnection(db, (c) => query(c, "SELECT period_kind, count(*)::INTEGER AS n FROM observations GROUP BY ALL ORDER BY ALL"), { readOnly: true });
    const [before, kindsBefore] = [await schema2Content(db), await kinds()];
    expect((await ftz(dir, "rebuild")).code).toBe(0);
    expect(await schema2Content(db)).toEqual(before);
    expect(await kinds()).toEqual(kindsBefore);
  });
});
