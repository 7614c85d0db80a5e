// Records read by the JavaScript rules → warehouse rows, through DuckDB's appender. Every row carries
// its origin (file, line, column), the file's content hash and the revision it arrives in.
//
// The appender fills a table's columns in their order, so each function below appends in the order
// of schema.ts's CREATE TABLE; ensureSchema checks that a warehouse's tables have exactly that order
// (a migrated one included), and tests/warehouse/migrate.test.ts appends into a migrated warehouse.

import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { duckdb } from "./db.ts";
import { periodKind } from "../normalise/period.ts";
import type { FileRecords, ItemStatus, Observation, Provenance, Task, TaskStatus } from "../model.ts";

type Annotated = { sample: boolean; origin: { file: string; line: number; column: number; sheet?: string } };

export async function appendRecords(c: DuckDBConnection, records: FileRecords, hash: string, r: number): Promise<number> {
  const origin = originOf(hash, r);
  await appendObservations(c, records.observations, hash, r);
  await appendAll(c, "item_statuses", records.itemStatuses, (a, s: ItemStatus) => {
    a.appendInteger(s.item);
    date(a, s.date);
    text(a, s.status, s.evidence, s.note, s.source);
    origin(a, s);
    sheet(a, s);
    a.endRow();
  });
  await appendAll(c, "tasks", records.tasks, (a, t: Task) => {
    text(a, t.id, t.list, t.title, t.units.join("|"));
    date(a, t.deadline);
    text(a, t.deliverable);
    t.item === null ? a.appendNull() : a.appendInteger(t.item);
    text(a, t.note, t.source);
    origin(a, t);
    sheet(a, t);
    a.endRow();
  });
  await appendAll(c, "task_statuses", records.taskStatuses, (a, s: TaskStatus) => {
    text(a, s.task);
    date(a, s.date);
    text(a, s.status, s.evidence, s.note, s.source);
    origin(a, s);
    sheet(a, s);
    a.endRow();
  });
  return records.observations.length + records.itemStatuses.length + records.tasks.length + records.taskStatuses.length;
}

export async function appendObservations(c: DuckDBConnection, observations: Observation[], hash: string, r: number): Promise<void> {
  const origin = originOf(hash, r);
  await appendAll(c, "observations", observations, (a, o: Observation) => {
    text(a, o.indicator, o.entity, o.period.key, o.period.granularity);
    date(a, o.period.start);
    date(a, o.period.end);
    o.value === null ? a.appendNull() : a.appendDouble(o.value);
    o.qualifier === null ? a.appendNull() : a.appendVarchar(o.qualifier);
    text(a, o.note, o.source);
    origin(a, o);
    provenance(a, o.provenance);
    a.appendVarchar(periodKind(o.period.granularity));
    o.written ? a.appendDouble(o.written.value) : a.appendNull();
    o.written ? a.appendVarchar(o.written.unit) : a.appendNull();
    sheet(a, o);
    a.endRow();
  });
}

/** Schema 2's provenance columns: each NULL when the file does not give it. */
function provenance(a: DuckDBAppender, p: Provenance | undefined): void {
  const optional = (v: string | null | undefined) => (v == null ? a.appendNull() : a.appendVarchar(v));
  optional(p?.url);
  optional(p?.title);
  p?.published ? date(a, p.published) : a.appendNull();
  optional(p?.excerpt);
  optional(p?.reliability);
}

/** Schema 4's sheet, last in every data table: a workbook's sheet, NULL for a CSV file. */
const sheet = (a: DuckDBAppender, x: Annotated) => (x.origin.sheet === undefined ? a.appendNull() : a.appendVarchar(x.origin.sheet));
const text = (a: DuckDBAppender, ...values: string[]) => values.forEach((v) => a.appendVarchar(v));
const date = (a: DuckDBAppender, iso: string) => a.appendDate(duckdb.dateValue(Date.parse(`${iso}T00:00:00Z`) / 86_400_000));

function originOf(hash: string, r: number) {
  return (a: DuckDBAppender, x: Annotated) => {
    a.appendBoolean(x.sample);
    a.appendVarchar(x.origin.file);
    a.appendInteger(x.origin.line);
    a.appendInteger(x.origin.column);
    a.appendVarchar(hash);
    a.appendInteger(r);
    a.appendNull();
  };
}

async function appendAll<T>(c: DuckDBConnection, table: string, rows: T[], append: (a: DuckDBAppender, row: T) => void): Promise<void> {
  if (!rows.length) return;
  const a = await c.createAppender(table);
  for (const row of rows) append(a, row);
  a.flushSync();
  a.closeSync();
}
