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
import { columnsTable, utf8Codes, utf8Vector } from "./index.ts";
import type { Point } from "./layout.ts";
import { numberText, seriesValueExact } from "./sqltext.ts";

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
  -- DISTINCT takes -0 and 0 for one value: a -0 is looked for on every row.
  AND NOT EXISTS (SELECT 1 FROM o WHERE value = 0 AND starts_with(value::VARCHAR, '-'))
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
  /** Per row: its part, and what varies — period, start, end and value as CSV writes them (comma-separated: none holds a comma) — and its line. */
  k: number[];
  middle: string[];
  line: number[];
}

/**
 * The indicator's rows in read order, a chunk at a time: each row's part and the text of what varies.
 * Streamed: a large indicator's text never sits whole in DuckDB; few values per row cross into JavaScript.
 */
export async function* rowChunks(c: DuckDBConnection, r: number, id: string, parts: Parts): AsyncGenerator<RowChunk> {
  const same = partColumns.map((k) => `o.${k} IS NOT DISTINCT FROM t.${k}`).join(" AND ");
  const result = await c.stream(
    `WITH o AS (${rows}), t AS (${partsTable})
     SELECT t.k, o.period || ',' || o.period_start::VARCHAR || ',' || o.period_end::VARCHAR || ',' || coalesce(${numberText("o.value")}, '') AS middle, o.line::INTEGER
     FROM o JOIN t ON ${same} ORDER BY ${readOrder.split(", ").map((k) => `o.${k}`).join(", ")}`,
    { r, id, parts: partsParam(parts) },
  );
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const [k, middle, line] = chunk.getColumns() as [number[], string[], number[]];
    yield { k, middle, line };
  }
}

/** A part's bytes around what varies in a row: encoded once, copied per row (encoding text per row cost seconds). */
function partBytes(t: Parts["text"][number]) {
  return { csvPre: Buffer.from(`${t.csvBefore},`), csvPost: Buffer.from(`,${t.csvAfter},`), jsonPre: Buffer.from(`${t.jsonBefore},"period":"`), jsonPost: Buffer.from(`${t.jsonAfter},"line":`) };
}
const ascii = (text: string) => Buffer.from(text, "latin1");
const [crlf, comma, startKey, endKey, valueKey, nullText, closeBrace] = ['\r\n', ",", '","start":"', '","end":"', '","value":', "null", "}"].map(ascii) as Buffer[];

/**
 * A chunk's CSV lines (CRLF between them) and JSON objects (commas between them), as bytes: the same as
 * the text `${csvBefore},${period},${start},${end},${value},${csvAfter},${line}` and
 * `${jsonBefore},"period":"…","start":"…","end":"…","value":…${jsonAfter},"line":…}` would encode to. What
 * varies is ASCII (plain period keys, dates, numbers), so it is copied byte for byte.
 */
export function chunkBytes(chunk: RowChunk, bytes: ReturnType<typeof partBytes>[]): { csv: Buffer; json: Buffer } {
  let csvLength = 0;
  let jsonLength = 0;
  for (let i = 0; i < chunk.k.length; i++) {
    const b = bytes[chunk.k[i]!]!;
    const m = chunk.middle[i]!.length;
    csvLength += b.csvPre.length + m + b.csvPost.length + 11 + 2;
    jsonLength += b.jsonPre.length + m + startKey!.length + endKey!.length + valueKey!.length + 4 + b.jsonPost.length + 11 + 2;
  }
  const csv = Buffer.allocUnsafe(csvLength);
  const json = Buffer.allocUnsafe(jsonLength);
  let c = 0;
  let j = 0;
  for (let i = 0; i < chunk.k.length; i++) {
    const b = bytes[chunk.k[i]!]!;
    const m = chunk.middle[i]!;
    const line = String(chunk.line[i]);
    if (i > 0) c += crlf!.copy(csv, c);
    c += b.csvPre.copy(csv, c);
    c += csv.write(m, c, "latin1");
    c += b.csvPost.copy(csv, c);
    c += csv.write(line, c, "latin1");
    const [k1, k2, k3] = [m.indexOf(","), m.indexOf(",", m.indexOf(",") + 1), m.lastIndexOf(",")];
    if (i > 0) j += comma!.copy(json, j);
    j += b.jsonPre.copy(json, j);
    j += json.write(m.slice(0, k1), j, "latin1");
    j += startKey!.copy(json, j);
    j += json.write(m.slice(k1 + 1, k2), j, "latin1");
    j += endKey!.copy(json, j);
    j += json.write(m.slice(k2 + 1, k3), j, "latin1");
    j += valueKey!.copy(json, j);
    j += k3 + 1 === m.length ? nullText!.copy(json, j) : json.write(m.slice(k3 + 1), j, "latin1");
    j += b.jsonPost.copy(json, j);
    j += json.write(line, j, "latin1");
    j += closeBrace!.copy(json, j);
  }
  return { csv: csv.subarray(0, c), json: json.subarray(0, j) };
}

/** Each part's bytes, in the parts' order. */
export const partsBytes = (parts: Parts) => parts.text.map(partBytes);

const fine: Record<string, number> = { day: 0, month: 1, quarter: 2, half: 3, year: 4 };

/** An indicator's rows gathered over its chunks, as columns: its Arrow record batch and its entities' series. */
export class IndicatorColumns {
  private k: number[] = [];
  private period: string[] = [];
  private start: string[] = [];
  private end: string[] = [];
  private valueText: string[] = [];
  private line: number[] = [];
  constructor(
    private readonly id: string,
    private readonly parts: Parts,
  ) {}
  add(chunk: RowChunk): void {
    for (let i = 0; i < chunk.k.length; i++) {
      const [period, start, end, value] = chunk.middle[i]!.split(",") as [string, string, string, string];
      this.k.push(chunk.k[i]!);
      this.period.push(period);
      this.start.push(start);
      this.end.push(end);
      this.valueText.push(value);
      this.line.push(chunk.line[i]!);
    }
  }
  /** The record batch, as observationsTable builds it from the same rows. */
  table(): Table {
    const codes = (key: keyof Part) => utf8Codes(this.k, this.parts.list.map((p) => p[key] as string | null));
    return columnsTable({
      indicator: utf8Codes(this.k.map(() => 0), [this.id]),
      entity: codes("entity"),
      period: utf8Vector(this.period),
      granularity: codes("granularity"),
      start: utf8Vector(this.start),
      end: utf8Vector(this.end),
      // String(v) reads back as v for every double but -0, which the exactness check leaves to JavaScript (sqltext.ts).
      value: this.valueText.map((v) => (v === "" ? null : Number(v))),
      qualifier: codes("qualifier"),
      sample: this.k.map((k) => this.parts.list[k]!.sample!),
      file: codes("file"),
      line: this.line,
    });
  }
  /**
   * The page file's series "entities" object's contents (no braces), as points(entitySeries(…)) over the
   * rows writes it: each entity's rows with a value at the finest granularity it reports, by period end
   * (a stable sort: ties stay in read order); the values as written (roundSum leaves them as they are).
   */
  entities(): { text: string; codes: string[] } {
    const byEntity = new Map<string, number[]>();
    for (const p of this.parts.list) byEntity.set(p.entity, []);
    for (let i = 0; i < this.k.length; i++) if (this.valueText[i] !== "") byEntity.get(this.parts.list[this.k[i]!]!.entity)!.push(i);
    const codes = [...byEntity.keys()].sort();
    const text = codes.map((code) => {
      const rows = byEntity.get(code)!;
      // A loop, not Math.min(...rows): spreading 125,000 arguments overflows the stack.
      let finest = Infinity;
      for (const i of rows) finest = Math.min(finest, fine[this.parts.list[this.k[i]!]!.granularity] ?? Infinity);
      const kept = rows.filter((i) => fine[this.parts.list[this.k[i]!]!.granularity] === finest).sort((a, b) => (this.end[a]! < this.end[b]! ? -1 : this.end[a]! > this.end[b]! ? 1 : 0));
      const points = kept.map(
        (i) => `{"period":"${this.period[i]}","start":"${this.start[i]}","end":"${this.end[i]}","value":${this.valueText[i]},"sample":${this.parts.list[this.k[i]!]!.sample}}`,
      );
      return `${JSON.stringify(code)}:[${points.join(",")}]`;
    });
    return { text: text.join(","), codes };
  }
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

