// Validated files → a new revision of the warehouse, in one transaction. Unchanged files (same path,
// same content hash) are skipped, so running the same ingest twice changes nothing. A changed file's
// old rows are closed, not deleted. Any problem, found before or inside the transaction, leaves the
// warehouse exactly as it was.

import { createHash } from "node:crypto";
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { dateValue } from "@duckdb/node-api";
import { hasErrors, problem, type Problem } from "../problems.ts";
import type { Registry } from "../registry/types.ts";
import type { ItemStatus, Observation, Task, TaskStatus } from "../model.ts";
import { validateFiles, type FileResult } from "../validate/index.ts";
import { query, transaction } from "./db.ts";
import { dataTables, ensureSchema } from "./schema.ts";

export interface IngestInput {
  files: { file: string; bytes: Uint8Array }[];
  /** The paths the files were found under: current files there that are gone now are withdrawn. */
  scope: string[];
  registry: Registry;
  today: string;
  now: Date;
  /** Told how far each phase has got (files done of total), for a progress bar. */
  progress?: (phase: "validate" | "load", done: number, total: number) => void;
}

export interface IngestResult {
  ok: boolean;
  revision: number; // the revision now current (unchanged when nothing changed or on failure)
  added: string[];
  changed: string[];
  withdrawn: string[];
  unchanged: string[];
  rowsAdded: number;
  rowsWithdrawn: number;
  problems: Problem[];
}

interface CurrentFile {
  path: string;
  sha256: string;
}

export async function ingest(c: DuckDBConnection, input: IngestInput): Promise<IngestResult> {
  await ensureSchema(c);
  const current = await query<CurrentFile>(c, "SELECT path, sha256 FROM files WHERE valid_to IS NULL ORDER BY path");
  const revision = (await query<{ r: number }>(c, "SELECT coalesce(max(revision), 0)::INTEGER AS r FROM revisions"))[0]!.r;
  const result: IngestResult = { ok: true, revision, added: [], changed: [], withdrawn: [], unchanged: [], rowsAdded: 0, rowsWithdrawn: 0, problems: [] };

  const hashes = new Map(input.files.map((f) => [f.file, sha256(f.bytes)]));
  const before = new Map(current.map((f) => [f.path, f.sha256]));
  for (const [file, hash] of hashes) {
    const old = before.get(file);
    (old === undefined ? result.added : old === hash ? result.unchanged : result.changed).push(file);
  }
  result.withdrawn = current.filter((f) => !hashes.has(f.path) && inScope(f.path, input.scope)).map((f) => f.path);
  if (!result.added.length && !result.changed.length && !result.withdrawn.length) return result;

  // Every file in scope is validated together, so duplicates between them are found; rows of files
  // outside the scope are checked against inside the transaction.
  const validation = validateFiles(input.files, input.registry, input.today, {
    knownTaskIds: await outOfScopeTaskIds(c, input.scope),
    progress: (done, total) => input.progress?.("validate", done, total),
  });
  result.problems = validation.problems;
  if (hasErrors(validation.problems)) return { ...result, ok: false };

  const incoming = validation.files.filter((f) => result.added.includes(f.file) || result.changed.includes(f.file));
  const next = revision + 1;
  try {
    await transaction(c, async () => {
      for (const file of [...result.changed, ...result.withdrawn]) {
        for (const table of dataTables) {
          const n = await query<{ n: number }>(c, `SELECT count(*)::INTEGER AS n FROM ${table} WHERE file = $file AND valid_to IS NULL`, { file });
          result.rowsWithdrawn += n[0]!.n;
          await c.run(`UPDATE ${table} SET valid_to = $r WHERE file = $file AND valid_to IS NULL`, { r: next, file });
        }
        await c.run("UPDATE files SET valid_to = $r WHERE path = $file AND valid_to IS NULL", { r: next, file });
      }
      for (const [i, f] of incoming.entries()) {
        result.rowsAdded += await appendFile(c, f, hashes.get(f.file)!, next);
        input.progress?.("load", i + 1, incoming.length);
      }
      const clashes = await duplicatesAgainstCurrent(c, next);
      if (clashes.length) throw new Refused(clashes);
      await c.run("INSERT INTO revisions VALUES ($r, $at::TIMESTAMP, $a, $ch, $w, $ra, $rw)", {
        r: next,
        at: input.now.toISOString().replace("T", " ").replace("Z", ""),
        a: result.added.length,
        ch: result.changed.length,
        w: result.withdrawn.length,
        ra: result.rowsAdded,
        rw: result.rowsWithdrawn,
      });
    });
  } catch (e) {
    if (e instanceof Refused) return { ...result, ok: false, rowsAdded: 0, rowsWithdrawn: 0, problems: [...result.problems, ...e.problems] };
    throw e;
  }
  return { ...result, revision: next };
}

class Refused extends Error {
  constructor(readonly problems: Problem[]) {
    super("ingest refused");
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function inScope(path: string, scope: string[]): boolean {
  return scope.some((s) => {
    const prefix = s.replace(/\/+$/, "");
    return prefix === "." || path === prefix || path.startsWith(`${prefix}/`);
  });
}

async function outOfScopeTaskIds(c: DuckDBConnection, scope: string[]): Promise<string[]> {
  const rows = await query<{ id: string; file: string }>(c, "SELECT id, file FROM tasks WHERE valid_to IS NULL");
  return rows.filter((r) => !inScope(r.file, scope)).map((r) => r.id);
}

/** Rows added in revision r whose key a row of another current file already holds. */
async function duplicatesAgainstCurrent(c: DuckDBConnection, r: number): Promise<Problem[]> {
  const keys: [string, string, string][] = [
    ["observations", "indicator, entity, period", "n.indicator || ', ' || n.entity || ', ' || n.period"],
    ["item_statuses", "item, date", "n.item::VARCHAR || ', ' || n.date::VARCHAR"],
    ["tasks", "id", "n.id"],
    ["task_statuses", "task, date", "n.task || ', ' || n.date::VARCHAR"],
  ];
  const problems: Problem[] = [];
  for (const [table, cols, label] of keys) {
    const join = cols.split(", ").map((k) => `n.${k} = o.${k}`).join(" AND ");
    const rows = await query<{ file: string; line: number; col: number; k: string; ofile: string; oline: number }>(
      c,
      `SELECT n.file, n.line, n.col, ${label} AS k, o.file AS ofile, o.line AS oline
       FROM ${table} n JOIN ${table} o ON ${join}
       WHERE n.valid_from = $r AND o.valid_to IS NULL AND o.valid_from < $r
       ORDER BY n.file, n.line, n.col`,
      { r },
    );
    for (const x of rows) {
      problems.push(problem("duplicate", { file: x.file, line: x.line, column: x.col }, { key: `(${x.k})`, keyEn: `(${x.k})`, other: `${x.ofile}:${x.oline}` }));
    }
  }
  return problems;
}

async function appendFile(c: DuckDBConnection, f: FileResult, hash: string, r: number): Promise<number> {
  const origin = (a: DuckDBAppender, x: { sample: boolean; origin: { file: string; line: number; column: number } }) => {
    a.appendBoolean(x.sample);
    a.appendVarchar(x.origin.file);
    a.appendInteger(x.origin.line);
    a.appendInteger(x.origin.column);
    a.appendVarchar(hash);
    a.appendInteger(r);
    a.appendNull();
    a.endRow();
  };
  const text = (a: DuckDBAppender, ...values: string[]) => values.forEach((v) => a.appendVarchar(v));
  const date = (a: DuckDBAppender, iso: string) => a.appendDate(dateValue(Date.parse(`${iso}T00:00:00Z`) / 86_400_000));
  const intOrNull = (a: DuckDBAppender, v: number | null) => (v === null ? a.appendNull() : a.appendInteger(v));

  await appendAll(c, "observations", f.observations, (a, o: Observation) => {
    text(a, o.indicator, o.entity, o.period.key, o.period.granularity);
    date(a, o.period.start);
    date(a, o.period.end);
    o.value === null ? a.appendNull() : a.appendDouble(o.value);
    o.qualifier === null ? a.appendNull() : a.appendVarchar(o.qualifier);
    text(a, o.note, o.source);
    origin(a, o);
  });
  await appendAll(c, "item_statuses", f.itemStatuses, (a, s: ItemStatus) => {
    a.appendInteger(s.item);
    date(a, s.date);
    text(a, s.status, s.evidence, s.note, s.source);
    origin(a, s);
  });
  await appendAll(c, "tasks", f.tasks, (a, t: Task) => {
    text(a, t.id, t.list, t.title, t.units.join("|"));
    date(a, t.deadline);
    text(a, t.deliverable);
    intOrNull(a, t.item);
    text(a, t.note, t.source);
    origin(a, t);
  });
  await appendAll(c, "task_statuses", f.taskStatuses, (a, s: TaskStatus) => {
    text(a, s.task);
    date(a, s.date);
    text(a, s.status, s.evidence, s.note, s.source);
    origin(a, s);
  });
  await c.run("INSERT INTO files VALUES ($path, $sha, $layout, $encoding, $bytes, $rows, $r, NULL)", {
    path: f.file,
    sha: hash,
    layout: f.layout ?? "",
    encoding: f.encoding ?? "",
    bytes: f.bytes,
    rows: f.rows,
    r,
  });
  return f.observations.length + f.itemStatuses.length + f.tasks.length + f.taskStatuses.length;
}

async function appendAll<T>(c: DuckDBConnection, table: string, rows: T[], append: (a: DuckDBAppender, row: T) => void): Promise<void> {
  if (!rows.length) return;
  const a = await c.createAppender(table);
  for (const row of rows) append(a, row);
  a.flushSync();
  a.closeSync();
}
