// The status engine's inputs, computed where the data lives: DuckDB builds each indicator's zone
// series (a point per period, the parks' sums done), the yearly figures a trend compares, the latest
// point at each as-of date; JavaScript receives those, never every row. The same meaning as
// status/series.ts and status/inputs.ts over records in memory — tests/export/sql.test.ts proves it.
// Sums are exact (DECIMAL, 9 decimals, as roundSum rounds), so results never differ in the last digit.

import type { DuckDBConnection } from "@duckdb/node-api";
import type { Granularity } from "../normalise/period.ts";
import type { Qualifier } from "../normalise/number.ts";
import type { ItemStatus, ItemStatusCode, Origin } from "../model.ts";
import type { Registry } from "../registry/types.ts";
import type { PeriodValue, StatusData, YearTotal } from "../status/inputs.ts";
import { datesArePoints, type SeriesPoint } from "../status/series.ts";
import { statusReport, trendIndicators, type StatusReport } from "../status/index.ts";
import { query } from "./db.ts";
import { withCurrentWarehouse } from "./schema.ts";
import { memoryLimit } from "./ingest.ts";
import { counted, currentRevision, validIn } from "./read.ts";

/**
 * Granularities from finest: the finest one an entity reports is its series (status/series.ts). A single
 * date last, and only for the indicators ($datePoints) whose figures are stocks (series.ts datesArePoints).
 */
const fineness = "CASE granularity WHEN 'day' THEN CASE WHEN list_contains(string_split($datePoints, '|'), indicator) THEN 5 END WHEN 'month' THEN 1 WHEN 'quarter' THEN 2 WHEN 'half' THEN 3 WHEN 'year' THEN 4 END";
/** Exact sums: as roundSum does, to 9 decimals. */
const exact = (x: string) => `${x}::DECIMAL(38,9)`;
/** Ids are [a-z0-9_]: a list travels as one parameter, joined with "|". */
const inList = (column: string, param: string) => `list_contains(string_split($${param}, '|'), ${column})`;
const joined = (ids: string[]) => ids.join("|");
/** The $datePoints parameter: the indicators a figure at a single date is a point of. */
const datePointsOf = (registry: Registry) => joined(registry.indicators.filter((i) => datesArePoints(i.kind)).map((i) => i.id));

/** Periods ended by the cut, when there is one ($cut: a date or null): the data as it read on that day. */
const byCut = "($cut IS NULL OR period_end <= $cut::DATE)";
/** The observations a series can use: valid in r, with a value, at a granularity a series knows, ended by the cut. */
const usable = `SELECT indicator, entity, period, granularity, ${fineness} AS fine, period_start, period_end, value, qualifier, sample, file, line, col, sheet
  FROM observations WHERE ${validIn} AND ${counted} AND ${fineness} IS NOT NULL AND ${byCut}`;

/**
 * prepareZoneSeries(c, r, registry, cut) makes the temporary table zone_points: every indicator's zone
 * series in revision r (periods ended by the cut, if any); a park sum lists the rows behind it (origins)
 * only for indicators with targets, whose actual shows them; each point numbered (ord) in the order status/series.ts sorts them — by the
 * period's end; the zone's own figures before the parks' sums; then as the rows were read.
 */
export async function prepareZoneSeries(c: DuckDBConnection, r: number, registry: Registry, cut: string | null = null): Promise<void> {
  const summed = registry.indicators.filter((i) => i.level === "park" && i.aggregation === "sum").map((i) => i.id);
  // Only a target's actual shows the rows behind it: a sum's origins are listed for targets' indicators alone.
  const traced = registry.indicators.filter((i) => i.targets.length).map((i) => i.id);
  // The parks' rows only: an indicator may also hold the district's or the city's figures (levels), never part of the zone's sum.
  const params = { r, cut, datePoints: datePointsOf(registry), zone: registry.selfZone, summed: joined(summed), parkCodes: joined(registry.entities.filter((e) => e.type === "park").map((e) => e.code)) };
  // First the finest granularity of the zone's own rows and of the parks' rows, per indicator (a few
  // rows): the series then take only rows at it, a filter rather than a join over every row.
  const finest = await query<{ indicator: string; own: boolean; fine: number }>(
    c,
    `SELECT indicator, entity = $zone AS own, min(fine)::INTEGER AS fine FROM (${usable}) WHERE entity = $zone OR (${inList("indicator", "summed")} AND ${inList("entity", "parkCodes")}) GROUP BY ALL`,
    params,
  );
  const at = (own: boolean) => joined(finest.filter((f) => f.own === own).map((f) => `${f.indicator}:${f.fine}`));
  await c.run(
    `CREATE OR REPLACE TEMP TABLE zone_points AS
     WITH own AS NOT MATERIALIZED (${usable} AND entity = $zone AND ${inList("indicator || ':' || fine", "ownAt")}),
     parks AS NOT MATERIALIZED (${usable} AND ${inList("entity", "parkCodes")} AND ${inList("indicator", "summed")} AND ${inList("indicator || ':' || fine", "parksAt")}),
     sums AS (
       SELECT p.indicator, p.period, p.granularity, p.period_start, p.period_end,
         ${exact("sum(" + exact("p.value") + ")")}::DOUBLE AS value,
         CASE WHEN count(*) = 1 THEN any_value(p.qualifier) END AS qualifier,
         CASE WHEN count(*) > 1 THEN list_sort(list_distinct(list(p.qualifier))) END AS qualified,
         bool_or(p.sample) AS sample,
         count(*)::INTEGER AS parts, p.period AS k1
       FROM parks p ANTI JOIN own ON own.indicator = p.indicator AND own.period = p.period
       GROUP BY p.indicator, p.period, p.granularity, p.period_start, p.period_end),
     traced AS (
       SELECT indicator, period, list({'file': file, 'line': line, 'column': col, 'sheet': sheet} ORDER BY entity, period_start, granularity, file, line, col) AS origins
       FROM parks WHERE ${inList("indicator", "traced")} GROUP BY indicator, period),
     points AS (
       SELECT indicator, period, granularity, period_start, period_end, ${exact("value")}::DOUBLE AS value, qualifier, NULL::VARCHAR[] AS qualified, sample,
         [{'file': file, 'line': line, 'column': col, 'sheet': sheet}] AS origins, NULL::INTEGER AS parts, 0 AS src, file AS k1, line AS k2, col AS k3
       FROM own
       UNION ALL
       SELECT indicator, period, granularity, period_start, period_end, value, qualifier, qualified, sample, coalesce(t.origins, []), parts, 1, k1, 0, 0
       FROM sums LEFT JOIN traced t USING (indicator, period))
     SELECT *, row_number() OVER (PARTITION BY indicator ORDER BY period_end, src, period_start, k1, k2, k3)::INTEGER AS ord FROM points`,
    { ...params, traced: joined(traced), ownAt: at(true), parksAt: at(false) },
  );
}

/** The columns of a point, as pointFrom reads them. */
/** A row's place as SQL gives it (sheet NULL for a CSV file) → an Origin, which has a sheet only in a workbook. */
type StoredOrigin = { file: string; line: number; column: number; sheet: string | null };
const originOf = ({ sheet, ...o }: StoredOrigin): Origin => (sheet === null ? o : { ...o, sheet });

const pointColumns = "period, granularity, period_start::VARCHAR AS ps, period_end::VARCHAR AS pe, value, qualifier, qualified, sample, origins, parts";

type PointRow = { period: string; granularity: string; ps: string; pe: string; value: number; qualifier: string | null; qualified: string[] | null; sample: boolean; origins: StoredOrigin[]; parts: number | null };

function pointFrom(x: PointRow): SeriesPoint {
  return {
    period: { key: x.period, granularity: x.granularity as Granularity, start: x.ps, end: x.pe },
    value: x.value,
    qualifier: x.qualifier as Qualifier | null,
    sample: x.sample,
    origins: x.origins.map(originOf),
    ...(x.parts ? { parts: x.parts } : {}),
    ...(x.qualified?.length ? { qualified: x.qualified } : {}),
  };
}

const groupBy = <T, K>(rows: T[], key: (t: T) => K): Map<K, T[]> => {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(row);
  }
  return out;
};

/** Whole zone series of some indicators (from zone_points), in order. */
export async function zoneSeriesOf(c: DuckDBConnection, indicators: string[]): Promise<Map<string, SeriesPoint[]>> {
  const rows = await query<PointRow & { indicator: string }>(c, `SELECT indicator, ${pointColumns} FROM zone_points WHERE ${inList("indicator", "ind")} ORDER BY indicator, ord`, { ind: joined(indicators) });
  return new Map([...groupBy(rows, (x) => x.indicator)].map(([k, v]) => [k, v.map(pointFrom)]));
}

/** Each indicator's last two zone points ended by asOf (what the briefing's movers compare). */
export async function zoneTails(c: DuckDBConnection, indicators: string[], asOf: string): Promise<Map<string, SeriesPoint[]>> {
  const rows = await query<PointRow & { indicator: string }>(
    c,
    `SELECT indicator, ${pointColumns} FROM zone_points WHERE ${inList("indicator", "ind")} AND period_end <= $asOf::DATE
     QUALIFY ord > max(ord) OVER (PARTITION BY indicator) - 2 ORDER BY indicator, ord`,
    { ind: joined(indicators), asOf },
  );
  const tails = groupBy(rows, (x) => x.indicator);
  return new Map(indicators.map((id) => [id, (tails.get(id) ?? []).map(pointFrom)]));
}

/** Entities' own series (entitySeries) for "indicator/entity" pairs, in revision r. */
export async function entitySeriesOf(c: DuckDBConnection, r: number, registry: Registry, pairs: string[], cut: string | null = null): Promise<Map<string, SeriesPoint[]>> {
  const rows = await query<PointRow & { pair: string }>(
    c,
    `WITH o AS (${usable}), e AS (SELECT * FROM o WHERE ${inList("indicator || '/' || entity", "pairs")} QUALIFY fine = min(fine) OVER (PARTITION BY indicator, entity))
     SELECT indicator || '/' || entity AS pair, period, granularity, period_start::VARCHAR AS ps, period_end::VARCHAR AS pe, ${exact("value")}::DOUBLE AS value, qualifier, sample,
       [{'file': file, 'line': line, 'column': col, 'sheet': sheet}] AS origins, NULL AS parts
     FROM e ORDER BY indicator, entity, period_end, period_start, file, line, col`,
    { r, cut, datePoints: datePointsOf(registry), pairs: joined(pairs) },
  );
  return new Map([...groupBy(rows, (x) => x.pair)].map(([k, v]) => [k, v.map(pointFrom)]));
}

/** Per indicator and calendar year of the zone series: total (flows) or last value (stocks). */
export async function yearTotalsOf(c: DuckDBConnection, registry: Registry, indicators: string[]): Promise<Map<string, YearTotal[]>> {
  const flows = registry.indicators.filter((i) => i.kind === "count" || i.kind === "amount").map((i) => i.id);
  const rows = await query<YearTotal & { indicator: string }>(
    c,
    `SELECT indicator, strftime(period_end, '%Y') AS year,
       CASE WHEN ${inList("indicator", "flows")} THEN ${exact("sum(" + exact("value") + ")")}::DOUBLE ELSE arg_max(value, ord) END AS value,
       arg_min(period_start, ord)::VARCHAR AS first, max(period_end)::VARCHAR AS last, bool_or(sample) AS sample
     FROM zone_points WHERE ${inList("indicator", "ind")} GROUP BY indicator, year ORDER BY indicator, year`,
    { ind: joined(indicators), flows: joined(flows) },
  );
  return new Map([...groupBy(rows, (x) => x.indicator)].map(([k, v]) => [k, v.map(({ indicator: _i, ...y }) => y)]));
}

/** The last zone point ended by each date, per indicator: key "indicator@date". */
export async function latestZoneAt(c: DuckDBConnection, indicators: string[], dates: string[]): Promise<Map<string, SeriesPoint>> {
  const rows = await query<{ key: string; p: PointRow }>(
    c,
    `WITH d AS (SELECT unnest(string_split($dates, '|'))::DATE AS at)
     SELECT z.indicator || '@' || d.at::VARCHAR AS key,
       arg_max({'period': period, 'granularity': granularity, 'ps': period_start::VARCHAR, 'pe': period_end::VARCHAR, 'value': value, 'qualifier': qualifier, 'sample': sample, 'origins': origins, 'parts': parts}, ord) AS p
     FROM zone_points z JOIN d ON z.period_end <= d.at WHERE ${inList("z.indicator", "ind")} GROUP BY z.indicator, d.at`,
    { ind: joined(indicators), dates: joined(dates) },
  );
  return new Map(rows.map((x) => [x.key, pointFrom(x.p)]));
}

/** Every value reported for the indicators' periods (any entity), in the order the rows were read. */
async function periodValuesOf(c: DuckDBConnection, r: number, indicators: string[], cut: string | null): Promise<Map<string, PeriodValue[]>> {
  const rows = await query<PeriodValue & { key: string }>(
    c,
    `SELECT indicator || '@' || period AS key, entity, value, sample FROM observations
     WHERE ${validIn} AND ${counted} AND ${byCut} AND ${inList("indicator", "ind")} ORDER BY indicator, entity, period_start, granularity, file, line, col`,
    { r, cut, ind: joined(indicators) },
  );
  return new Map([...groupBy(rows, (x) => x.key)].map(([k, v]) => [k, v.map(({ key: _k, ...p }) => p)]));
}

/** The reform items' statuses valid in revision r, dated by the cut when there is one. */
export async function itemStatusesIn(c: DuckDBConnection, r: number, cut: string | null = null): Promise<ItemStatus[]> {
  const rows = await query<any>(
    c,
    `SELECT item, date::VARCHAR AS date, status, evidence, note, source, sample, file, line, col, sheet FROM item_statuses WHERE ${validIn} AND ($cut IS NULL OR date <= $cut::DATE) ORDER BY item, date, file, line`,
    { r, cut },
  );
  return rows.map((x) => ({ item: x.item, date: x.date, status: x.status as ItemStatusCode, evidence: x.evidence, note: x.note, source: x.source, sample: x.sample, origin: originOf({ file: x.file, line: x.line, column: x.col, sheet: x.sheet }) }));
}

/**
 * statusDataFromWarehouse(c, registry, r, dates) is what the engine needs to judge every target and
 * label every trend at each of `dates`, from revision r: the targets' zone series, the entities
 * milestones and ranks are read on, the yearly figures and latest points of the indicators with no
 * target. Needs prepareZoneSeries(c, r, registry, cut) first, with the same cut (null: none); everything
 * is read at once, so the next prepareZoneSeries does not change it. Asking it for anything else is a bug: it throws.
 */
export async function statusDataFromWarehouse(c: DuckDBConnection, registry: Registry, r: number, dates: string[], cut: string | null = null): Promise<StatusData> {
  const judged = registry.indicators.filter((i) => i.targets.length);
  const ranks = judged.filter((i) => i.targets.some((t) => t.comparator === "rank_at_most")).map((i) => i.id);
  const pairs = [
    ...ranks.flatMap((id) => [`${id}/${registry.selfZone}`, `${id}_rank/${registry.selfZone}`]),
    ...registry.entities.filter((e) => e.type === "milestone").flatMap((e) => judged.filter((i) => i.targets.some((t) => t.id === e.attrs.target)).map((i) => `${i.id}/${e.code}`)),
  ];
  const trend = trendIndicators(registry);
  const zones = await zoneSeriesOf(c, judged.map((i) => i.id));
  const entities = await entitySeriesOf(c, r, registry, pairs, cut);
  const periods = await periodValuesOf(c, r, ranks, cut);
  const years = await yearTotalsOf(c, registry, trend);
  const latest = await latestZoneAt(c, trend, dates);
  const known = <T>(map: Map<string, T>, key: string, what: string, fallback: T): T => {
    if (map.has(key)) return map.get(key)!;
    if (!asked(what, key)) throw new Error(`statusDataFromWarehouse: ${what} ${key} was not prepared`);
    return fallback;
  };
  // What was prepared: an absent key is then an empty series, not a question nobody asked SQL.
  const asked = (what: string, key: string) =>
    what === "zone" ? judged.some((i) => i.id === key)
    : what === "entity" ? pairs.includes(key)
    : what === "period" ? ranks.includes(key.split("@")[0]!)
    : what === "years" ? trend.includes(key)
    : dates.includes(key.split("@")[1]!) && trend.includes(key.split("@")[0]!);
  return {
    itemStatuses: await itemStatusesIn(c, r, cut),
    zone: (id) => known(zones, id, "zone", []),
    entity: (id, entity) => known(entities, `${id}/${entity}`, "entity", []),
    inPeriod: (id, period) => known(periods, `${id}@${period}`, "period", []),
    years: (id) => known(years, id, "years", []),
    latestZone: (id, asOf) => known<SeriesPoint | undefined>(latest, `${id}@${asOf}`, "latest", undefined),
  };
}

/**
 * statusFromWarehouse({db, registry, asOf, revision}) is what `ftz status` shows: every target's
 * status and every trend at `asOf`, from the warehouse in revision `revision` (default: the latest),
 * computed from SQL aggregates — the same StatusReport computeStatus gives from every row.
 */
export async function statusFromWarehouse({ db, registry, asOf, revision }: { db: string; registry: Registry; asOf: string; revision?: number }): Promise<{ revision: number; report: StatusReport }> {
  return withCurrentWarehouse(
    db,
    async (c) => {
      await limitMemory(c);
      const r = await revisionIn(c, revision);
      await prepareZoneSeries(c, r, registry);
      const data = await statusDataFromWarehouse(c, registry, r, [asOf]);
      return { revision: r, report: statusReport({ registry, data, asOf }) };
    },
    { waitMs: 5000 },
  );
}

/** DuckDB works within FTZ_MEMORY_LIMIT (256 MB unless set), as ingest does; row order is always asked for. */
export async function limitMemory(c: DuckDBConnection): Promise<void> {
  await c.run(`SET memory_limit = '${memoryLimit()}'`);
  await c.run("SET preserve_insertion_order = false");
}

/** The revision asked for, checked; the latest when none is. */
export async function revisionIn(c: DuckDBConnection, revision?: number): Promise<number> {
  const latest = await currentRevision(c);
  const r = revision ?? latest;
  if (r < 0 || r > latest) throw new Error(`没有第 ${r} 版 / there is no revision ${r} (latest is ${latest})`);
  return r;
}
