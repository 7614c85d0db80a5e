// One indicator's rows as the export writes them, made with DuckDB: the CSV download's lines, the JSON of
// its page file's rows and entity series, the Arrow download's columns, the parks page's recent points. A
// million rows never become JavaScript objects (they cost tens of seconds in garbage collection): the few
// distinct texts (entity, qualifier, note, source, flag, file) are written once each by the very JavaScript
// the export uses elsewhere, and DuckDB joins them to the rows with what varies (period, dates, value,
// line). Where those are values SQL cannot write exactly as JavaScript does (sqltext.ts), sqlWritable
// answers false and the caller writes that indicator in JavaScript: either way the same bytes
// (tests/export/sql.test.ts).

import type { DuckDBConnection } from "@duckdb/node-api";
import { tableToIPC, type Table } from "apache-arrow";
import { query } from "../warehouse/db.ts";
import { validIn } from "../warehouse/read.ts";
import { spreadsheetRows } from "./csv.ts";
import { columnsTable } from "./index.ts";
import type { Point } from "./layout.ts";
import { jsonBoolean, numberText, seriesValueExact } from "./sqltext.ts";

/** The order rows are read and written in (within one indicator). */
export const readOrder = "entity, period_start, granularity, file, line, col";
const fineness = "CASE granularity WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'quarter' THEN 2 WHEN 'half' THEN 3 WHEN 'year' THEN 4 END";

const rows = `SELECT * FROM observations WHERE ${validIn} AND indicator = $id`;
/** An entity's own series (status/series.ts entitySeries): rows with a value, at the finest granularity it reports. */
const series = `SELECT * FROM o WHERE value IS NOT NULL AND ${fineness} IS NOT NULL QUALIFY ${fineness} = min(${fineness}) OVER (PARTITION BY entity)`;
const seriesOrder = "period_end, period_start, granularity, file, line, col";

/** What a row shares with many others: its text is made once per distinct combination. */
const partColumns = ["entity", "granularity", "qualifier", "note", "source", "sample", "file"] as const;
type Part = { entity: string; granularity: string; qualifier: string | null; note: string | null; source: string | null; sample: boolean | null; file: string };

/** Period keys that need no quoting, neutralising or escaping in CSV or JSON (2023-Q1, 2023-05, 2023). */
const plainPeriod = `regexp_full_match(period, '[0-9A-Za-z][0-9A-Za-z_.:/-]*')`;
/**
 * What SQL must write exactly: numbers numberText writes (and, in a series, that roundSum leaves as they
 * are), plain period keys, one end per period (what the parks page's recent periods assume), and no
 * missing line or date.
 */
const exact = `(SELECT coalesce(bool_and(${numberText("value")} IS NOT NULL AND ${seriesValueExact("value")}), true) FROM (SELECT DISTINCT value FROM o WHERE value IS NOT NULL))
  AND (SELECT bool_and(${plainPeriod}) AND count(DISTINCT period) = count(DISTINCT (period, period_end)) FROM (SELECT DISTINCT period, period_end FROM o))
  AND (SELECT bool_and(line IS NOT NULL AND period_start IS NOT NULL AND period_end IS NOT NULL) FROM o)`;

/** An integer-like key: an object puts those first, whatever order they were given in. */
const indexLike = (key: string) => /^(0|[1-9][0-9]*)$/.test(key);

export interface Parts {
  list: Part[];
  /** Per part: its CSV cells before the period (indicator, entity) and after the value (qualifier … file), and its JSON likewise. */
  text: { csvBefore: string; csvAfter: string; jsonBefore: string; jsonAfter: string }[];
}

/**
 * indicatorParts(c, r, id): the indicator's distinct parts and their text, or null where SQL cannot write
 * every row exactly (then JavaScript writes the indicator).
 */
export async function indicatorParts(c: DuckDBConnection, r: number, id: string): Promise<Parts | null> {
  const [check] = await query<{ exact: boolean | null }>(c, `WITH o AS (${rows}) SELECT ${exact} AS exact`, { r, id });
  if (check?.exact !== true) return null;
  const list = await query<Part>(c, `SELECT DISTINCT ${partColumns.join(", ")} FROM (${rows}) ORDER BY ALL`, { r, id });
  if (list.some((p) => p.sample === null || indexLike(p.entity))) return null;
  const text = list.map((p) => ({
    csvBefore: spreadsheetRows([[id, p.entity]]),
    csvAfter: spreadsheetRows([[p.qualifier, p.note, p.source, p.sample ? "是 yes" : "否 no", p.file]]),
    jsonBefore: `{"entity":${JSON.stringify(p.entity)}`,
    jsonAfter: `,"qualifier":${JSON.stringify(p.qualifier)},"note":${JSON.stringify(p.note)},"source":${JSON.stringify(p.source)},"sample":${JSON.stringify(p.sample)},"file":${JSON.stringify(p.file)}`,
  }));
  return { list, text };
}

/** The parts as a table SQL joins to the rows (their number k): a JSON parameter, read back exactly. */
const partsTable = `SELECT x.k, ${partColumns.map((k) => `x.p.${k}`).join(", ")} FROM (SELECT unnest(from_json($parts, '[{"k":"INTEGER","p":{${partColumns.map((k) => `"${k}":"${k === "sample" ? "BOOLEAN" : "VARCHAR"}"`).join(",")}}}]')) AS x)`;
const partsParam = (parts: Parts) => JSON.stringify(parts.list.map((p, k) => ({ k, p })));

export interface RowChunk {
  /** Per row: its part, CSV's and JSON's middle (period, dates, value), the Arrow columns that vary. */
  k: number[];
  middleCsv: string[];
  middleJson: string[];
  period: string[];
  start: string[];
  end: string[];
  value: (number | null)[];
  line: number[];
}

/**
 * The indicator's rows in read order, a chunk at a time: each row's part and the text of what varies.
 * Streamed: a large indicator's text never sits whole in DuckDB.
 */
export async function* rowChunks(c: DuckDBConnection, r: number, id: string, parts: Parts): AsyncGenerator<RowChunk> {
  const same = partColumns.map((k) => `o.${k} IS NOT DISTINCT FROM t.${k}`).join(" AND ");
  const v = numberText("o.value");
  const result = await c.stream(
    `WITH o AS (${rows}), t AS (${partsTable})
     SELECT t.k, o.period || ',' || o.period_start::VARCHAR || ',' || o.period_end::VARCHAR || ',' || coalesce(${v}, '') AS csv,
       ',"period":"' || o.period || '","start":"' || o.period_start::VARCHAR || '","end":"' || o.period_end::VARCHAR || '","value":' || coalesce(${v}, 'null') AS json,
       o.period, o.period_start::VARCHAR, o.period_end::VARCHAR, o.value::DOUBLE, o.line::INTEGER
     FROM o JOIN t ON ${same} ORDER BY ${readOrder.split(", ").map((k) => `o.${k}`).join(", ")}`,
    { r, id, parts: partsParam(parts) },
  );
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const [k, middleCsv, middleJson, period, start, end, value, line] = chunk.getColumns() as [number[], string[], string[], string[], string[], string[], (number | null)[], number[]];
    yield { k, middleCsv, middleJson, period, start, end, value, line };
  }
}

/** A chunk's CSV lines (CRLF between them) and JSON objects (commas between them). */
export function chunkText(chunk: RowChunk, parts: Parts): { csv: string; json: string } {
  const csv: string[] = [];
  const json: string[] = [];
  for (let i = 0; i < chunk.k.length; i++) {
    const t = parts.text[chunk.k[i]!]!;
    csv.push(`${t.csvBefore},${chunk.middleCsv[i]},${t.csvAfter},${chunk.line[i]}`);
    json.push(`${t.jsonBefore}${chunk.middleJson[i]}${t.jsonAfter},"line":${chunk.line[i]}}`);
  }
  return { csv: csv.join("\r\n"), json: json.join(",") };
}

/** Columns gathered over an indicator's chunks for its Arrow record batch. */
export class ArrowColumns {
  private k: number[] = [];
  private period: string[] = [];
  private start: string[] = [];
  private end: string[] = [];
  private value: (number | null)[] = [];
  private line: number[] = [];
  add(chunk: RowChunk): void {
    for (const [to, from] of [[this.k, chunk.k], [this.period, chunk.period], [this.start, chunk.start], [this.end, chunk.end], [this.value, chunk.value], [this.line, chunk.line]] as const)
      for (const x of from) (to as unknown[]).push(x);
  }
  /** The record batch, as observationsTable builds it from the same rows. */
  table(id: string, parts: Parts): Table {
    const of = <K extends keyof Part>(key: K) => this.k.map((k) => parts.list[k]![key]);
    return columnsTable({
      indicator: this.k.map(() => id),
      entity: of("entity"),
      period: this.period,
      granularity: of("granularity"),
      start: this.start,
      end: this.end,
      value: this.value,
      qualifier: of("qualifier"),
      sample: of("sample") as boolean[],
      file: of("file"),
      line: this.line,
    });
  }
}

/** The page file's series "entities" object's contents (no braces): every entity of the rows, sorted as JavaScript sorts, its points in series order. */
export async function entitiesText(c: DuckDBConnection, r: number, id: string): Promise<{ text: string; codes: string[] }> {
  const pointJson = `'{"period":"' || period || '","start":"' || period_start::VARCHAR || '","end":"' || period_end::VARCHAR || '","value":' || ${numberText("value")} || ',"sample":' || ${jsonBoolean("sample")} || '}'`;
  const entities = await query<{ entity: string; points: string | null }>(
    c,
    `WITH o AS (${rows}), e AS (${series}), pts AS (SELECT entity, string_agg(${pointJson}, ',' ORDER BY ${seriesOrder}) AS points FROM e GROUP BY entity)
     SELECT n.entity, pts.points FROM (SELECT DISTINCT entity FROM o) n LEFT JOIN pts USING (entity)`,
    { r, id },
  );
  const codes = entities.map((e) => e.entity).sort();
  const points = new Map(entities.map((e) => [e.entity, e.points ?? ""]));
  return { text: codes.map((code) => `${JSON.stringify(code)}:[${points.get(code)}]`).join(","), codes };
}

/** The end-of-stream marker of an Arrow IPC stream. */
export const arrowEnd = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * A table as part of one Arrow IPC stream: the schema message first (same columns, same types, no
 * dictionaries: the same bytes for every part), then record batches; arrowEnd closes it.
 */
export function arrowPart(table: Table, first: boolean): Uint8Array {
  const bytes = tableToIPC(table, "stream");
  // A message: continuation marker, metadata length (int32, little-endian), metadata; a schema has no body.
  const schemaLength = 8 + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readInt32LE(4);
  return bytes.subarray(first ? 0 : schemaLength, bytes.length - arrowEnd.length);
}

/**
 * A park indicator's entity points in the periods the parks page can show (layout.ts recentPeriods: the
 * last `keep` period ends by some as-of date), per entity, each in series order. recentPeriods over these
 * gives what it gives over the whole series: every period it keeps is here, and nothing here outranks them.
 */
export async function recentEntityPoints(c: DuckDBConnection, r: number, id: string, dates: string[], keep: number): Promise<Map<string, Point[]>> {
  const points = await query<{ entity: string; period: string; start: string; end: string; value: number; sample: boolean }>(
    c,
    `WITH o AS (${rows}), e AS (${series}),
       ends AS (SELECT DISTINCT period, period_end FROM e),
       d AS (SELECT unnest(string_split($dates, '|'))::DATE AS at),
       kept AS (SELECT DISTINCT period FROM (SELECT ends.period, row_number() OVER (PARTITION BY d.at ORDER BY ends.period_end DESC, ends.period DESC) AS k FROM d JOIN ends ON ends.period_end <= d.at) WHERE k <= $keep)
     SELECT entity, period, period_start::VARCHAR AS start, period_end::VARCHAR AS "end", value, sample FROM e SEMI JOIN kept USING (period) ORDER BY entity, ${seriesOrder}`,
    { r, id, dates: dates.join("|"), keep },
  );
  const out = new Map<string, Point[]>();
  for (const p of points) {
    let list = out.get(p.entity);
    if (!list) out.set(p.entity, (list = []));
    list.push({ period: p.period, start: p.start, end: p.end, value: p.value, sample: p.sample });
  }
  return out;
}

