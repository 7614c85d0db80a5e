// A workbook goes into the warehouse through ingest like any file: its rows by the JavaScript rules
// (never DuckDB's read_csv, even when every file is asked to go set-based), its bytes in the kept store,
// a changed workbook closing its old rows; `ftz check` finds the warehouse sound.

import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFileRefs } from "../../pipeline/files.ts";
import { blobPath, keptStore } from "../../pipeline/keep/store.ts";
import { checkWarehouse } from "../../pipeline/keep/check.ts";
import { query, withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";
import { changesFromWarehouse } from "../../pipeline/export/changes.ts";
import { csvRow, observationRow } from "../../pipeline/export/layout.ts";
import { formatProblem } from "../../pipeline/problems.ts";
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

  it("keeps each row's sheet (schema 4), so a stored row is located as the checker located it: snapshot, download, page row, diff and the checks between files", async () => {
    const at = join(dir, "sheets");
    await mkdir(join(at, "data"), { recursive: true });
    await copyFile("tests/fixtures/excel/two_sheets.xlsx", join(at, "data/report.xlsx"));
    await writeFile(join(at, "data/dup.csv"), "指标,园区,时期,数值\nenterprises_attracted,凤凰湖产业园,2024-03,6\n");
    const loadAt = (db: string, names: string[], now: string) =>
      withConnection(db, (c) => ingest(c, { files: dataFileRefs(names.map((n) => `data/${n}`), at), scope: ["data"], registry, today, now: new Date(now), setBasedFromBytes: 0, keep: keptStore(db) }));
    const db = join(at, "w.duckdb");
    expect(await loadAt(db, ["report.xlsx"], "2026-11-27T08:00:00Z")).toMatchObject({ ok: true, revision: 1, rowsAdded: 5 });
    const stored = await withConnection(db, (c) => query<{ sheet: string | null; line: number; col: number }>(c, "SELECT sheet, line, col FROM observations ORDER BY period, entity"));
    expect(stored.map((r) => `${r.sheet}:${r.line}:${r.col}`)).toEqual(["报送:2:4", "enterprises_attracted:2:2", "enterprises_attracted:2:3", "enterprises_attracted:3:2", "报送:3:4"]);

    const snapshot = await withConnection(db, (c) => readSnapshot(c), { readOnly: true });
    const first = snapshot.observations.find((o) => o.period.key === "2024-01")!;
    expect(first.origin).toEqual({ file: "data/report.xlsx", line: 2, column: 4, sheet: "报送" });
    expect(csvRow(first).slice(-2)).toEqual(["data/report.xlsx[报送]", 2]);
    expect(observationRow(first)).toMatchObject({ file: "data/report.xlsx[报送]", line: 2 });
    const changes = await withConnection(db, (c) => changesFromWarehouse(c, registry, { revision: 0, asOf: today }, { revision: 1, asOf: today }, { cut: false }), { readOnly: true });
    expect(changes.added.map((x) => `${x.file}:${x.line}`).sort()).toEqual(["data/report.xlsx[enterprises_attracted]:2", "data/report.xlsx[enterprises_attracted]:2", "data/report.xlsx[enterprises_attracted]:3", "data/report.xlsx[报送]:2", "data/report.xlsx[报送]:3"]);

    // A CSV repeating a stored workbook row: the check between files (SQL, warehouse/checks.ts) names the sheet.
    const dup = await loadAt(db, ["report.xlsx", "dup.csv"], "2026-11-27T09:00:00Z");
    expect(dup.ok).toBe(false);
    expect(dup.problems.map(formatProblem)).toEqual([expect.stringMatching(/^data\/dup\.csv:2:4: error duplicate .* already appears at data\/report\.xlsx\[enterprises_attracted\]:3$/)]);
    // The other way round: the workbook's row is the repeat, located in its sheet with Excel's column letter.
    const db2 = join(at, "w2.duckdb");
    expect(await loadAt(db2, ["dup.csv"], "2026-11-27T08:00:00Z")).toMatchObject({ ok: true });
    const repeat = await loadAt(db2, ["dup.csv", "report.xlsx"], "2026-11-27T09:00:00Z");
    expect(repeat.problems.map(formatProblem)).toEqual([expect.stringMatching(/^data\/report\.xlsx\[enterprises_attracted\]:3:B: error duplicate .* already appears at data\/dup\.csv:2$/)]);
  });
});
