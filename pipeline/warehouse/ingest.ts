// Analysts' files → a new revision of the warehouse, in one transaction. Unchanged files (same path,
// same content hash) are skipped, so running the same ingest twice changes nothing. A changed file's
// old rows are closed, not deleted. Any error, in a file or between files, leaves the warehouse exactly
// as it was.
//
// Each new or changed file is validated as it is loaded: a large plain file in the long layout by
// DuckDB in SQL (setload.ts; a GBK one written out as UTF-8 first, transcode.ts), any other by the
// JavaScript rules (validate/); then the rules that span files run in SQL on the warehouse as it
// would be after this revision (checks.ts). Problems are sorted together and the transaction commits
// only when none is an error.

import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { hasErrors, problem, sortProblems, type Problem } from "../problems.ts";
import type { Registry } from "../registry/types.ts";
import { parseCsv } from "../parse/csv.ts";
import { Scanner, scanFile, type Plain, type Scan } from "./scan.ts";
import { detectLayout, javaScriptOnlyFields } from "../validate/layout.ts";
import { validateFile } from "../validate/index.ts";
import { sheetsOf } from "../files.ts";
import { appendRecords } from "./append.ts";
import { crossChecks } from "./checks.ts";
import { query, transaction } from "./db.ts";
import { dataTables, ensureSchema, schemaVersion } from "./schema.ts";
import { discardUnrecorded, type Unrecorded } from "./repair.ts";
import { drop, load, prepare, type Prepared } from "./setload.ts";
import { gb18030ToUtf8 } from "./transcode.ts";
import type { Encoding } from "../read/decode.ts";
import { keepAll } from "../keep/store.ts";
import { confirm, settle, writePending } from "../keep/manifest.ts";
import { readHistory } from "../keep/history.ts";

/** A file to ingest: `file` is the name problems and the warehouse carry; its content is `bytes`, or read from `path`. */
export interface DataFile {
  file: string;
  path?: string;
  bytes?: Uint8Array;
}

export interface IngestInput {
  files: DataFile[];
  /** The paths the files were found under: current files there that are gone now are withdrawn. */
  scope: string[];
  registry: Registry;
  today: string;
  now: Date;
  /** Told how far each phase has got (files done of total), for a progress bar. */
  progress?: (phase: "validate" | "load", done: number, total: number) => void;
  /** Plain long files (read from a path) from this size on are validated in SQL; smaller ones are quicker in JavaScript. */
  setBasedFromBytes?: number;
  /** DuckDB's memory while ingesting ("256MB" unless FTZ_MEMORY_LIMIT says otherwise). */
  memoryLimit?: string;
  /** The kept store (keep/store.ts: keptStore(db)): every file's bytes are kept there by hash before a revision that refers to them commits. */
  keep?: string;
}

export const SET_BASED_FROM_BYTES = 256 * 1024;

/** The memory limit to give DuckDB: the argument, else FTZ_MEMORY_LIMIT, else 256 MB (a size such as "1GB"). */
export function memoryLimit(given = process.env.FTZ_MEMORY_LIMIT): string {
  const limit = given ?? "256MB";
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(limit)) throw new Error(`FTZ_MEMORY_LIMIT "${limit}": 应为如 512MB、2GB 的大小 / expected a size such as 512MB or 2GB`);
  return limit;
}

export interface IngestResult {
  ok: boolean;
  revision: number; // the revision now current (unchanged when nothing changed or on failure)
  added: string[];
  changed: string[];
  withdrawn: string[];
  unchanged: string[];
  /** The files validated set-based, in SQL (setload.ts); every other new or changed file was read by the JavaScript rules. */
  setBased: string[];
  rowsAdded: number;
  rowsWithdrawn: number;
  /** Records read in the new and changed files (header and blank lines excluded), loaded or not. */
  rowsRead: number;
  problems: Problem[];
  /** What a killed earlier load had left unrecorded, taken back before this one (all zero normally). */
  repaired: Unrecorded;
  /** The schema version the warehouse had when it was of an earlier one and this ingest migrated it (migrate.ts). */
  migratedFrom?: string;
}

interface CurrentFile {
  path: string;
  sha256: string;
}

export async function ingest(c: DuckDBConnection, input: IngestInput): Promise<IngestResult> {
  const had = await ensureSchema(c);
  const migratedFrom = had !== undefined && had !== schemaVersion ? had : undefined;
  const repaired = await discardUnrecorded(c);
  // DuckDB works within a fixed memory and spills the rest next to the warehouse: a file's size
  // changes how long an ingest takes, not how much memory it needs.
  await c.run(`SET memory_limit = '${memoryLimit(input.memoryLimit)}'`);
  // FSST's analysis (alone, and in DuckDB's dictionary+FSST method) costs a fifth of a large insert,
  // and the warehouse's texts (codes, keys, short notes that repeat) are stored as compactly by plain
  // dictionary compression.
  await c.run("SET disabled_compression_methods = 'fsst,dict_fsst'");
  // The kept store's record of the history made to agree with the warehouse (keep/manifest.ts).
  if (input.keep) await settle(input.keep, await readHistory(c));
  const current = await query<CurrentFile>(c, "SELECT path, sha256 FROM files WHERE valid_to IS NULL ORDER BY path");
  const revision = (await query<{ r: number }>(c, "SELECT coalesce(max(revision), 0)::INTEGER AS r FROM revisions"))[0]!.r;
  const result: IngestResult = { ok: true, revision, added: [], changed: [], withdrawn: [], unchanged: [], setBased: [], rowsAdded: 0, rowsWithdrawn: 0, rowsRead: 0, problems: [], repaired, ...(migratedFrom && { migratedFrom }) };

  // One streaming pass over each file: its hash, and whether DuckDB may parse it.
  // Eight files at a time: an unchanged folder of many small files is mostly waiting on the disk.
  const scanned = await inPool(input.files, 8, (f) => (f.bytes ? Promise.resolve(scanBytes(f.bytes)) : scanFile(f.path!)));
  const scans = new Map(input.files.map((f, i) => [f.file, scanned[i]!]));
  const before = new Map(current.map((f) => [f.path, f.sha256]));
  for (const [file, scan] of scans) {
    const old = before.get(file);
    (old === undefined ? result.added : old === scan.sha256 ? result.unchanged : result.changed).push(file);
  }
  result.withdrawn = current.filter((f) => !scans.has(f.path) && inScope(f.path, input.scope)).map((f) => f.path);
  // Unchanged files a warehouse from before the kept store refers to: kept now, if they are not yet.
  if (input.keep) await keepAll(input.keep, input.files.filter((f) => result.unchanged.includes(f.file)), (f) => scans.get(f.file)!);
  if (!result.added.length && !result.changed.length && !result.withdrawn.length) return result;

  const incoming = input.files.filter((f) => result.added.includes(f.file) || result.changed.includes(f.file));
  const next = revision + 1;
  // DuckDB parses what it can before the transaction: a CSV error inside one would abort it.
  const prepared = new Map<string, Prepared>();
  let scratchDir: string | undefined; // for GBK files written out as UTF-8, made when one is
  const scratch = async () => (scratchDir ??= await mkdtemp(join(tmpdir(), "ftz-ingest-")));
  try {
    for (const f of incoming) {
      const p = await prepareSetBased(c, f, scans.get(f.file)!, input, scratch);
      if (!p) continue;
      prepared.set(f.file, p);
      result.setBased.push(f.file);
    }
    await transaction(c, async () => {
      for (const file of [...result.changed, ...result.withdrawn]) {
        for (const table of dataTables) {
          const n = await query<{ n: number }>(c, `SELECT count(*)::INTEGER AS n FROM ${table} WHERE file = $file AND valid_to IS NULL`, { file });
          result.rowsWithdrawn += n[0]!.n;
          await c.run(`UPDATE ${table} SET valid_to = $r WHERE file = $file AND valid_to IS NULL`, { r: next, file });
        }
        await c.run("UPDATE files SET valid_to = $r WHERE path = $file AND valid_to IS NULL", { r: next, file });
      }
      const problems: Problem[] = [];
      for (const [i, f] of incoming.entries()) {
        const scan = scans.get(f.file)!;
        const loaded = await loadFile(c, f, scan, prepared.get(f.file), input, next);
        // Not push(...): a file can hold hundreds of thousands of problems, past what a call takes as arguments.
        for (const p of loaded.problems) problems.push(p);
        result.rowsAdded += loaded.added;
        result.rowsRead += loaded.rows;
        await c.run("INSERT INTO files BY NAME SELECT $path AS path, $sha AS sha256, $layout AS layout, $encoding AS encoding, $bytes AS bytes, $rows AS rows, $r AS valid_from, NULL AS valid_to", {
          path: f.file,
          sha: scan.sha256,
          layout: loaded.layout ?? "",
          encoding: loaded.encoding ?? "",
          bytes: scan.bytes,
          rows: loaded.rows,
          r: next,
        });
        input.progress?.("validate", i + 1, incoming.length);
        input.progress?.("load", i + 1, incoming.length);
      }
      for (const p of await crossChecks(c, next, input.files.map((f) => f.file))) problems.push(p);
      result.problems = sortProblems(problems);
      if (hasErrors(problems)) throw new Refused(result.problems);
      // The new files' bytes, kept before the revision that refers to them commits (keep/store.ts).
      const moved = input.keep ? await keepAll(input.keep, incoming, (f) => scans.get(f.file)!) : [];
      if (moved.length) throw new Refused(moved.map((f) => problem("file_changed", { file: f.file, line: 0, column: 0 })));
      const loadedAt = input.now.toISOString().replace("T", " ").replace("Z", "");
      if (input.keep) {
        const opened = incoming.map((f) => ({ path: f.file, sha256: scans.get(f.file)!.sha256 }));
        await writePending(input.keep, { revision: next, loaded_at: loadedAt, opened, closed: [...result.changed, ...result.withdrawn] });
      }
      await c.run(
        `INSERT INTO revisions BY NAME SELECT $r AS revision, $at::TIMESTAMP AS loaded_at, $a AS files_added, $ch AS files_changed,
           $w AS files_withdrawn, $ra AS rows_added, $rw AS rows_withdrawn`,
        {
        r: next,
        at: loadedAt,
        a: result.added.length,
        ch: result.changed.length,
        w: result.withdrawn.length,
        ra: result.rowsAdded,
        rw: result.rowsWithdrawn,
        },
      );
    });
    // Committed: the record's entry confirmed. Should that fail (or the process die first), the next
    // ingest confirms it (settle): the revision is in the warehouse either way.
    if (input.keep) await confirm(input.keep, next).catch(() => {});
  } catch (e) {
    if (e instanceof Refused) return { ...result, ok: false, rowsAdded: 0, rowsWithdrawn: 0, problems: e.problems };
    throw e;
  } finally {
    for (const p of prepared.values()) await drop(c, p.table);
    if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
  }
  return { ...result, revision: next };
}

/**
 * A file DuckDB may parse (see scan.ts), large enough to be worth it, in the long layout: parsed now.
 * A GBK file is written out as UTF-8 first (transcode.ts) and parsed from there.
 */
async function prepareSetBased(c: DuckDBConnection, f: DataFile, scan: Scan, input: IngestInput, scratch: () => Promise<string>): Promise<Prepared | undefined> {
  // DuckDB reads paths as glob patterns: a name with *, ? or brackets stays with our reader.
  if (!f.path || /[*?[\]{}]/.test(f.path) || scan.bytes < (input.setBasedFromBytes ?? SET_BASED_FROM_BYTES)) return undefined;
  let path = resolve(f.path);
  let plain = scan.plain;
  let encoding: Encoding | undefined;
  if (!plain) {
    const utf8 = join(await scratch(), `${basename(path)}.utf8.csv`);
    if (!(await gb18030ToUtf8(path, utf8))) return undefined;
    plain = (await scanFile(utf8)).plain;
    // A text that itself begins with U+FEFF would lose it to the BOM rule: that rare file stays with our reader.
    if (!plain || plain.bom) return undefined;
    path = utf8;
    encoding = "gb18030";
  }
  const header = longHeader(f.file, plain, input.registry);
  // A long file needs a dozen columns at most: a sheet of thousands is wrong anyway, and our reader says
  // so. Files with provenance columns (a link, a quoted sentence: published figures, a few rows each)
  // are read by the JavaScript rules, which check those cells; so are files with a unit column (unit conversion)
  // and with a 合计 column (each row checked against it: validate/totals.ts).
  if (!header || header.columns > 32 || javaScriptOnlyFields.some((f) => header.map.fields[f] !== undefined) || header.map.totalColumns.length) return undefined;
  return prepare(c, { file: f.file, path, plain, bytes: scan.bytes, encoding, ...header, registry: input.registry, today: input.today });
}

/** The header of a long file, as validateFile reads it; undefined for any other (validateFile reports those). */
function longHeader(file: string, plain: Plain, registry: Registry) {
  const parsed = parseCsv(plain.header, file);
  const header = parsed.records[0];
  if (parsed.problems.length || parsed.records.length !== 1 || header!.line !== 1) return undefined;
  const { map, problems } = detectLayout(header!.fields, 1, file, registry);
  if (map?.layout !== "long" || problems.some((p) => p.code === "missing_column")) return undefined;
  return { map, headerProblems: problems, columns: header!.fields.length };
}

/** Validates and loads one file, set-based when it was prepared, else through validateFile. */
async function loadFile(c: DuckDBConnection, f: DataFile, scan: Scan, p: Prepared | undefined, input: IngestInput, r: number) {
  const { registry, today } = input;
  const changed = () => ({ layout: null, encoding: null, rows: 0, added: 0, problems: [problem("file_changed", { file: f.file, line: 0, column: 0 })] });
  if (p) {
    // DuckDB read the file again after the scan: it must have read the same file.
    const now = await stat(f.path!);
    if (now.size !== scan.bytes || now.mtimeMs !== scan.mtimeMs) return changed();
    const loaded = await load(c, p, { registry, today, sha256: scan.sha256, revision: r });
    return { layout: "long", encoding: p.encoding, ...loaded };
  }
  const bytes = f.bytes ?? new Uint8Array(await readFile(f.path!));
  if (!f.bytes && scanBytes(bytes).sha256 !== scan.sha256) return changed();
  // A workbook's rows take this way, never DuckDB's read_csv: its bytes are not text (scan.ts finds them not plain).
  const v = validateFile(f.file, bytes, registry, today, await sheetsOf(f.file, bytes));
  return { layout: v.layout, encoding: v.encoding, rows: v.rows, added: await appendRecords(c, v, scan.sha256, r), problems: v.problems };
}

/** fn on every item, at most `size` at once; results in the items' order. */
async function inPool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

function scanBytes(bytes: Uint8Array): Scan {
  const s = new Scanner();
  s.push(bytes);
  return s.end();
}

class Refused extends Error {
  constructor(readonly problems: Problem[]) {
    super("ingest refused");
  }
}

export function inScope(path: string, scope: string[]): boolean {
  return scope.some((s) => {
    const prefix = s.replace(/\/+$/, "");
    return prefix === "." || path === prefix || path.startsWith(`${prefix}/`);
  });
}

