// The export from the warehouse: statuses, boards and the briefing from SQL aggregates
// (warehouse/aggregates.ts), the rows only where a file holds them — an indicator's own page file and
// the downloads — read in one ordered pass, one indicator at a time. Each file goes to `sink` as soon as
// it is made, so memory holds one indicator's rows, not the warehouse. Gives what buildExport gives
// from every row in memory (tests/export/sql.test.ts).

import type { DuckDBConnection } from "@duckdb/node-api";
import type { Granularity } from "../normalise/period.ts";
import type { Qualifier } from "../normalise/number.ts";
import type { Observation, Provenance, Reliability } from "../model.ts";
import type { Registry } from "../registry/types.ts";
import { buildBriefing, moverIndicators, previousQuarterEnd } from "../briefing.ts";
import { itemBoard, taskBoard, unitBoard } from "../status/boards.ts";
import { describeTarget } from "../status/explain.ts";
import { statusReport } from "../status/index.ts";
import { datesArePoints, entitySeries, itemShareSeries, stepAside, zoneSeries, type SeriesPoint } from "../status/series.ts";
import { prepareZoneSeries, revisionIn, statusDataFromWarehouse, zoneTails } from "../warehouse/aggregates.ts";
import { query, queryBatches } from "../warehouse/db.ts";
import { counted, readSnapshot, revisionAt, validIn } from "../warehouse/read.ts";
import { changesFromWarehouse } from "./changes.ts";
import { revisionsOf, writeHistory, writeRevisions } from "./history.ts";
import { spreadsheetCsv, spreadsheetRows } from "./csv.ts";
import { freshness } from "./freshness.ts";
import { asOfDates, observationsTable, type ExportInput } from "./index.ts";
import { compactJsonText, csvRow, jsonText, latestStatus, observationColumns, observationRow, parkPeriods, points, recentPeriods, zoneEntry, type Point } from "./layout.ts";
import { parkComparison } from "./parks.ts";
import { samplePages } from "./samplePages.ts";
import { loadedTextIn } from "./loaded.ts";
import { arrowEnd, arrowPart, IndicatorRows, indicatorParts, rowChunks, sqlWritable, type Parts } from "./rows.ts";
import { finderEntries } from "../finder/entries.ts";

/** Where the files go: whole files, and the two downloads in parts. */
export interface ExportSink {
  file(name: string, content: string | Uint8Array): Promise<void>;
  part(name: string, content: string | Uint8Array): Promise<void>;
  /** The last part has been given. */
  end(name: string): Promise<void>;
}

const readOrder = "indicator, entity, period_start, granularity, file, line, col";
const observationFields =
  "indicator, entity, period, granularity, period_start::VARCHAR, period_end::VARCHAR, value::DOUBLE, qualifier, note, source, sample, file, line::INTEGER, col::INTEGER, " +
  "source_url, source_title, published::VARCHAR, excerpt, reliability, written_value::DOUBLE, written_unit, sheet";
const observationSql = `SELECT ${observationFields} FROM observations`;

function observationFrom(x: unknown[]): Observation {
  return {
    indicator: x[0] as string,
    entity: x[1] as string,
    period: { key: x[2] as string, granularity: x[3] as Granularity, start: x[4] as string, end: x[5] as string },
    value: x[6] as number | null,
    qualifier: x[7] as Qualifier | null,
    note: x[8] as string,
    source: x[9] as string,
    sample: x[10] as boolean,
    origin: { file: x[11] as string, line: x[12] as number, column: x[13] as number, ...(x[21] != null && { sheet: x[21] as string }) },
    ...provenanceFrom(x.slice(14, 19) as (string | null)[]),
    ...(x[20] != null && { written: { value: Number(x[19]), unit: x[20] as string } }),
  };
}

/** The provenance columns as read.ts reads them: absent when all are NULL. */
function provenanceFrom([url, title, published, excerpt, reliability]: (string | null)[]): { provenance?: Provenance } {
  const p: Provenance = { url: url ?? null, title: title ?? null, published: published ?? null, excerpt: excerpt ?? null, reliability: (reliability ?? null) as Reliability | null };
  return Object.values(p).some((v) => v !== null) ? { provenance: p } : {};
}

/** exportToSink(c, {registry, asOf, validation}, sink) writes every export file to sink; returns the revision exported. */
export async function exportToSink(c: DuckDBConnection, { registry, asOf, validation }: Pick<ExportInput, "registry" | "asOf" | "validation">, sink: ExportSink): Promise<number> {
  const r = await revisionIn(c);
  const records = await readSnapshot(c, r, { indicators: [] });
  const dates = asOfDates(registry, asOf);
  const json = (name: string, value: unknown) => sink.file(name, jsonText(value));
  const anySample = (await query<{ s: boolean | null }>(c, `SELECT bool_or(sample) AS s FROM observations WHERE ${validIn}`, { r }))[0]!.s === true;
  const sample = anySample || records.itemStatuses.some((s) => s.sample) || records.tasks.some((t) => t.sample);

  await json("registry.json", registry);
  // The finder on every page: names, codes and places of what it can jump to, read once when first used.
  await json("finder.json", finderEntries(registry));

  // Statuses at every as-of date, from the series DuckDB builds.
  await prepareZoneSeries(c, r, registry);
  const data = await statusDataFromWarehouse(c, registry, r, dates);
  const reports = dates.map((date) => statusReport({ registry, data, asOf: date }));
  const status = {
    revision: r,
    asOf,
    sample,
    dates,
    reports: reports.map((report) => ({ asOf: report.asOf, counts: report.counts, targets: report.targets.map((t) => ({ ...t, ...describeTarget(t, registry) })), trends: report.trends })),
  };
  // Without indent (≈ 70 % of the bytes): every page but the overview downloads and parses it first.
  await sink.file("status.json", compactJsonText(status));
  await sink.file("status-latest.json", compactJsonText(latestStatus(status)));
  const zoneOf = (i: Registry["indicators"][number]) => (i.derivedFrom === "reform_items" ? itemShareSeries(registry, records.itemStatuses) : data.zone(i.id));
  const zone = Object.fromEntries(registry.indicators.filter((i) => i.targets.length).map((i) => [i.id, zoneEntry(i, zoneOf(i), registry)]));
  await json("series-targets.json", zone);
  const revised = await writeHistory(c, (text) => sink.part("history.json", text));
  await sink.end("history.json");
  // The rows pass reads the indicators' whole zone series from zone_points: before anything prepares it again.
  await rowsByIndicator(c, r, registry, dates, revised, itemShareSeries(registry, records.itemStatuses), sink);
  const recent = await zoneTails(c, moverIndicators(registry).map((i) => i.id), asOf);

  const parkRows = await latestParkRows(c, registry, r, dates);
  const parkBoards = dates.map((date) => ({ asOf: date, indicators: parkComparison(registry, parkRows.get(date) ?? [], date) }));
  await json("parks.json", { dates, boards: parkBoards });

  const items = dates.map((date) => ({ asOf: date, rows: itemBoard(registry, records.itemStatuses, date) }));
  await json("items.json", { asOf, dates, boards: items.map((b) => ({ asOf: b.asOf, rows: b.asOf === asOf ? b.rows : b.rows.map(({ history: _h, ...rest }) => rest) })) });
  const tasks = dates.map((date) => ({ asOf: date, rows: taskBoard(records.tasks, records.taskStatuses, date) }));
  await json("tasks.json", { asOf, dates, boards: tasks });
  await json("units.json", { asOf, dates, boards: dates.map((date, i) => ({ asOf: date, rows: unitBoard(registry, items[i]!.rows, tasks[i]!.rows) })) });

  const fresh = freshness(registry, { observations: await latestPerEntity(c, r, asOf) }, asOf);
  await json("freshness.json", fresh);

  const previousDate = previousQuarterEnd(asOf);
  const previousRevision = await revisionAt(c, previousDate);
  const basis = previousRevision > 0 ? "revisions" : "periods";
  const changes = await changesFromWarehouse(c, registry, { revision: basis === "revisions" ? previousRevision : r, asOf: previousDate }, { revision: r, asOf });
  const current = dates.indexOf(asOf);
  const briefing = buildBriefing({
    registry,
    report: reports[current]!,
    items: items[current]!.rows,
    tasks: tasks[current]!.rows,
    units: unitBoard(registry, items[current]!.rows, tasks[current]!.rows),
    freshness: fresh,
    recent,
    changes,
    previous: previousDate,
    basis,
  });
  await json("briefing.json", briefing);
  // Indicators whose counted rows (after sample rows stepped aside) include sample ones.
  const countedSample = new Set((await query<{ indicator: string }>(c, `SELECT DISTINCT indicator FROM observations WHERE ${validIn} AND ${counted} AND sample`, { r })).map((x) => x.indicator));
  await json(
    "sample.json",
    samplePages({ registry, countedSample, targets: reports.map((x) => x.targets), zone, parks: parkBoards, items, tasks, freshness: fresh, briefing: briefing.sample }),
  );
  await json("revisions.json", { revision: r, revisions: records.revisions, files: records.files });
  // What the analysts' checker checks new files against: fetched only when files are checked.
  await loadedTextIn(c, r, (text) => sink.part("loaded.json", text));
  await sink.end("loaded.json");
  await json("validation.json", validation);
  return r;
}

/** At each date, per park indicator: the parks' rows in the latest period any park reported by then. */
async function latestParkRows(c: DuckDBConnection, registry: Registry, r: number, dates: string[]): Promise<Map<string, Observation[]>> {
  const parks = registry.entities.filter((e) => e.type === "park").map((e) => e.code);
  const indicators = registry.indicators.filter((i) => i.level === "park").map((i) => i.id);
  // p is read three times: DuckDB would materialize it (every park row held, ~130 MB at 1 M rows); scanning again is cheaper.
  const sql = `WITH p AS NOT MATERIALIZED (SELECT * FROM observations WHERE ${validIn} AND ${counted} AND list_contains(string_split($ind, '|'), indicator) AND list_contains(string_split($parks, '|'), entity)),
     d AS (SELECT unnest(string_split($dates, '|'))::DATE AS at),
     -- Per date, each indicator's last period end by then, from the distinct ends (a hash aggregate)…
     ends AS (SELECT DISTINCT indicator, period_end FROM p),
     last AS (SELECT d.at, e.indicator, max(e.period_end) AS period_end FROM d JOIN ends e ON e.period_end <= d.at GROUP BY ALL),
     -- …and at that end, the period of the first row read: the one parkComparison's "latest" lands on.
     firsts AS (SELECT indicator, period_end, arg_min(period, (entity, period_start, granularity, file, line, col)) AS period FROM p SEMI JOIN last USING (indicator, period_end) GROUP BY ALL),
     latest AS (SELECT l.at, l.indicator, f.period FROM last l JOIN firsts f USING (indicator, period_end))
     SELECT p.indicator, p.entity, p.period, p.granularity, p.period_start::VARCHAR, p.period_end::VARCHAR, p.value::DOUBLE, p.qualifier, p.note, p.source, p.sample, p.file, p.line::INTEGER, p.col::INTEGER, l.at::VARCHAR
     FROM latest l JOIN p ON p.indicator = l.indicator AND p.period = l.period ORDER BY l.at, p.${readOrder.replaceAll(", ", ", p.")}`;
  const out = new Map<string, Observation[]>();
  for await (const batch of queryBatches(c, sql, { r, ind: indicators.join("|"), parks: parks.join("|"), dates: dates.join("|") })) {
    for (const row of batch) {
      const at = row[14] as string;
      // Pushed, not spread into a new array per row: that copied every date's rows once per row.
      let list = out.get(at);
      if (!list) out.set(at, (list = []));
      list.push(observationFrom(row));
    }
  }
  return out;
}

/** Each entity's latest row with a value ended by asOf, per indicator: all that freshness reads. */
async function latestPerEntity(c: DuckDBConnection, r: number, asOf: string): Promise<Observation[]> {
  const out: Observation[] = [];
  // The latest end per entity first (a hash aggregate), then the first row read among the few at that end:
  // a window over every row sorted the whole warehouse.
  // o is read twice: not materialized (that held every row), scanned again. It carries the keys alone and the
  // chosen rows are then read whole by rowid: carried whole, every row's columns went through the joins
  // (1 M rows: +260 MB and 2.1 CPU-s for this query, against +25 MB and 0.3).
  const sql = `WITH o AS NOT MATERIALIZED (SELECT rowid AS id, indicator, entity, period_start, period_end, granularity, file, line, col FROM observations WHERE ${validIn} AND ${counted} AND period_end <= $asOf::DATE),
      m AS (SELECT indicator, entity, max(period_end) AS period_end FROM o GROUP BY ALL),
      ends AS (SELECT o.* FROM o SEMI JOIN m USING (indicator, entity, period_end)),
      first AS (SELECT id FROM ends QUALIFY row_number() OVER (PARTITION BY indicator, entity ORDER BY period_start, granularity, file, line, col) = 1)
    SELECT ${observationFields} FROM observations WHERE rowid IN (SELECT id FROM first) ORDER BY ${readOrder}`;
  for await (const batch of queryBatches(c, sql, { r, asOf })) for (const row of batch) out.push(observationFrom(row));
  return out;
}

/**
 * Each indicator in turn, as the rows are ordered: its page file (its rows, revisions and series), its
 * recent park series, and its part of the two downloads, assembled as bytes from the rows' parts and
 * numbers (rows.ts); an indicator holding a row the assembly cannot write (sqlWritable) is read into memory
 * and written as buildExport writes it. Revisions are streamed from SQL (history.ts).
 */
async function rowsByIndicator(
  c: DuckDBConnection,
  r: number,
  registry: Registry,
  dates: string[],
  revised: Set<string>,
  itemShare: ReturnType<typeof itemShareSeries>,
  sink: ExportSink,
): Promise<void> {
  const known = new Map(registry.indicators.map((i) => [i.id, i]));
  const parkSeries: Record<string, { entities: Record<string, Point[]> }> = {};
  const done = new Set<string>();
  let first = true;
  const zoneOf = async (indicator: Registry["indicators"][number], rows: Observation[] | null) =>
    indicator.derivedFrom === "reform_items" ? itemShare : rows ? zoneSeries(indicator, rows, registry) : await zoneDrawn(c, indicator.id);

  // In JavaScript: every row of the indicator in memory, as buildExport writes them.
  const inMemory = async (id: string, rows: Observation[]) => {
    await sink.part("observations.csv", Buffer.from(first ? spreadsheetCsv(observationColumns, rows.map(csvRow)) : `\r\n${spreadsheetRows(rows.map(csvRow))}`));
    await sink.part("observations.arrow", arrowPart(observationsTable(rows), first));
    first = false;
    const indicator = known.get(id);
    if (indicator) await indicatorFile(indicator, rows);
  };
  const indicatorFile = async (indicator: Registry["indicators"][number], rows: Observation[]) => {
    done.add(indicator.id);
    const drawn = stepAside(rows); // the indicator's rows: sample ones step aside if it has real ones
    const entities = Object.fromEntries([...new Set(rows.map((o) => o.entity))].sort().map((code) => [code, points(entitySeries(indicator.id, code, drawn, indicator.kind))]));
    if (indicator.level === "park") parkSeries[indicator.id] = { entities: recentPeriods(entities, dates) };
    const zone = await zoneOf(indicator, rows);
    await sink.file(
      `indicators/${indicator.id}.json`,
      compactJsonText({ indicator: indicator.id, observations: rows.map(observationRow), revisions: revised.has(indicator.id) ? await revisionsOf(c, indicator.id) : [], series: { ...zoneEntry(indicator, zone, registry), entities } }),
    );
  };
  // Byte by byte: each row's part joined in SQL, what varies written by JavaScript, streamed.
  const withSql = async (id: string, parts: Parts) => {
    const indicator = known.get(id);
    const file = `indicators/${id}.json`;
    if (indicator) await sink.part(file, `{"indicator":${JSON.stringify(id)},"observations":[`);
    const firstPart = first;
    let firstRow = true;
    const columns = new IndicatorRows(id, parts, datesArePoints(indicator?.kind));
    const flush = async () => {
      const text = columns.take();
      if (!text) return;
      await sink.part("observations.csv", first ? csvHeader : "\r\n");
      await sink.part("observations.csv", text.csv);
      first = false;
      if (indicator && !firstRow) await sink.part(file, ",");
      if (indicator) await sink.part(file, text.json);
      firstRow = false;
    };
    // Given on in pieces of a megabyte or so: a write per chunk of rows (2,048) cost a second of writes and garbage at 1 M rows.
    for await (const chunk of rowChunks(c, r, id, parts)) {
      columns.add(chunk);
      if (columns.pendingBytes >= 1 << 20) await flush();
    }
    await flush();
    await sink.part("observations.arrow", arrowPart(columns.table(), firstPart));
    if (!indicator) return;
    done.add(id);
    if (indicator.level === "park") parkSeries[id] = { entities: recentPeriods(columns.recent(dates, parkPeriods), dates) };
    const series = JSON.stringify(zoneEntry(indicator, await zoneOf(indicator, null), registry)).slice(0, -1);
    await sink.part(file, `],"revisions":`);
    if (revised.has(id)) await writeRevisions(c, id, (text) => sink.part(file, text));
    else await sink.part(file, "[]");
    await sink.part(file, `,"series":${series},"entities":{`);
    await sink.part(file, columns.entities().bytes);
    await sink.part(file, "}}}\n");
    await sink.end(file);
  };

  // papaparse ends a header with no rows after it with CRLF: the header line, ready for the first rows.
  const csvHeader = spreadsheetCsv(observationColumns, []);
  const ids = await query<{ indicator: string }>(c, `SELECT DISTINCT indicator FROM observations WHERE ${validIn} ORDER BY indicator`, { r });
  const writable = await sqlWritable(c, r);
  for (const { indicator: id } of ids) {
    const parts = writable.has(id) ? await indicatorParts(c, r, id) : null;
    if (parts) await withSql(id, parts);
    else await inMemory(id, await indicatorRows(c, r, id));
  }
  if (first) await sink.part("observations.csv", Buffer.from(spreadsheetCsv(observationColumns, [])));
  if (first) await sink.part("observations.arrow", arrowPart(observationsTable([]), true));
  await sink.part("observations.arrow", arrowEnd);
  await sink.end("observations.csv");
  await sink.end("observations.arrow");
  for (const indicator of registry.indicators) if (!done.has(indicator.id)) await indicatorFile(indicator, []);
  await sink.file("series-parks.json", jsonText(Object.fromEntries(registry.indicators.filter((i) => i.level === "park").map((i) => [i.id, parkSeries[i.id]!]))));
}

/** One indicator's rows valid in r, in read order, as records. */
async function indicatorRows(c: DuckDBConnection, r: number, id: string): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const batch of queryBatches(c, `${observationSql} WHERE ${validIn} AND indicator = $id ORDER BY ${readOrder}`, { r, id })) for (const row of batch) out.push(observationFrom(row));
  return out;
}

/**
 * An indicator's zone series from zone_points with what its page file draws of each point (zoneEntry:
 * period, dates, value, flag, parts, qualifiers): the rows behind a point are not drawn, so they are
 * not read (converting every point's origins cost a second at 1 M rows).
 */
async function zoneDrawn(c: DuckDBConnection, id: string): Promise<SeriesPoint[]> {
  const out: SeriesPoint[] = [];
  const sql = "SELECT period, granularity, period_start::VARCHAR, period_end::VARCHAR, value::DOUBLE, sample, parts::INTEGER, qualifier, to_json(qualified)::VARCHAR FROM zone_points WHERE indicator = $id ORDER BY ord";
  for await (const batch of queryBatches(c, sql, { id })) {
    type Row = [string, Granularity, string, string, number, boolean, number | null, string | null, string | null];
    for (const [key, granularity, start, end, value, sample, parts, qualifier, words] of batch as Row[]) {
      // A total's qualifiers as a JSON list (a list value would come as a DuckDB object, not an array); only totals have one.
      const qualified = words === null ? [] : (JSON.parse(words) as string[]);
      out.push({ period: { key, granularity, start, end }, value, qualifier, sample, origins: [], ...(parts ? { parts } : {}), ...(qualified.length ? { qualified } : {}) });
    }
  }
  return out;
}
