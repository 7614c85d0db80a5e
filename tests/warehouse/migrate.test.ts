// A warehouse made by the previous release is carried forward with its history. The fixture
// (tests/fixtures/warehouse-v1/README.md) is a schema-1 warehouse of three revisions, made by the
// commit before schema 2, with its kept files and the data folder it was loaded from.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentWithout, ftz, oldWarehouse } from "./old-warehouse.ts";
import { query, withConnection } from "../../pipeline/warehouse/db.ts";
import { latestVersion, migrations, migrationsFrom } from "../../pipeline/warehouse/migrate.ts";
import { ensureSchema, provenanceColumns, schemaVersion, sheetColumns, storedVersion, writtenColumns } from "../../pipeline/warehouse/schema.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";

const { unpack, path } = oldWarehouse("tests/fixtures/warehouse-v1/warehouse-v1.tar.gz");
/** Every table's rows in the columns schema 1 had, sorted: what the migration must keep as it was. */
const schema1Content = (db: string) => contentWithout(db, [...provenanceColumns, ...writtenColumns, ...sheetColumns]);

/** The tables' columns (name and type, in order): what the appender relies on. */
async function layout(db: string) {
  return withConnection(db, (c) => query(c, "SELECT table_name, column_name, data_type, ordinal_position FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"), { readOnly: true });
}

describe("migrations", () => {
  it("lead from every earlier version to this program's schema version", () => {
    expect(latestVersion).toBe(schemaVersion);
    for (const m of migrations) expect(migrationsFrom(m.from)?.at(-1)?.to).toBe(schemaVersion);
    expect(migrationsFrom(schemaVersion)).toEqual([]);
    expect(migrationsFrom("0")).toBeUndefined();
  });
});

describe("a schema-1 warehouse of the previous release", () => {
  it("migrates on the next ingest: every revision, file and row kept, the new columns empty", async () => {
    const dir = await unpack();
    const db = join(dir, "w.duckdb");
    const before = await schema1Content(db);
    expect(before.revisions).toHaveLength(3);
    expect(await withConnection(db, storedVersion, { readOnly: true })).toBe("1");

    const r = await ftz(dir, "ingest", join(dir, "data"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("upgraded the warehouse from schema 1 to 4");
    expect(r.out).toContain("nothing changed");

    // Every row as it was, but qualifiers: a code then, the word it was shown with now (approx → 约).
    const after = await schema1Content(db);
    expect(after).toEqual({ ...before, observations: expect.any(Array) });
    const shown: Record<string, string> = { approx: "约", nearly: "近", over: "余", at_least: "≥", under: "不足", at_most: "≤" };
    const asShown = (row: string) => row.replace(/\|(approx|nearly|over|at_least|under|at_most)\|/, (_, code: string) => `|${shown[code]}|`);
    expect(before.observations.filter((r) => r !== asShown(r)).length).toBeGreaterThan(1);
    expect([...after.observations].sort()).toEqual(before.observations.map(asShown).sort());
    await withConnection(
      db,
      async (c) => {
        expect(await storedVersion(c)).toBe(schemaVersion);
        const filled = await query<{ n: number }>(c, `SELECT count(*)::INTEGER AS n FROM observations WHERE ${provenanceColumns.map((x) => `${x} IS NOT NULL`).join(" OR ")}`);
        expect(filled[0]!.n).toBe(0);
        // Schema 3: each row's period kind from its granularity (a single date a stock, every other period a flow), no unit as written.
        const kinds = await query<{ granularity: string; period_kind: string; n: number }>(c, "SELECT granularity, period_kind, count(*)::INTEGER AS n FROM observations GROUP BY ALL ORDER BY ALL");
        expect(kinds.length).toBeGreaterThan(0);
        for (const k of kinds) expect(k.period_kind, k.granularity).toBe(k.granularity === "day" ? "stock" : "flow");
        const written = await query<{ n: number }>(c, "SELECT count(*)::INTEGER AS n FROM observations WHERE written_value IS NOT NULL OR written_unit IS NOT NULL");
        expect(written[0]!.n).toBe(0);
      },
      { readOnly: true },
    );
    // Its tables now have the very columns, in the very order, of a warehouse made new.
    const fresh = path("fresh.duckdb");
    await withConnection(fresh, async (c) => void (await ensureSchema(c)));
    expect(await layout(db)).toEqual(await layout(fresh));
  });

  it("is migrated by a command that only reads it, and reads the same history after", async () => {
    const dir = await unpack();
    const status = await ftz(dir, "status", "--revision", "1", "--json");
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out).revision).toBe(1);
    const diff = await ftz(dir, "diff", "--from", "1", "--to", "3", "--json");
    expect(diff.code).toBe(0);
    const d = JSON.parse(diff.out);
    // Revision 2 changed one value (凤凰湖, 2022-06: 4 → 7) and added two; revision 3 withdrew the milestones file.
    expect(d.revised).toHaveLength(1);
    expect(d.revised[0].old).toMatchObject({ indicator: "enterprises_attracted", entity: "fenghuanghu", period: "2022-06", value: 4 });
    expect(d.revised[0].new).toMatchObject({ value: 7 });
    expect(d.added.map((x: { value: number }) => x.value)).toEqual([18.6, 20.35]);
    expect(d.withdrawn).toHaveLength(95);
    expect(await withConnection(join(dir, "w.duckdb"), storedVersion, { readOnly: true })).toBe(schemaVersion);
  });

  it("passes ftz check once migrated, and ftz rebuild reproduces it from the kept files", async () => {
    const dir = await unpack();
    const unmigrated = await ftz(dir, "check");
    expect(unmigrated.code).toBe(1);
    expect(unmigrated.out).toContain("the warehouse's schema version is 1, this program's is 4 (it migrates, history kept)");
    expect(unmigrated.out).toContain(`repair: ftz ingest --db ${join(dir, "w.duckdb")}`);
    expect((await ftz(dir, "ingest", join(dir, "data"))).code).toBe(0);
    expect((await ftz(dir, "check")).code).toBe(0);
    const before = await schema1Content(join(dir, "w.duckdb"));
    const rebuilt = await ftz(dir, "rebuild");
    expect(rebuilt.code).toBe(0);
    expect(await schema1Content(join(dir, "w.duckdb"))).toEqual(before);
  });

  it("takes new files with provenance after the migration, in the right columns", async () => {
    const dir = await unpack();
    await writeFile(
      join(dir, "data", "published.csv"),
      "指标,园区,时期,数值,来源,来源链接,来源标题,发布日期,原文摘录,可靠性\n" +
        "foreign_trade_value,fenghuanghu,2023,约12.5,永川区人民政府,https://www.cqyc.gov.cn/example,永川区2023年外贸情况,2024-01-20,凤凰湖产业园全年外贸进出口约12.5亿元,官方发布\n",
    );
    const r = await ftz(dir, "ingest", join(dir, "data"));
    expect(r.code).toBe(0);
    const snapshot = await withConnection(join(dir, "w.duckdb"), (c) => readSnapshot(c), { readOnly: true });
    const row = snapshot.observations.find((o) => o.origin.file.endsWith("published.csv"))!;
    expect(row).toMatchObject({ value: 12.5, qualifier: "约", source: "永川区人民政府" });
    expect(row.provenance).toEqual({
      url: "https://www.cqyc.gov.cn/example",
      title: "永川区2023年外贸情况",
      published: "2024-01-20",
      excerpt: "凤凰湖产业园全年外贸进出口约12.5亿元",
      reliability: "official",
    });
    // Rows loaded before the migration carry none.
    expect(snapshot.observations.filter((o) => o.provenance)).toHaveLength(1);
  });

  it("takes new files with units and written periods after the migration (schema 3's columns)", async () => {
    const dir = await unpack();
    await writeFile(join(dir, "data", "units.csv"), "指标,主体,时期,数值\nforeign_trade_value,凤凰湖产业园,2024年1-8月,\"12,000万元\"\nforeign_trade_value,港桥产业园,截至2024年3月,3.5\n");
    const r = await ftz(dir, "ingest", join(dir, "data"));
    expect(r.code).toBe(0);
    const rows = await withConnection(
      join(dir, "w.duckdb"),
      (c) => query<any>(c, "SELECT entity, period, granularity, value, period_kind, written_value, written_unit FROM observations WHERE file LIKE '%units.csv' ORDER BY line"),
      { readOnly: true },
    );
    expect(rows).toEqual([
      { entity: "fenghuanghu", period: "2024-01~2024-08", granularity: "ytd", value: 1.2, period_kind: "flow", written_value: 12000, written_unit: "万元" },
      { entity: "gangqiao", period: "~2024-03-31", granularity: "asof", value: 3.5, period_kind: "stock", written_value: null, written_unit: null },
    ]);
  });

  it("is left as it was when a step of the migration fails (one transaction)", async () => {
    const dir = await unpack();
    const db = join(dir, "w.duckdb");
    // A column the migration's step would add, already there: that step fails.
    await withConnection(db, (c) => c.run("ALTER TABLE observations ADD COLUMN published DATE"));
    const before = await layout(db);
    const r = await ftz(dir, "ingest", join(dir, "data"));
    expect(r.code).toBe(5);
    expect(await layout(db)).toEqual(before);
    expect(await withConnection(db, storedVersion, { readOnly: true })).toBe("1");
  });

  it("is refused, untouched, by a program older than the warehouse", async () => {
    const dir = await unpack();
    const db = join(dir, "w.duckdb");
    await withConnection(db, (c) => c.run("UPDATE meta SET value = '99' WHERE key = 'schema_version'"));
    const before = await layout(db);
    for (const command of [["ingest", join(dir, "data")], ["status"]]) {
      const r = await ftz(dir, ...command);
      expect(r.code).toBe(4);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toContain("the warehouse's schema is version 99, made by a newer ftz; this one knows versions up to 4: use the newer ftz");
    }
    expect(await layout(db)).toEqual(before);
  });
});
