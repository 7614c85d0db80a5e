// The warehouse → model records, as of a revision (default: the current one). What the status engine
// and the export read; nothing here computes.

import type { DuckDBConnection } from "@duckdb/node-api";
import { prefixes, type Qualifier } from "../normalise/number.ts";
import type { Granularity } from "../normalise/period.ts";
import type { ItemStatus, ItemStatusCode, Observation, Provenance, Reliability, Revision, Snapshot, StoredFile, Task, TaskStatus, TaskStatusCode } from "../model.ts";
import { query, WarehouseEmptyError } from "./db.ts";
import { fileAndSheetSql } from "../model.ts";

export type { Revision, Snapshot, StoredFile } from "../model.ts";

/** Rows valid in revision r: valid_from ≤ r < valid_to. */
export const validIn = "valid_from <= $r AND (valid_to IS NULL OR valid_to > $r)";
const originCols = "sample, file, line, col, sheet";

/** A value, and not a projection (预计…, number.ts isProjection): a projection is kept, listed and downloadable, never counted as an actual. */
const actual = `value IS NOT NULL AND (qualifier IS NULL OR qualifier NOT IN (${prefixes
  .filter(([, m]) => m === "projection")
  .map(([w]) => `'${w}'`)
  .join(", ")}))`;

/**
 * Rows that count as results, in a query over `observations` valid in $r: actual values, and a sample
 * row only while its indicator has no real one (sample data steps aside: status/series.ts stepAside).
 * What status and series read. The indicators with a real row are asked for DISTINCT: without it DuckDB
 * builds its NOT IN table from every real row (a million rows: 50 MB more and four times the CPU).
 */
export const counted = `${actual} AND (NOT sample OR indicator NOT IN (SELECT DISTINCT indicator FROM observations WHERE ${validIn} AND NOT sample AND ${actual}))`;

export async function currentRevision(c: DuckDBConnection): Promise<number> {
  const tables = await query<{ n: number }>(c, "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'revisions'");
  if (tables[0]!.n === 0) throw new WarehouseEmptyError();
  return (await query<{ r: number }>(c, "SELECT coalesce(max(revision), 0)::INTEGER AS r FROM revisions"))[0]!.r;
}

/**
 * readSnapshot(c, revision, {indicators}) reads the records valid in a revision (default: the latest).
 * With `indicators`, only those indicators' observations are read — the targets' statuses need no
 * more, and SQL skips the rest far faster than JavaScript could.
 */
export async function readSnapshot(c: DuckDBConnection, revision?: number, { indicators }: { indicators?: string[] } = {}): Promise<Snapshot> {
  const latest = await currentRevision(c);
  const r = revision ?? latest;
  if (r < 0 || r > latest) throw new Error(`没有第 ${r} 版 / there is no revision ${r} (latest is ${latest})`);
  const p = { r };
  // Indicator ids are [a-z0-9_]: joined with "|", they travel as one parameter.
  const only = { ...p, ind: indicators ? indicators.join("|") : null };
  // What every data row carries besides its own fields: note, source, the sample flag and its origin.
  const annotated = (x: { note: string; source: string; sample: boolean; file: string; line: number; col: number; sheet: string | null }) => ({
    note: x.note,
    source: x.source,
    sample: x.sample,
    origin: { file: x.file, line: x.line, column: x.col, ...(x.sheet !== null && { sheet: x.sheet }) },
  });

  const observations = (
    await query<any>(c, `SELECT indicator, entity, period, granularity, period_start::VARCHAR AS ps, period_end::VARCHAR AS pe, value, qualifier, note, source, ${originCols},
        source_url, source_title, published::VARCHAR AS published, excerpt, reliability, written_value, written_unit
      FROM observations WHERE ${validIn} AND ($ind IS NULL OR list_contains(string_split($ind, '|'), indicator))
      ORDER BY indicator, entity, period_start, granularity, file, line, col`, only)
  ).map(
    (x): Observation => ({
      indicator: x.indicator,
      entity: x.entity,
      period: { key: x.period, granularity: x.granularity as Granularity, start: x.ps, end: x.pe },
      value: x.value === null ? null : Number(x.value),
      qualifier: x.qualifier as Qualifier | null,
      ...annotated(x),
      ...provenanceOf(x),
      ...(x.written_unit !== null && { written: { value: Number(x.written_value), unit: x.written_unit } }),
    }),
  );
  const itemStatuses = (
    await query<any>(c, `SELECT item, date::VARCHAR AS date, status, evidence, note, source, ${originCols} FROM item_statuses WHERE ${validIn} ORDER BY item, date, file, line`, p)
  ).map((x): ItemStatus => ({ item: x.item, date: x.date, status: x.status as ItemStatusCode, evidence: x.evidence, ...annotated(x) }));
  const tasks = (
    await query<any>(c, `SELECT id, list, title, units, deadline::VARCHAR AS deadline, deliverable, item, note, source, ${originCols} FROM tasks WHERE ${validIn} ORDER BY id`, p)
  ).map(
    (x): Task => ({
      id: x.id,
      list: x.list,
      title: x.title,
      units: x.units ? String(x.units).split("|") : [],
      deadline: x.deadline,
      deliverable: x.deliverable,
      item: x.item,
      ...annotated(x),
    }),
  );
  const taskStatuses = (
    await query<any>(c, `SELECT task, date::VARCHAR AS date, status, evidence, note, source, ${originCols} FROM task_statuses WHERE ${validIn} ORDER BY task, date, file, line`, p)
  ).map((x): TaskStatus => ({ task: x.task, date: x.date, status: x.status as TaskStatusCode, evidence: x.evidence, ...annotated(x) }));
  const revisions = (
    await query<any>(c, "SELECT revision, strftime(loaded_at, '%Y-%m-%dT%H:%M:%SZ') AS at, files_added, files_changed, files_withdrawn, rows_added, rows_withdrawn FROM revisions WHERE revision <= $r ORDER BY revision", p)
  ).map((x): Revision => ({
    revision: x.revision,
    loadedAt: x.at,
    filesAdded: x.files_added,
    filesChanged: x.files_changed,
    filesWithdrawn: x.files_withdrawn,
    rowsAdded: x.rows_added,
    rowsWithdrawn: x.rows_withdrawn,
  }));
  const files = (
    await query<any>(c, "SELECT path, sha256, layout, encoding, bytes::DOUBLE AS bytes, rows, valid_from, valid_to FROM files WHERE valid_from <= $r ORDER BY path, valid_from", p)
  ).map((x): StoredFile => ({
    path: x.path,
    sha256: x.sha256,
    layout: x.layout,
    encoding: x.encoding,
    bytes: x.bytes,
    rows: x.rows,
    validFrom: x.valid_from,
    validTo: x.valid_to === null || x.valid_to > r ? null : x.valid_to,
  }));
  return { revision: r, revisions, files, observations, itemStatuses, tasks, taskStatuses };
}

/**
 * Only what a recorded revision loaded: a load killed mid-commit can leave rows of a revision the
 * warehouse never recorded (repair.ts takes them back at the next ingest); history never shows them,
 * nor the closing of rows by such a load.
 */
export const recordedOnly = "valid_from <= (SELECT coalesce(max(revision), 0) FROM revisions)";
export const recordedValidTo = "CASE WHEN valid_to > (SELECT coalesce(max(revision), 0) FROM revisions) THEN NULL ELSE valid_to END";

/** Every version of the observations ever loaded, for revision history on indicator pages. */
export async function readObservationHistory(c: DuckDBConnection, indicator?: string) {
  return query<{
    indicator: string;
    entity: string;
    period: string;
    value: number | null;
    qualifier: string | null;
    file: string;
    line: number;
    valid_from: number;
    valid_to: number | null;
  }>(
    c,
    `SELECT indicator, entity, period, value, qualifier, ${fileAndSheetSql()} AS file, line, valid_from, ${recordedValidTo} AS valid_to FROM observations
     WHERE ${recordedOnly} AND ($i IS NULL OR indicator = $i) ORDER BY indicator, entity, period_start, period, valid_from`,
    { i: indicator ?? null },
  );
}

/** The revision current at the end of a day (UTC): the last one loaded on or before it; 0 if none. */
export async function revisionAt(c: DuckDBConnection, date: string): Promise<number> {
  await currentRevision(c);
  const rows = await query<{ r: number }>(c, "SELECT coalesce(max(revision), 0)::INTEGER AS r FROM revisions WHERE loaded_at < $d::DATE + INTERVAL 1 DAY", { d: date });
  return rows[0]!.r;
}

/** The day (UTC) a revision was loaded. */
export async function revisionDate(c: DuckDBConnection, revision: number): Promise<string | undefined> {
  const rows = await query<{ d: string }>(c, "SELECT strftime(loaded_at, '%Y-%m-%d') AS d FROM revisions WHERE revision = $r", { r: revision });
  return rows[0]?.d;
}

/** A row's provenance columns as the record's `provenance`, absent when they are all NULL (a file without them). */
function provenanceOf(x: { source_url: string | null; source_title: string | null; published: string | null; excerpt: string | null; reliability: string | null }): { provenance?: Provenance } {
  const p: Provenance = { url: x.source_url, title: x.source_title, published: x.published, excerpt: x.excerpt, reliability: x.reliability as Reliability | null };
  return Object.values(p).some((v) => v !== null) ? { provenance: p } : {};
}
