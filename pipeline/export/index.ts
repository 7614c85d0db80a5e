// Everything the site reads, as small deterministic files: the same warehouse, registry and as-of
// date give byte-identical output (sorted rows, fixed key order, no clock).

import { Bool, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray, type Vector } from "apache-arrow";
import type { Registry } from "../registry/types.ts";
import { periodKind } from "../normalise/period.ts";
import type { Problem } from "../problems.ts";
import { computeStatus } from "../status/index.ts";
import { describeTarget } from "../status/explain.ts";
import { counts, entitySeries, itemShareSeries, stepAside, zoneSeries, type SeriesPoint } from "../status/series.ts";
import { compactJsonText, csvRow, jsonText, latestStatus, observationColumns, observationRow, points, recentPeriods, zoneEntry, type Point } from "./layout.ts";
import type { Observation, Snapshot } from "../model.ts";
import { itemBoard, taskBoard, unitBoard } from "../status/boards.ts";
import { spreadsheetCsv } from "./csv.ts";
import { freshness } from "./freshness.ts";
import { parkComparison } from "./parks.ts";
import { asKnownBy, buildBriefing, previousQuarterEnd, recentZonePoints } from "../briefing.ts";
import { diff } from "../diff.ts";
import { finderEntries } from "../finder/entries.ts";
import { samplePages } from "./samplePages.ts";
import { loadedIndex } from "./loaded.ts";
import { fileAndSheet } from "../model.ts";

export interface ExportInput {
  registry: Registry;
  snapshot: Snapshot;
  asOf: string;
  /** The last validation of the data folder, for the analysts' page. */
  validation: { files: number; rows: number; problems: Problem[] };
  /** The warehouse as it stood at the previous briefing (the last quarter's end), if anything was loaded by then. */
  previous?: Snapshot;
  /** Every version of each observation, for revision history. */
  history: { indicator: string; entity: string; period: string; value: number | null; qualifier: string | null; file: string; line: number; valid_from: number; valid_to: number | null }[];
}

export type ExportFiles = Map<string, string | Uint8Array>;

/** The as-of dates the site offers: each quarter's end since the plan began, the deadlines, and asOf. */
export function asOfDates(registry: Registry, asOf: string): string[] {
  const dates = new Set<string>([asOf]);
  const start = registry.settings.planStart;
  for (let y = Number(start.slice(0, 4)); y <= Number(asOf.slice(0, 4)); y++) {
    for (const q of ["03-31", "06-30", "09-30", "12-31"]) {
      const d = `${y}-${q}`;
      if (d > start && d < asOf) dates.add(d);
    }
  }
  for (const t of registry.indicators.flatMap((i) => i.targets)) if (t.deadline < asOf) dates.add(t.deadline);
  return [...dates].sort();
}

export function buildExport(input: ExportInput): ExportFiles {
  const { registry, snapshot, asOf } = input;
  const files: ExportFiles = new Map();
  const json = (name: string, value: unknown) => files.set(name, jsonText(value));
  const dates = asOfDates(registry, asOf);
  const sample = snapshot.observations.some((o) => o.sample) || snapshot.itemStatuses.some((s) => s.sample) || snapshot.tasks.some((t) => t.sample);
  // What series, charts and park boards draw: sample rows step aside where real ones exist (stepAside);
  // every row stays listed (the indicator pages' rows, the downloads).
  const counting: Snapshot = { ...snapshot, observations: stepAside(snapshot.observations) };

  json("registry.json", registry);
  // The finder on every page: names, codes and places of what it can jump to, read once when first used.
  json("finder.json", finderEntries(registry));

  const reports = dates.map((date) => {
    const r = computeStatus({ registry, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf: date });
    return {
      asOf: date,
      counts: r.counts,
      targets: r.targets.map((t) => ({ ...t, ...describeTarget(t, registry) })),
      trends: r.trends,
    };
  });
  const status = { revision: snapshot.revision, asOf, sample, dates, reports };
  // Without indent (≈ 70 % of the bytes): every page but the overview downloads and parses it first.
  files.set("status.json", compactJsonText(status));
  files.set("status-latest.json", compactJsonText(latestStatus(status)));

  const entitySeriesOf = (id: string) => entityPoints(id, snapshot, counting, registry);
  const zone = targetSeries(registry, counting);
  json("series-targets.json", zone);
  json(
    "series-parks.json",
    Object.fromEntries(registry.indicators.filter((i) => i.level === "park").map((i) => [i.id, { entities: recentPeriods(entitySeriesOf(i.id), dates) }])),
  );
  const parkBoards = dates.map((date) => ({ asOf: date, indicators: parkComparison(registry, counting.observations, date) }));
  json("parks.json", { dates, boards: parkBoards });

  const items = dates.map((date) => ({ asOf: date, rows: itemBoard(registry, snapshot.itemStatuses, date) }));
  json("items.json", { asOf, dates, boards: items.map((b) => ({ asOf: b.asOf, rows: b.asOf === asOf ? b.rows : b.rows.map(({ history: _h, ...rest }) => rest) })) });
  const tasks = dates.map((date) => ({ asOf: date, rows: taskBoard(snapshot.tasks, snapshot.taskStatuses, date) }));
  json("tasks.json", { asOf, dates, boards: tasks });
  json("units.json", {
    asOf,
    dates,
    boards: dates.map((date, i) => ({ asOf: date, rows: unitBoard(registry, items[i]!.rows, tasks[i]!.rows) })),
  });

  const fresh = freshness(registry, counting, asOf);
  json("freshness.json", fresh);
  const previousDate = previousQuarterEnd(asOf);
  const basis = input.previous && input.previous.revision > 0 ? "revisions" : "periods";
  // Both sides read as of their own date: what was known then (or, with no load by then, today's data
  // for the periods ended by then) against what is known now for the periods ended by the as-of date.
  const before = asKnownBy(basis === "revisions" ? input.previous! : snapshot, previousDate);
  const current = dates.indexOf(asOf);
  const briefing = buildBriefing({
    registry,
    report: computeStatus({ registry, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf }),
    items: items[current]!.rows,
    tasks: tasks[current]!.rows,
    units: unitBoard(registry, items[current]!.rows, tasks[current]!.rows),
    freshness: fresh,
    recent: recentZonePoints(registry, counting.observations, asOf),
    changes: diff(registry, { snapshot: before, asOf: previousDate }, { snapshot: asKnownBy(snapshot, asOf), asOf }),
    previous: previousDate,
    basis,
  });
  json("briefing.json", briefing);
  const countedSample = new Set(counting.observations.filter((o) => o.sample && counts(o)).map((o) => o.indicator));
  json(
    "sample.json",
    samplePages({ registry, countedSample, targets: reports.map((r) => r.targets), zone, parks: parkBoards, items, tasks, freshness: fresh, briefing: briefing.sample }),
  );
  json("revisions.json", { revision: snapshot.revision, revisions: snapshot.revisions, files: snapshot.files });
  // What the analysts' checker checks new files against: fetched only when files are checked.
  files.set("loaded.json", compactJsonText(loadedIndex(snapshot)));
  json("validation.json", input.validation);
  const revised = revisedObservations(input.history);
  json("history.json", revised);
  // One file per indicator for its own page: every observation with its note, source and origin.
  for (const indicator of registry.indicators) {
    files.set(`indicators/${indicator.id}.json`, compactJsonText({
      indicator: indicator.id,
      observations: snapshot.observations.filter((o) => o.indicator === indicator.id).map(observationRow),
      revisions: revised.filter((r) => r.indicator === indicator.id),
      series: { ...zoneEntry(indicator, zoneOf(registry, indicator, counting), registry), entities: entitySeriesOf(indicator.id) },
    }));
  }

  files.set("observations.arrow", observationsArrow(snapshot));
  files.set("observations.csv", spreadsheetCsv(observationColumns, snapshot.observations.map(csvRow)));
  return files;
}

/** The zone's series an indicator's charts draw: the reform items' share for T23-1, else the zone series. */
function zoneOf(registry: Registry, indicator: Registry["indicators"][number], snapshot: Snapshot): SeriesPoint[] {
  return indicator.derivedFrom === "reform_items" ? itemShareSeries(registry, snapshot.itemStatuses) : zoneSeries(indicator, snapshot.observations, registry);
}

/** What the overview and the items page draw: each target indicator's zone series. */
function targetSeries(registry: Registry, snapshot: Snapshot) {
  return Object.fromEntries(registry.indicators.filter((i) => i.targets.length).map((i) => [i.id, zoneEntry(i, zoneOf(registry, i, snapshot), registry)]));
}

/** Each entity's own series of an indicator, entities in code order: every entity with a row, its points from the rows that count. */
function entityPoints(id: string, snapshot: Snapshot, counting: Snapshot, registry: Registry): Record<string, Point[]> {
  const kind = registry.indicators.find((i) => i.id === id)?.kind;
  const rows = counting.observations.filter((o) => o.indicator === id);
  const entities = new Set(snapshot.observations.filter((o) => o.indicator === id).map((o) => o.entity));
  return Object.fromEntries([...entities].sort().map((code) => [code, points(entitySeries(id, code, rows, kind))]));
}

/**
 * A text column built directly (offsets, one UTF-8 buffer, a validity bitmap): Arrow's generic builder
 * encodes string by string and costs seconds per million rows.
 */
export function utf8Vector(values: (string | null)[]): Vector<Utf8> {
  // Each distinct text numbered once, then built as utf8Codes builds any coded column.
  const codeOf = new Map<string | null, number>();
  const dictionary: (string | null)[] = [];
  const codes = values.map((v) => {
    const text = v ?? null;
    let code = codeOf.get(text);
    if (code === undefined) codeOf.set(text, (code = dictionary.push(text) - 1));
    return code;
  });
  return utf8Codes(codes, dictionary);
}

/** Observations whose value changed between revisions: old → new, with the file that changed them. */
export function revisedObservations(history: ExportInput["history"]) {
  const byKey = new Map<string, ExportInput["history"]>();
  for (const h of history) {
    const k = `${h.indicator}|${h.entity}|${h.period}`;
    byKey.set(k, [...(byKey.get(k) ?? []), h]);
  }
  return [...byKey.values()]
    .filter((versions) => versions.length > 1)
    .map((versions) => ({
      indicator: versions[0]!.indicator,
      entity: versions[0]!.entity,
      period: versions[0]!.period,
      versions: versions.map((v) => ({ value: v.value, qualifier: v.qualifier, file: v.file, line: v.line, from: v.valid_from, to: v.valid_to })),
    }));
}

/**
 * Observations as an Arrow IPC *stream* (what DuckDB-Wasm and Arrow JS read in the browser; the file
 * format fails there). Columns are typed explicitly: inferred string columns become dictionaries whose
 * ids come from a process-wide counter, and the bytes would then depend on what ran before. Dates
 * stay ISO text: Plot reads Arrow timestamps as dates only in milliseconds.
 */
function observationsArrow(snapshot: Snapshot): Uint8Array {
  return tableToIPC(observationsTable(snapshot.observations), "stream");
}

/** Observations as an Arrow table with explicit column types (see observationsArrow). */
export function observationsTable(o: Observation[]): Table {
  const text = (f: (x: Observation) => string | null) => utf8Vector(o.map(f));
  return columnsTable({
    indicator: text((x) => x.indicator),
    entity: text((x) => x.entity),
    period: text((x) => x.period.key),
    granularity: text((x) => x.period.granularity),
    start: text((x) => x.period.start),
    end: text((x) => x.period.end),
    value: o.map((x) => x.value),
    qualifier: text((x) => x.qualifier),
    value_as_written: o.map((x) => x.written?.value ?? null),
    unit_as_written: text((x) => x.written?.unit ?? null),
    period_kind: text((x) => periodKind(x.period.granularity)),
    note: text((x) => x.note),
    source: text((x) => x.source),
    source_url: text((x) => x.provenance?.url ?? null),
    source_title: text((x) => x.provenance?.title ?? null),
    published: text((x) => x.provenance?.published ?? null),
    excerpt: text((x) => x.provenance?.excerpt ?? null),
    reliability: text((x) => x.provenance?.reliability ?? null),
    sample: o.map((x) => x.sample),
    file: text((x) => fileAndSheet(x.origin)),
    line: o.map((x) => x.origin.line),
  });
}

/**
 * utf8Vector of dictionary[codes[i]] for each i, each distinct text encoded once: for columns a few
 * values fill (entity, file), the same vector for a fraction of the work.
 */
export function utf8Codes(codes: number[], dictionary: (string | null)[]): Vector<Utf8> {
  const bytes = dictionary.map((v) => (v === null ? null : Buffer.from(v)));
  const offsets = new Int32Array(codes.length + 1);
  const valid = new Uint8Array((codes.length + 7) >> 3);
  let nulls = 0;
  let end = 0;
  for (let i = 0; i < codes.length; i++) {
    const b = bytes[codes[i]!];
    if (!b) nulls++;
    else {
      valid[i >> 3]! |= 1 << (i & 7);
      end += b.length;
    }
    offsets[i + 1] = end;
  }
  const data = new Uint8Array(end);
  for (let i = 0; i < codes.length; i++) {
    const b = bytes[codes[i]!];
    if (b) data.set(b, offsets[i]!);
  }
  return makeVector(makeData({ type: new Utf8(), length: codes.length, nullCount: nulls, nullBitmap: nulls ? valid : null, valueOffsets: offsets, data }));
}

type Text = Vector<Utf8>;
/** The Arrow download's text columns: observations.csv's (layout.ts observationColumns), and the granularity. */
type TextColumn = "indicator" | "entity" | "period" | "granularity" | "start" | "end" | "qualifier" | "unit_as_written" | "period_kind" | "note" | "source" | "source_url" | "source_title" | "published" | "excerpt" | "reliability" | "file";

/**
 * The download's columns, one array each, as an Arrow table (columns typed explicitly: see
 * observationsArrow): everything observations.csv carries — the qualifier, the number and unit as
 * written, the period's kind, the note, the source and where it was published — so a figure read from
 * the Arrow file says what the CSV says.
 */
export function columnsTable(x: Record<TextColumn, Text> & { value: (number | null)[]; value_as_written: (number | null)[]; sample: boolean[]; line: number[] }): Table {
  return new Table({
    indicator: x.indicator,
    entity: x.entity,
    period: x.period,
    granularity: x.granularity,
    start: x.start,
    end: x.end,
    value: vectorFromArray(x.value, new Float64()),
    qualifier: x.qualifier,
    value_as_written: vectorFromArray(x.value_as_written, new Float64()),
    unit_as_written: x.unit_as_written,
    period_kind: x.period_kind,
    note: x.note,
    source: x.source,
    source_url: x.source_url,
    source_title: x.source_title,
    published: x.published,
    excerpt: x.excerpt,
    reliability: x.reliability,
    sample: vectorFromArray(x.sample, new Bool()),
    file: x.file,
    line: vectorFromArray(x.line, new Int32()),
  });
}
