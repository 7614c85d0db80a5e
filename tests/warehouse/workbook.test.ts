// A workbook goes into the warehouse through ingest like any file: its rows by the JavaScript rules
// (never DuckDB's read_csv, even when every file is asked to go set-based), its bytes in the kept store,
// a changed workbook closing its old rows; `ftz check` finds the warehouse sound.

import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFileRefs } from "../../pipeline/files.ts";
import { blobPath, keptStore } from "../../pipeline/keep/store.ts";
import { checkWarehouse } from "../../pipeline/keep/check.ts";
import { query, withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { realRegistry } from "../helpers.ts";

const today = "2026-11-27";
let registry: Registry;
let dir: string;
beforeAll(async () => {
  registry = await realRegistry();
  dir = await mkdtemp(join(tmpdir(), "ftz-workbook-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function load(db: string, names: string[], now: string) {
  const files = dataFileRefs(names.map((n) => `data/${n}`), dir);
  return withConnection(db, (c) => ingest(c, { files, scope: ["data"], registry, today, now: new Date(now), setBasedFromBytes: 0, keep: keptStore(db) }));
}

describe("a workbook through ftz ingest", () => {
  it("loads every sheet's rows with their file, row and column, keeps the workbook's bytes, and a changed workbook replaces its rows", async () => {
    await mkdir(join(dir, "data"));
    await copyFile("tests/fixtures/excel/two_sheets.xlsx", join(dir, "data/report.xlsx"));
    const db = join(dir, "w.duckdb");
    const first = await load(db, ["report.xlsx"], "2026-11-27T08:00:00Z");
    expect(first).toMatchObject({ ok: true, revision: 1, added: ["data/report.xlsx"], setBased: [], rowsAdded: 5 });
    const rows = () =>
      withConnection(db, (c) => query<{ entity: string; period: string; value: number; file: string; line: number; col: number }>(c, "SELECT entity, period, value, file, line, col FROM observations WHERE valid_to IS NULL ORDER BY period, entity"));
    expect((await rows()).map((r) => [r.entity, r.period, r.value, r.file, r.line, r.col])).toEqual([
      ["fenghuanghu", "2024-01", 3, "data/report.xlsx", 2, 4],
      ["fenghuanghu", "2024-02", 5, "data/report.xlsx", 2, 2],
      ["gangqiao", "2024-02", 4, "data/report.xlsx", 2, 3],
      ["fenghuanghu", "2024-03", 6, "data/report.xlsx", 3, 2],
      ["gangqiao", "2024-Q1", 2.5, "data/report.xlsx", 3, 4],
    ]);
    const bytes = await readFile(join(dir, "data/report.xlsx"));
    const kept = blobPath(keptStore(db), createHash("sha256").update(bytes).digest("hex"));
    expect(existsSync(kept) && (await readFile(kept)).equals(bytes)).toBe(true);
    const files = await withConnection(db, (c) => query<{ layout: string; encoding: string; rows: number }>(c, "SELECT layout, encoding, rows FROM files"));
    expect(files).toEqual([{ layout: "long", encoding: "xlsx", rows: 4 }]);

    // The workbook replaced by another: its old rows closed, the new ones loaded.
    await copyFile("tests/fixtures/excel/long.xls", join(dir, "data/report.xlsx"));
    const second = await load(db, ["report.xlsx"], "2026-11-27T09:00:00Z");
    expect(second).toMatchObject({ ok: true, revision: 2, changed: ["data/report.xlsx"], rowsAdded: 2, rowsWithdrawn: 5 });
    expect((await rows()).map((r) => [r.entity, r.period, r.value])).toEqual([["yongchuan", "2023-12", 5], ["sanjiao", "2024-01", 7]]);
    expect((await checkWarehouse(db)).sound).toBe(true);
  });

  it("refuses a workbook with an error, located in its sheet, and writes nothing", async () => {
    await copyFile("tests/fixtures/excel/located.xlsx", join(dir, "data/bad.xlsx"));
    const db = join(dir, "w2.duckdb");
    const r = await load(db, ["bad.xlsx"], "2026-11-27T08:00:00Z");
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.file, p.sheet, p.line, p.column, p.code])).toEqual([["data/bad.xlsx", "二月", 3, 4, "negative_count"]]);
  });
});
