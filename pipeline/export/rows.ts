// One indicator's rows as the export writes them: the CSV download's lines, the JSON of its page file's
// rows and entity series, the Arrow download's columns, the parks page's recent points. A million rows
// never become JavaScript objects (they cost tens of seconds in garbage collection), nor strings made in
// SQL (DuckDB's text and its conversion cost seconds more): the few distinct texts a row shares with many
// (entity, qualifier, note, source, flag, file: its "part") are written once each by the very JavaScript
// the export uses elsewhere, and each row crosses from DuckDB as numbers — its part, dates, value, line —
// and its period key. Numbers are written by JavaScript itself (String, JSON), so they are what buildExport
// writes. Where a row holds what the byte assembly assumes away (a period key needing quoting, a period
// with two ends, a date outside 1000–9999), sqlWritable leaves the indicator out and the caller writes it
// in JavaScript: either way the same bytes (tests/export/sql.test.ts).

import type { DuckDBConnection } from "@duckdb/node-api";
import { makeData, makeVector, tableToIPC, Utf8, type Table, type Vector } from "apache-arrow";
import { query } from "../warehouse/db.ts";
import { validIn } from "../warehouse/read.ts";
import { ByteWriter, dateText, writeDate } from "./bytes.ts";
import { spreadsheetRows } from "./csv.ts";
import { columnsTable, utf8Codes } from "./index.ts";
import { keptPeriods, provenanceCells, writtenCells, writtenJson, type Point } from "./layout.ts";
import { fileAndSheet, type Provenance, type Reliability, type Written } from "../model.ts";
import { periodKind, type Granularity } from "../normalise/period.ts";
import { isProjection } from "../normalise/number.ts";

/** The order rows are read and written in (within one indicator). */
export const readOrder = "entity, period_start, granularity, file, line, col";

const rows = `SELECT * REPLACE (published::VARCHAR AS published) FROM observations WHERE ${validIn} AND indicator = $id`;

/** What a row shares with many others: its text is made once per distinct combination. */
// written_value varies by row, but only rows written with a unit have one (published figures, a few): NULL for the rest.
const partColumns = ["entity", "granularity", "qualifier", "note", "source", "sample", "file", "sheet", "source_url", "source_title", "published", "excerpt", "reliability", "written_value", "written_unit"] as const;
type Part = { entity: string; granularity: string; qualifier: string | null; note: string | null; source: string | null; sample: boolean | null; file: string; sheet: string | null } & Record<
  "source_url" | "source_title" | "published" | "excerpt" | "reliability" | "written_unit",
  string | null
> & { written_value: number | null };

/** A part's number and unit as written, as the record holds them (warehouse/read.ts): absent when no unit was written. */
const writtenOf = (p: Part): Written | undefined => (p.written_unit === null ? undefined : { value: Number(p.written_value), unit: p.written_unit });

/** A part's provenance as the record holds it (warehouse/read.ts): absent when its columns are all NULL. */
function provenanceOf(p: Part): Provenance | undefined {
  const x: Provenance = { url: p.source_url, title: p.source_title, published: p.published, excerpt: p.excerpt, reliability: p.reliability as Reliability | null };
  return Object.values(x).some((v) => v !== null) ? x : undefined;
}

/** Period keys that need no quoting, neutralising or escaping in CSV or JSON (2023-Q1, 2023-05, 2023, 2024-01~2024-08, ~2021-03-31): ASCII. */
const plainPeriod = `regexp_full_match(period, '[0-9A-Za-z~][0-9A-Za-z_.:/~-]*')`;

/**
 * The indicators valid in r whose rows the byte assembly writes exactly: plain period keys, one end per
 * period (what the parks page's recent periods assume), and dates whose text writeDate writes. One pass
 * over the distinct periods of every indicator.
 */
export async function sqlWritable(c: DuckDBConnection, r: number): Promise<Set<string>> {
  const ok = await query<{ indicator: string }>(
    c,
    `WITH p AS (SELECT DISTINCT indicator, period, period_start, period_end FROM observations WHERE ${validIn})
     SELECT indicator FROM p GROUP BY indicator
     HAVING bool_and(${plainPeriod}) AND count(DISTINCT period) = count(DISTINCT (period, period_end))
       AND min(least(period_start, period_end)) >= DATE '1000-01-01' AND max(greatest(period_start, period_end)) <= DATE '9999-12-31'`,
    { r },
  );
  return new Set(ok.map((x) => x.indicator));
}

/** An integer-like key: an object puts those first, whatever order they were given in. */
const indexLike = (key: string) => /^(0|[1-9][0-9]*)$/.test(key);

export interface Parts {
  list: Part[];
  /** Per part: its CSV cells before the period (indicator, entity) and after the value (qualifier … file), and its JSON likewise. */
  text: { csvBefore: string; csvAfter: string; jsonBefore: string; jsonAfter: string }[];
}

/**
 * indicatorParts(c, r, id): the indicator's distinct parts and their text, or null where a part is one
 * the byte assembly cannot write (an entity code an object would reorder, a missing flag).
 */
export async function indicatorParts(c: DuckDBConnection, r: number, id: string): Promise<Parts | null> {
  const list = await query<Part>(c, `SELECT DISTINCT ${partColumns.join(", ")} FROM (${rows}) ORDER BY ALL`, { r, id });
  if (list.some((p) => p.sample === null || indexLike(p.entity))) return null;
  const text = list.map((p) => {
    const provenance = provenanceOf(p);
    return {
      csvBefore: spreadsheetRows([[id, p.entity]]),
      csvAfter: spreadsheetRows([[p.qualifier, ...writtenCells(writtenOf(p), p.granularity as Granularity), p.note, p.source, ...provenanceCells(provenance), p.sample ? "是 yes" : "否 no", fileAndSheet(p)]]),
      jsonBefore: `{"entity":${JSON.stringify(p.entity)}`,
      jsonAfter:
        `,"qualifier":${JSON.stringify(p.qualifier)}${writtenJson(writtenOf(p), p.granularity as Granularity)},"note":${JSON.stringify(p.note)},"source":${JSON.stringify(p.source)}` +
        `${provenance ? `,"provenance":${JSON.stringify(provenance)}` : ""},"sample":${JSON.stringify(p.sample)},"file":${JSON.stringify(fileAndSheet(p))}`,
    };
  });
  return { list, text };
}

/** The parts as a table SQL joins to the rows (their number k): a JSON parameter, read back exactly. */
const partsTable = `SELECT x.k, ${partColumns.map((k) => `x.p.${k}`).join(", ")} FROM (SELECT unnest(from_json($parts, '[{"k":"INTEGER","p":{${partColumns.map((k) => `"${k}":"${k === "sample" ? "BOOLEAN" : k === "written_value" ? "DOUBLE" : "VARCHAR"}"`).join(",")}}}]')) AS x)`;
const partsParam = (parts: Parts) => JSON.stringify(parts.list.map((p, k) => ({ k, p })));

export interface RowChunk {
  /** Per row: its part, period key, start and end (days since 1970-01-01), value and line. */
  k: number[];
  period: string[];
  start: number[];
  end: number[];
  value: (number | null)[];
  line: number[];
}

const days = (column: string) => `(${column} - DATE '1970-01-01')::INTEGER`;

/** The indicator's rows in read order, a chunk at a time: streamed, so a large indicator never sits whole in DuckDB's result. */
export async function* rowChunks(c: DuckDBConnection, r: number, id: string, parts: Parts): AsyncGenerator<RowChunk> {
  const same = partColumns.map((k) => `o.${k} IS NOT DISTINCT FROM t.${k}`).join(" AND ");
  const result = await c.stream(
    `WITH o AS (${rows}), t AS (${partsTable})
     SELECT t.k, o.period, ${days("o.period_start")}, ${days("o.period_end")}, o.value::DOUBLE, o.line::INTEGER
     FROM o JOIN t ON ${same} ORDER BY ${readOrder.split(", ").map((k) => `o.${k}`).join(", ")}`,
    { r, id, parts: partsParam(parts) },
  );
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const [k, period, start, end, value, line] = chunk.getColumns() as [number[], string[], number[], number[], (number | null)[], number[]];
    yield { k, period, start, end, value, line };
  }
}

/** A part's bytes around what varies in a row: encoded once, copied per row. */
function partBytes(t: Parts["text"][number]) {
  return { csvPre: Buffer.from(`${t.csvBefore},`), csvPost: Buffer.from(`,${t.csvAfter},`), jsonPre: Buffer.from(`${t.jsonBefore},"period":"`), jsonPost: Buffer.from(`${t.jsonAfter},"line":`) };
}
const ascii = (text: string) => Buffer.from(text, "latin1");
const [crlf, comma, startKey, endKey, valueKey, closeBrace, open, close, nullText] = [
  "\r\n",
  ",",
  '","start":"',
  '","end":"',
  '","value":',
  "}",
  '{"period":"',
  "]",
  "null",
].map(ascii) as Buffer[];

/** A value as JSON.stringify writes it: null for null and for what is not finite. */
function jsonNumber(out: ByteWriter, v: number | null): void {
  if (v === null || !Number.isFinite(v)) out.bytes(nullText!);
  else out.number(v);
}
/** A series point's value: roundSum([v]) (status/series.ts); an integer below 2^53 is its own roundSum (-0 aside, which writes as 0 either way). */
export const seriesValue = (v: number) => (Number.isSafeInteger(v) ? v : Number(v.toFixed(9)));

// A single date last, and only where dates are points (status/series.ts datesArePoints).
const fine: Record<string, number> = { month: 1, quarter: 2, half: 3, year: 4 };
const dayFine = 5;

/**
 * An indicator's rows, gathered chunk by chunk as columns: each chunk's CSV lines and page-file rows as
 * bytes, then its Arrow record batch, its entities' series and their recent points.
 */
export class IndicatorRows {
  private k: number[] = [];
  private period: string[] = [];
  private start: number[] = [];
  private end: number[] = [];
  private value: (number | null)[] = [];
  private line: number[] = [];
  private readonly bytes: ReturnType<typeof partBytes>[];
  /** Per part: how a series point of its rows ends — its flag and, for a figure published with one, its qualifier (layout.ts points). */
  private readonly pointEnds: Buffer[];
  private readonly csv = new ByteWriter();
  private readonly json = new ByteWriter();
  constructor(
    private readonly id: string,
    private readonly parts: Parts,
    /** Whether a figure at a single date is a point of the indicator's series (status/series.ts datesArePoints). */
    private readonly datesArePoints: boolean,
  ) {
    this.bytes = parts.text.map(partBytes);
    this.pointEnds = parts.list.map((p) => Buffer.from(`,"sample":${!!p.sample}${p.qualifier ? `,"qualifier":${JSON.stringify(p.qualifier)}` : ""}}`));
  }

  /**
   * Keeps the chunk's rows and writes their CSV lines (CRLF between them) and JSON objects (commas between
   * them) after those not yet taken: what csvRow through papaparse and observationRow through JSON.stringify
   * write, as bytes.
   */
  add(chunk: RowChunk): void {
    const { csv, json } = this;
    for (let i = 0; i < chunk.k.length; i++) {
      const more = i > 0 || this.pending > 0;
      const b = this.bytes[chunk.k[i]!]!;
      const period = chunk.period[i]!;
      const start = chunk.start[i]!;
      const end = chunk.end[i]!;
      const value = chunk.value[i]!;
      const line = chunk.line[i]!;
      if (more) csv.bytes(crlf!);
      csv.bytes(b.csvPre);
      csv.ascii(period);
      csv.bytes(comma!);
      csv.date(start);
      csv.bytes(comma!);
      csv.date(end);
      csv.bytes(comma!);
      // csvRow's value through papaparse: String() of a number (no number needs quoting), nothing for null.
      if (value !== null) csv.number(value);
      csv.bytes(b.csvPost);
      csv.integer(line);
      if (more) json.bytes(comma!);
      json.bytes(b.jsonPre);
      json.ascii(period);
      json.bytes(startKey!);
      json.date(start);
      json.bytes(endKey!);
      json.date(end);
      json.bytes(valueKey!);
      jsonNumber(json, value);
      json.bytes(b.jsonPost);
      json.integer(line);
      json.bytes(closeBrace!);
      this.k.push(chunk.k[i]!);
      this.period.push(period);
      this.start.push(start);
      this.end.push(end);
      this.value.push(value);
      this.line.push(line);
    }
    this.pending += chunk.k.length;
  }

  /** Rows added since the last take. */
  pending = 0;
  /** Bytes added since the last take (the larger of the two texts). */
  get pendingBytes(): number {
    return Math.max(this.csv.size, this.json.size);
  }
  /** The lines and objects added since the last take; null if none were. */
  take(): { csv: Buffer; json: Buffer } | null {
    if (!this.pending) return null;
    this.pending = 0;
    return { csv: this.csv.take(), json: this.json.take() };
  }

  /** The record batch, as observationsTable builds it from the same rows. */
  table(): Table {
    const codes = (key: keyof Part) => utf8Codes(this.k, this.parts.list.map((p) => p[key] as string | null));
    return columnsTable({
      indicator: utf8Codes(this.k.map(() => 0), [this.id]),
      entity: codes("entity"),
      period: asciiVector(this.period),
      granularity: codes("granularity"),
      start: dateVector(this.start),
      end: dateVector(this.end),
      value: this.value,
      qualifier: codes("qualifier"),
      value_as_written: this.k.map((k) => writtenOf(this.parts.list[k]!)?.value ?? null),
      unit_as_written: codes("written_unit"),
      period_kind: utf8Codes(this.k, this.parts.list.map((p) => periodKind(p.granularity as Granularity))),
      note: codes("note"),
      source: codes("source"),
      source_url: codes("source_url"),
      source_title: codes("source_title"),
      published: codes("published"),
      excerpt: codes("excerpt"),
      reliability: codes("reliability"),
      sample: this.k.map((k) => this.parts.list[k]!.sample!),
      file: utf8Codes(this.k, this.parts.list.map((p) => fileAndSheet(p))), // a workbook's sheet after its name
      line: this.line,
    });
  }

  /**
   * Each entity's own series (status/series.ts entitySeries), as row numbers by entity in code order: its
   * rows with a value at the finest granularity it reports, by period end (a stable sort: ties stay in
   * read order).
   */
  private series(): [string, number[]][] {
    return (this.entitySeries ??= this.seriesOfEntities());
  }
  private entitySeries: [string, number[]][] | undefined;
  /** A row's granularity's place from finest; undefined for a period that is never a point (a year to date, a span, 截至…). */
  private fineness(i: number): number | undefined {
    const g = this.parts.list[this.k[i]!]!.granularity;
    return fine[g] ?? (g === "day" && this.datesArePoints ? dayFine : undefined);
  }
  private seriesOfEntities(): [string, number[]][] {
    const byEntity = new Map<string, number[]>();
    for (const p of this.parts.list) byEntity.set(p.entity, []);
    // As entitySeries counts rows: with a value, and not a projection (预计…: kept and listed, never a point
    // of the series); sample rows only while the indicator has no real row (stepAside).
    const counts = (i: number) => this.value[i] !== null && !isProjection(this.parts.list[this.k[i]!]!.qualifier);
    let real = false;
    for (let i = 0; i < this.k.length && !real; i++) real = counts(i) && !this.parts.list[this.k[i]!]!.sample;
    for (let i = 0; i < this.k.length; i++) {
      const part = this.parts.list[this.k[i]!]!;
      if (counts(i) && !(real && part.sample)) byEntity.get(part.entity)!.push(i);
    }
    return [...byEntity.keys()].sort().map((code) => {
      const rows = byEntity.get(code)!;
      // A loop, not Math.min(...rows): spreading 125,000 arguments overflows the stack.
      let finest = Infinity;
      for (const i of rows) finest = Math.min(finest, this.fineness(i) ?? Infinity);
      const kept = rows.filter((i) => this.fineness(i) === finest).sort((a, b) => this.end[a]! - this.end[b]!);
      return [code, kept];
    });
  }

  /**
   * The page file's series "entities" object's contents (no braces), as points(entitySeries(…)) over the
   * rows writes it, as bytes; and the entity codes.
   */
  entities(): { bytes: Buffer; codes: string[] } {
    const out = this.json;
    const series = this.series();
    series.forEach(([code, rows], n) => {
      out.bytes(Buffer.from(`${n ? "," : ""}${JSON.stringify(code)}:[`));
      rows.forEach((i, m) => {
        if (m) out.bytes(comma!);
        out.bytes(open!);
        out.ascii(this.period[i]!);
        out.bytes(startKey!);
        out.date(this.start[i]!);
        out.bytes(endKey!);
        out.date(this.end[i]!);
        out.bytes(valueKey!);
        jsonNumber(out, seriesValue(this.value[i]!));
        out.bytes(this.pointEnds[this.k[i]!]!);
      });
      out.bytes(close!);
    });
    return { bytes: out.take(), codes: series.map(([code]) => code) };
  }

  /**
   * Each entity's series points in the periods the parks page can show (layout.ts recentPeriods: the last
   * `keep` period ends by some as-of date): recentPeriods over these gives what it gives over the whole series.
   */
  recent(dates: string[], keep: number): Record<string, Point[]> {
    const series = this.series();
    // Each period's end (one per period: sqlWritable), as text once per period.
    const endDay = new Map<string, number>();
    for (const [, rows] of series) for (const i of rows) endDay.set(this.period[i]!, this.end[i]!);
    const ends = new Map([...endDay].map(([period, day]) => [period, dateText(day)]));
    const kept = keptPeriods(ends, dates, keep);
    const point = (i: number): Point => {
      const part = this.parts.list[this.k[i]!]!;
      return {
        period: this.period[i]!,
        start: dateText(this.start[i]!),
        end: dateText(this.end[i]!),
        value: seriesValue(this.value[i]!),
        sample: part.sample!,
        ...(part.qualifier ? { qualifier: part.qualifier } : {}),
      };
    };
    return Object.fromEntries(series.map(([code, rows]) => [code, rows.filter((i) => kept.has(this.period[i]!)).map(point)]));
  }
}

/** A text column of ASCII texts, built directly as utf8Vector would build it (no nulls). */
function asciiVector(values: string[]): Vector<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  let end = 0;
  for (let i = 0; i < values.length; i++) offsets[i + 1] = end += values[i]!.length;
  const data = new Uint8Array(end);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const at = offsets[i]!;
    for (let j = 0; j < v.length; j++) data[at + j] = v.charCodeAt(j);
  }
  return textVector(offsets, data);
}

/** A text column of dates (days since 1970-01-01) as DuckDB writes them, ten bytes each. */
function dateVector(days: number[]): Vector<Utf8> {
  const offsets = new Int32Array(days.length + 1);
  for (let i = 0; i < days.length; i++) offsets[i + 1] = 10 * (i + 1);
  const data = new Uint8Array(10 * days.length);
  for (let i = 0; i < days.length; i++) writeDate(data, 10 * i, days[i]!);
  return textVector(offsets, data);
}

const textVector = (valueOffsets: Int32Array, data: Uint8Array): Vector<Utf8> =>
  makeVector(makeData({ type: new Utf8(), length: valueOffsets.length - 1, nullCount: 0, nullBitmap: null, valueOffsets, data }));

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
