// Set-based validation and load of a plain long file (see scan.ts): DuckDB parses the file and
// checks its rows in SQL, so a million rows go in at close to the engine's own speed.
//
// The JavaScript rules (validate/) stay the only statement of what is right. SQL never decides that a
// row is wrong: it picks out the rows it can prove right — every text in them one that the rules,
// run once on each distinct text, found clean — and loads those. Values too: parseValue's reading of
// each distinct value text (SQL reads the plain forms itself where it provably reads the same,
// values.ts), with the indicator's kind and range checked in SQL as readValue checks them. Every other row is read by the
// rules themselves, one at a time, which report its problems exactly as for any other file and
// return its record when it has only warnings. tests/warehouse/setload.test.ts checks that the two
// ways give the same problems and the same rows on the whole fixture corpus.
//
// Two steps, because a CSV error inside a transaction would abort it: prepare() parses the file into
// a temporary table and builds the small lookup tables outside the transaction (a file DuckDB
// refuses is handed back to the JavaScript reader); load() inserts inside it.

import type { DuckDBConnection } from "@duckdb/node-api";
import type { Problem } from "../problems.ts";
import { lookup } from "../registry/lookup.ts";
import type { Indicator, Registry } from "../registry/types.ts";
import type { Observation } from "../model.ts";
import { Row, sampleFlag } from "../validate/cells.ts";
import { isTotalWord, type ColumnMap } from "../validate/layout.ts";
import { isNoteRow } from "../validate/table.ts";
import { checkPeriod, readLongRow, resolveEntity } from "../validate/observations.ts";
import { periodKind } from "../normalise/period.ts";
import type { Plain } from "./scan.ts";
import type { Encoding } from "../read/decode.ts";
import { query } from "./db.ts";
import { appendObservations } from "./append.ts";
import { valueTableSuffixes, valueVerdicts } from "./values.ts";
import { fill } from "./temp.ts";

/** GROUPING(i, e, p, s, v) of the distinct values' grouping set (v): the other four columns grouped away. */
const VALUES = 0b11110;

/** What String.prototype.trim removes (Unicode White_Space, line terminators and the BOM): DuckDB's trim(text, characters) is told the same. */
export const jsWhitespace = "\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

export interface Prepared {
  file: string;
  table: string;
  columns: number;
  map: ColumnMap;
  /** The header's own problems (an unknown column, say), as validateFile reports them. */
  headerProblems: Problem[];
  encoding: Encoding;
  bytes: number;
  /** Rows DuckDB read: one a line after the header. */
  dataLines: number;
  /** The staging table's first rowid (digits: a BIGINT beyond JavaScript's safe integers inside a transaction). */
  firstRowid: string;
}

let counter = 0;

/**
 * prepare(c, ...) parses the file with DuckDB into a temporary table and writes the verdicts on its
 * distinct texts (indicator–entity pairs, periods, sample flags, values) beside it. Undefined when DuckDB refuses the file or reads another number of rows
 * than it has lines: our own reader then says why.
 */
export async function prepare(
  c: DuckDBConnection,
  input: { file: string; path: string; plain: Plain; bytes: number; encoding?: Encoding; map: ColumnMap; headerProblems: Problem[]; columns: number; registry: Registry; today: string },
): Promise<Prepared | undefined> {
  const { map, registry, today, plain } = input;
  const table = `ftz_raw_${++counter}`;
  const names = Array.from({ length: input.columns }, (_, i) => `c${i}`);
  const columns = `{${names.map((n) => `'${n}': 'VARCHAR'`).join(", ")}}`;
  try {
    await c.run("SET preserve_insertion_order = true"); // the staging table's rows in the file's order: its rowids give the lines
    await c.run(
      `CREATE TEMP TABLE ${table} AS SELECT * FROM read_csv($path, header = false, skip = 1, delim = $delim, quote = '"', escape = '"',
         new_line = $newline, auto_detect = false, columns = ${columns}, max_line_size = 4194304)`,
      { path: input.path, delim: plain.delimiter, newline: plain.newline === "\n" ? "\\n" : "\\r\\n" },
    );
  } catch (e) {
    await drop(c, table);
    // A line DuckDB's reader refuses goes to ours, which says what is wrong with it; anything else
    // (the disk, memory) is not the file's fault and is not hidden.
    if (/CSV Error|Invalid Input Error|Conversion Error/.test(String(e))) return undefined;
    throw e;
  }
  // DuckDB keeps the order it read the rows in (preserve_insertion_order), numbering them from the
  // table's first rowid: row k is line k + 2. A row count other than the file's lines means it read
  // the file otherwise than we do.
  const [{ n, first }] = await query<{ n: number; first: string }>(c, `SELECT count(*)::INTEGER AS n, coalesce(min(rowid), 0)::VARCHAR AS first FROM ${table}`);
  if (n !== plain.dataLines || !/^\d+$/.test(first)) {
    await drop(c, table);
    return undefined;
  }

  // Rows the rules read as a table's furniture, not data — a 合计/总计/小计 row (checked against its parts)
  // or a note under the table (注：…, skipped) — are for the JavaScript way: SQL would call them unknown
  // indicators or entities. A loose SQL filter finds the few candidates; the rules' own tests decide.
  if (await hasTableFurniture(c, table, names, map)) {
    await drop(c, table);
    return undefined;
  }

  const col = (f: keyof ColumnMap["fields"]) => (map.fields[f] === undefined ? "''" : `coalesce(c${map.fields[f]}, '')`);
  const l = lookup(registry);
  // Every distinct indicator–entity pair, period, sample flag and value, in one pass over the rows.
  // Kept in DuckDB: the values can be many (amounts with decimals repeat less than counts), and SQL
  // reads most of them itself (values.ts); JavaScript gets the few of each other kind.
  await c.run(
    `CREATE TEMP TABLE ${table}_txt AS SELECT i, e, p, s, v, GROUPING(i, e, p, s, v)::INTEGER AS g
     FROM (SELECT ${col("indicator")} AS i, ${col("entity")} AS e, ${col("period")} AS p, ${col("sample")} AS s, ${col("value")} AS v FROM ${table})
     GROUP BY GROUPING SETS ((i, e), (p), (s), (v))`,
  );
  const texts = await query<{ i: string | null; e: string | null; p: string | null; s: string | null; g: number }>(c, `SELECT i, e, p, s, g FROM ${table}_txt WHERE g <> ${VALUES}`);
  await valueVerdicts(c, `${table}_val`, `SELECT v FROM ${table}_txt WHERE g = ${VALUES}`);

  // Indicators through the registry's lookup (trimmed as Row.get trims); the entity by the
  // indicator's rule (which kinds of entity it takes).
  const found = new Map<string, Indicator | undefined>();
  const pairs: unknown[][] = [];
  for (const { i, e } of texts.filter((t) => t.g === 0b00111)) {
    if (!found.has(i!)) found.set(i!, i!.trim() ? l.indicator(i!.trim()) : undefined);
    const indicator = found.get(i!);
    if (!indicator) continue;
    const { entity, issue } = resolveEntity(registry, indicator, e!.trim());
    if (entity && !issue) pairs.push([i, e, indicator.id, entity.code, indicator.kind, indicator.min, indicator.max, indicator.unit.zh === "%"]);
  }
  await fill(c, `${table}_ie`, "iraw VARCHAR, eraw VARCHAR, id VARCHAR, code VARCHAR, kind VARCHAR, min DOUBLE, max DOUBLE, pct BOOLEAN", pairs);

  // Periods: clean ones only (a period still running gets a warning, so its rows go the long way).
  const periods: unknown[][] = [];
  for (const { p: text } of texts.filter((t) => t.g === 0b11011)) {
    const { period, issues } = checkPeriod(text!.trim(), today);
    if (period && !issues.length) periods.push([text, period.key, period.granularity, period.start, period.end, periodKind(period.granularity)]);
  }
  await fill(c, `${table}_per`, "raw VARCHAR, key VARCHAR, gran VARCHAR, s DATE, e DATE, kind VARCHAR", periods);

  if (map.fields.sample !== undefined) {
    const samples: unknown[][] = [];
    for (const { s: text } of texts.filter((t) => t.g === 0b11101)) {
      const flag = sampleFlag(text!.trim());
      if (flag !== undefined) samples.push([text, flag]);
    }
    await fill(c, `${table}_smp`, "raw VARCHAR, flag BOOLEAN", samples);
  }

  return { file: input.file, table, columns: input.columns, map, headerProblems: input.headerProblems, encoding: input.encoding ?? (plain.bom ? "utf-8-bom" : "utf-8"), bytes: input.bytes, dataLines: n, firstRowid: first };
}

/**
 * Whether a row of the staged file is a total row (its entity cell a total word, as Totals.isTotalRow)
 * or a note row (one filled cell that begins as a note does, isNoteRow). SQL finds the few candidates
 * and the rules' own tests decide on those. Cheaply, as it runs on every row: every total word holds
 * 计; a note row has one filled cell, so at least two of the indicator, entity and period cells are
 * blank — and a blank cell is empty or begins with whitespace. (A pattern over every cell took every
 * row of a file whose source column says 区统计局 into JavaScript; trimming every cell cost 1.9 s a
 * million rows.)
 */
async function hasTableFurniture(c: DuckDBConnection, table: string, names: string[], map: ColumnMap): Promise<boolean> {
  const { entity, indicator, period } = map.fields;
  const total = entity === undefined ? "false" : `contains(coalesce(${names[entity]}, ''), '计')`;
  const required = [indicator, entity, period].filter((i): i is number => i !== undefined).map((i) => names[i]!);
  const maybeBlank = (n: string) => `(${n} IS NULL OR ${n} = '' OR contains($ws, ${n}[1]))::INTEGER`;
  const note = required.length >= 2 ? `(${required.map(maybeBlank).join(" + ")}) >= ${required.length - 1}` : "true";
  const candidates = await query<Record<string, string | null>>(c, `SELECT ${names.join(", ")} FROM ${table} WHERE ${total} OR ${note}`, { ws: jsWhitespace });
  return candidates.some((row) => {
    const fields = names.map((n) => row[n] ?? "");
    return (entity !== undefined && isTotalWord(fields[entity]!)) || isNoteRow(fields);
  });
}

/**
 * load(c, prepared, ...) inserts the rows SQL proves clean, reads every other row with the rules and
 * inserts those that have no error. Returns the file's problems and its count of records (rows that
 * are not blank), as validateFile counts them.
 */
export async function load(
  c: DuckDBConnection,
  p: Prepared,
  { registry, today, sha256, revision }: { registry: Registry; today: string; sha256: string; revision: number },
): Promise<{ rows: number; added: number; problems: Problem[] }> {
  const { map, table } = p;
  const f = map.fields;
  const cell = (i: number | undefined) => (i === undefined ? "''" : `coalesce(r.c${i}, '')`);
  const peers = registry.entities.filter((e) => e.type === "peer").length;
  // The value rule, as readValue applies it to parseValue's reading (v, from values.ts): missing is
  // clean; % only for a % indicator; then the indicator's kind and range. Number.isInteger(x) is
  // x = floor(x) for the finite x a reading holds.
  const x = "v.value";
  const whole = `${x} = floor(${x})`;
  const valueClean = `(v.raw IS NOT NULL AND (${x} IS NULL OR ((NOT v.percent OR i.pct)
      AND CASE i.kind WHEN 'count' THEN ${x} >= 0 AND ${whole} WHEN 'cumulative' THEN ${x} >= 0 AND ${whole}
                      WHEN 'share' THEN ${x} >= 0 AND ${x} <= 100 WHEN 'rank' THEN ${whole} AND ${x} >= 1 AND ${x} <= ${peers}
                      WHEN 'milestone' THEN ${x} IN (0, 1) ELSE true END
      AND (i.min IS NULL OR ${x} >= i.min) AND (i.max IS NULL OR ${x} <= i.max))))`;
  const first = `${p.firstRowid}::BIGINT`; // row k of the file has rowid first + k (a constant: a subquery here costs a tenth)
  const blank = Array.from({ length: p.columns }, (_, k) => `coalesce(r.c${k}, '') = ''`).join(" AND ");
  // Without a sample column every row's flag is false (sampleFlag("")): no join for it.
  const joined = `FROM ${table} r
    LEFT JOIN ${table}_ie i ON i.iraw = ${cell(f.indicator)} AND i.eraw = ${cell(f.entity)}
    LEFT JOIN ${table}_per p ON p.raw = ${cell(f.period)}
    LEFT JOIN ${table}_val v ON v.raw = ${cell(f.value)}
    ${f.sample === undefined ? "" : `LEFT JOIN ${table}_smp s ON s.raw = ${cell(f.sample)}`}`;
  const sample = f.sample === undefined ? "false" : "s.flag";
  const clean = `(i.id IS NOT NULL AND p.key IS NOT NULL AND ${sample} IS NOT NULL AND ${valueClean})`;
  const trimmed = (i: number | undefined) => {
    if (i === undefined) return "''";
    const text = `coalesce(r.c${i}, '')`;
    return `CASE WHEN ${text} <> '' AND (contains($ws, ${text}[1]) OR contains($ws, ${text}[-1])) THEN trim(${text}, $ws) ELSE ${text} END`;
  };

  // Rows are ordered when read, never by where they sit: the insert need not keep the file's order.
  await c.run("SET preserve_insertion_order = false");
  // By name: the provenance and written-unit columns, which a file read here never has (ingest.ts: a value with a unit is read by the rules), stay NULL.
  const insert = `INSERT INTO observations BY NAME
     SELECT i.id AS indicator, i.code AS entity, p.key AS period, p.gran AS granularity, p.s AS period_start, p.e AS period_end,
            v.value AS value, v.qualifier AS qualifier, ${trimmed(f.note)} AS note, ${trimmed(f.source)} AS source, ${sample} AS sample,
            $file AS file, (r.rowid - ${first} + 2)::INTEGER AS line, ${f.value! + 1} AS col, $sha AS sha256, $rev AS valid_from, NULL AS valid_to, p.kind AS period_kind
     ${joined} WHERE ${clean}`;
  const params = { file: p.file, sha: sha256, rev: revision, ...(f.note === undefined && f.source === undefined ? {} : { ws: jsWhitespace }) };
  const inserted = await c.run(insert, params).finally(() => c.run("SET preserve_insertion_order = true"));
  let added = Number(inserted.rowsChanged);

  const [{ blanks }] = await query<{ blanks: number }>(c, `SELECT count(*)::INTEGER AS blanks FROM ${table} r WHERE ${blank}`);
  const rows = p.dataLines - blanks;
  const problems = [...p.headerProblems];
  if (added === rows) return { rows, added, problems };

  // The rest, through the rules. Paged by row, so a file of bad rows never sits in memory whole.
  await c.run(`CREATE TEMP TABLE ${table}_rest AS SELECT r.rowid - ${first} AS rid, r.* ${joined} WHERE NOT coalesce(${clean}, false) AND NOT (${blank})`);
  const ctx = { file: p.file, today };
  for (let from = -1; ; ) {
    const page = await query<Record<string, string | null>>(c, `SELECT * FROM ${table}_rest WHERE rid > $from ORDER BY rid LIMIT 20000`, { from });
    if (!page.length) break;
    const records: Observation[] = [];
    for (const raw of page) {
      const fields = Array.from({ length: p.columns }, (_, k) => raw[`c${k}`] ?? "");
      const before = problems.length;
      const o = readLongRow(new Row(fields, Number(raw.rid) + 2, map, ctx, problems), registry, today);
      if (o && !problems.slice(before).some((x) => x.severity === "error")) records.push(o);
      from = Number(raw.rid);
    }
    await appendObservations(c, records, sha256, revision);
    added += records.length;
  }
  return { rows, added, problems };
}

/** drop(c, prepared) removes the temporary tables, whatever happened. */
export async function drop(c: DuckDBConnection, table: string): Promise<void> {
  for (const suffix of ["", "_txt", "_ie", "_per", "_smp", "_rest", "_val", ...valueTableSuffixes.map((x) => `_val${x}`)]) await c.run(`DROP TABLE IF EXISTS temp.${table}${suffix}`);
}
