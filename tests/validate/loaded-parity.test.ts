// "可以提交" means `ftz ingest` will accept the file: the browser bundle the checker runs
// (src/components/pipeline.js), given the export's loaded.json, finds exactly the problems ingest finds
// on the same warehouse — duplicates of stored rows, unknown task ids, revisions of stored values
// (tests/fixtures/loaded, described in tests/fixtures/README.md).

import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateFiles } from "../../src/components/pipeline.js";
import { loadedIndex, loadedTextIn } from "../../pipeline/export/loaded.ts";
import { compactJsonText } from "../../pipeline/export/layout.ts";
import type { Problem } from "../../pipeline/problems.ts";
import type { LoadedIndex } from "../../pipeline/validate/loaded.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";
import { registry, today } from "./fixtures.ts";

const dir = "tests/fixtures/loaded";
const stored = `${dir}/stored`;
const now = new Date("2026-11-27T08:00:00Z");
let tmp: string;
let index: LoadedIndex;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ftz-loaded-"));
  const files = await readDataFiles(await findDataFiles([stored]));
  await withConnection(join(tmp, "base.duckdb"), async (c) => {
    const r = await ingest(c, { files, scope: [stored], registry, today, now });
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    // What the site ships (written by SQL), read back as the page reads it; the export from records gives the same bytes.
    let text = "";
    await loadedTextIn(c, r.revision, async (t) => void (text += t));
    index = JSON.parse(text);
    expect(compactJsonText(loadedIndex(await readSnapshot(c)))).toBe(text);
  });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Files given under `name` with the bytes of fixture `fixture`: ingest's problems on a copy of the warehouse, and the checker's. */
async function both(...given: [name: string, fixture: string][]) {
  const files = await Promise.all(given.map(async ([file, fixture]) => ({ file, bytes: new Uint8Array(await readFile(`${dir}/${fixture}`)) })));
  const db = join(tmp, `${given.map(([, f]) => f).join("+")}.duckdb`);
  await copyFile(join(tmp, "base.duckdb"), db);
  const ingested = await withConnection(db, (c) => ingest(c, { files, scope: files.map((f) => f.file), registry, today, now }));
  const checked = validateFiles(files, registry, today, { loaded: index });
  return { ingested, checked: checked.problems as Problem[] };
}

const where = (p: Problem) => `${p.severity} ${p.code} ${p.file}:${p.line}:${p.column} ${p.en}`;

describe("loaded.json from SQL", () => {
  it("writes period keys JSON must escape (a quote, a backslash, Chinese) as the records' index does, in the same order", async () => {
    const db = join(tmp, "odd-periods.duckdb");
    await copyFile(join(tmp, "base.duckdb"), db);
    // No file gives such keys today: the warehouse is edited to hold them, in one series among plain ones.
    await withConnection(db, (c) => c.run(`UPDATE observations SET period = CASE WHEN line % 2 = 0 THEN '截至2023"Q' || line ELSE '2023\\Q' || line END WHERE line <= 3`));
    await withConnection(db, async (c) => {
      const expected = compactJsonText(loadedIndex(await readSnapshot(c)));
      // In batches of every size: a series a query, a few, all at once.
      for (const batchRows of [1, 3, 1000]) {
        let text = "";
        await loadedTextIn(c, index.revision, async (t) => void (text += t), batchRows);
        expect(text).toMatch(/截至2023\\"Q2/);
        expect(text).toBe(expected);
      }
    });
  });
});

describe("the checker, given what is loaded, finds what ingest finds", () => {
  it("a row whose key a stored row holds, in another file: the duplicate, naming the stored file:line", async () => {
    const { ingested, checked } = await both([`${dir}/duplicate_stored.csv`, "duplicate_stored.csv"]);
    expect(ingested.ok).toBe(false);
    expect(checked).toEqual(ingested.problems);
    expect(checked.map(where)).toEqual([
      `error duplicate ${dir}/duplicate_stored.csv:3:4 duplicate: (ftz_aligned_cases, yongchuan, 2023-Q2) already appears at ${stored}/cases.csv:3`,
    ]);
  });

  it("a task status for a task no list defines; one for a stored task is fine", async () => {
    const { ingested, checked } = await both([`${dir}/unknown_task.csv`, "unknown_task.csv"]);
    expect(checked).toEqual(ingested.problems);
    expect(checked.map((p) => [p.code, p.line, p.value])).toEqual([["unknown_task", 3, "REP-99"]]);
  });

  it("a task list given again without a task: that task's stored statuses point nowhere", async () => {
    const { ingested, checked } = await both([`${stored}/tasks.csv`, "tasks_without_rep02.csv"]);
    expect(checked).toEqual(ingested.problems);
    expect(checked.map((p) => [p.code, p.file, p.line, p.value])).toEqual([["unknown_task", `${stored}/task_status.csv`, 3, "REP-02"]]);
  });

  it("a stored file given again with a value revised: accepted, no problem (its old rows are replaced)", async () => {
    const { ingested, checked } = await both([`${stored}/cases.csv`, "cases_revised.csv"]);
    expect(ingested).toMatchObject({ ok: true, changed: [`${stored}/cases.csv`], problems: [] });
    expect(checked).toEqual([]);
  });

  it("the same revision in a file of another name: a duplicate, as ingest says", async () => {
    const { ingested, checked } = await both([`${dir}/revised_elsewhere.csv`, "revised_elsewhere.csv"]);
    expect(checked).toEqual(ingested.problems);
    expect(checked.map((p) => [p.code, p.line])).toEqual([["duplicate", 2]]);
  });

  it("an item status on a stored item and date: a duplicate", async () => {
    const { ingested, checked } = await both([`${dir}/item_duplicate.csv`, "item_duplicate.csv"]);
    expect(checked).toEqual(ingested.problems);
    expect(checked.map((p) => [p.code, p.line, p.en.includes(`${stored}/items.csv:2`)])).toEqual([["duplicate", 2, true]]);
  });

  it("a sample row beside a stored real one of the same key: no duplicate (sample data steps aside)", async () => {
    const { ingested, checked } = await both([`${dir}/sample_beside_real.csv`, "sample_beside_real.csv"]);
    expect(ingested.ok).toBe(true);
    expect(checked).toEqual(ingested.problems);
    expect(checked).toEqual([]);
  });

  it("without what is loaded, the checker misses the stored duplicate: the index is what makes the difference", () => {
    const bytes = new Uint8Array(Buffer.from("indicator,entity,period,value,source\nftz_aligned_cases,yongchuan,2023-Q2,2,x\n"));
    expect(validateFiles([{ file: "x.csv", bytes }], registry, today).problems).toEqual([]);
    expect(validateFiles([{ file: "x.csv", bytes }], registry, today, { loaded: index }).problems.map((p: Problem) => p.code)).toEqual(["duplicate"]);
  });
});
