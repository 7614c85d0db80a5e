// The shapes of the files pages load, sized by what each page draws: the overview gets the targets'
// series, each indicator page its own file (its rows and series), the parks page the recent periods
// of each park series. Pure: both the SQL-fed export and the export over records in memory use them.

import type { Indicator, Registry } from "../registry/types.ts";
import type { Observation, Provenance, Written } from "../model.ts";
import { periodKind, type Granularity } from "../normalise/period.ts";
import { cumulativeSince, type SeriesPoint } from "../status/series.ts";
import { fileAndSheet } from "../model.ts";

/** A point as a chart draws it: a figure's qualifier (约30) and a total's (qualified: the words in it) go with it to its label and tooltip. */
export type Point = { period: string; start: string; end: string; value: number; sample: boolean; parts?: number; qualifier?: string; qualified?: string[] };

export const points = (s: SeriesPoint[]): Point[] =>
  s.map((p) => ({
    period: p.period.key,
    start: p.period.start,
    end: p.period.end,
    value: p.value,
    sample: p.sample,
    ...(p.parts ? { parts: p.parts } : {}),
    ...(p.qualifier ? { qualifier: p.qualifier } : {}),
    ...(p.qualified?.length ? { qualified: p.qualified } : {}),
  }));

const isFlow = (i: Indicator) => i.kind === "count" || i.kind === "amount";

/** The zone's series (as targets judge it: totals since the plan's start for flows). */
export function zoneEntry(indicator: Indicator, zone: SeriesPoint[], registry: Registry) {
  return { zone: points(zone), zoneCumulative: isFlow(indicator) ? points(cumulativeSince(zone, registry.settings.planStart)) : null };
}

/** The periods the parks page offers per park: at each as-of date, the last `keep` periods ended by it (12: a year of months, three of quarters). */
export const parkPeriods = 12;

/** recentPeriods(entities, dates): each entity's points in the periods that are among the last `keep` by some as-of date. */
export function recentPeriods(entities: Record<string, Point[]>, dates: string[], keep = parkPeriods): Record<string, Point[]> {
  const ends = new Map<string, string>();
  for (const list of Object.values(entities)) for (const p of list) ends.set(p.period, p.end);
  const kept = keptPeriods(ends, dates, keep);
  return Object.fromEntries(Object.entries(entities).map(([code, list]) => [code, list.filter((p) => kept.has(p.period))]));
}

/** keptPeriods(ends, dates, keep): of the periods (key → end), those among the last `keep` ended by some date. */
export function keptPeriods(ends: Map<string, string>, dates: string[], keep: number): Set<string> {
  const byEnd = [...ends].sort(([ka, ea], [kb, eb]) => (ea < eb ? -1 : ea > eb ? 1 : ka < kb ? -1 : ka > kb ? 1 : 0));
  const kept = new Set<string>();
  for (const date of dates) for (const [k] of byEnd.filter(([, e]) => e <= date).slice(-keep)) kept.add(k);
  return kept;
}

/** The downloads' provenance columns (model.ts Provenance), after `source`. */
export const provenanceHeader = ["source_url", "source_title", "published", "excerpt", "reliability"];
export const provenanceCells = (p: Provenance | undefined) => [p?.url ?? null, p?.title ?? null, p?.published ?? null, p?.excerpt ?? null, p?.reliability ?? null];

/** The downloads' columns after `qualifier`: the number and unit as written (when a unit was), and whether the figure is a flow or a stock. */
export const writtenHeader = ["value_as_written", "unit_as_written", "period_kind"];
export const writtenCells = (written: Written | undefined, granularity: Granularity) => [written?.value ?? null, written?.unit ?? null, periodKind(granularity)];
/** A page row's written unit and, for a stock, its kind (a flow, the common case, is said by saying nothing). */
export const writtenJson = (written: Written | undefined, granularity: Granularity) =>
  `${written ? `,"written":${JSON.stringify(written)}` : ""}${periodKind(granularity) === "stock" ? ',"kind":"stock"' : ""}`;

/** A row of an indicator page's table: the value with its note, source and origin. */
export const observationRow = (o: Observation) => ({
  entity: o.entity,
  period: o.period.key,
  start: o.period.start,
  end: o.period.end,
  value: o.value,
  qualifier: o.qualifier,
  // The number and unit as written (12000 万元 beside 1.2 亿元), and a stock's kind: the page shows them beside the value.
  ...(o.written && { written: o.written }),
  ...(periodKind(o.period.granularity) === "stock" && { kind: "stock" }),
  note: o.note,
  source: o.source,
  // Where it was published, when its file says: the page shows it beside the value.
  ...(o.provenance && { provenance: o.provenance }),
  sample: o.sample,
  // A workbook's sheet after its name (报送.xlsx[二月]): file and line locate the row as the checker did.
  file: fileAndSheet(o.origin),
  line: o.origin.line,
});

export const observationColumns = ["indicator", "entity", "period", "start", "end", "value", "qualifier", ...writtenHeader, "note", "source", ...provenanceHeader, "sample", "file", "line"];

/** A row of observations.csv. */
export const csvRow = (o: Observation) => [o.indicator, o.entity, o.period.key, o.period.start, o.period.end, o.value, o.qualifier, ...writtenCells(o.written, o.period.granularity), o.note, o.source, ...provenanceCells(o.provenance), o.sample ? "是 yes" : "否 no", fileAndSheet(o.origin), o.origin.line];

/** An indicator's page file, which holds its rows: no indent (a third of the bytes), a final newline. */
export const compactJsonText = (value: unknown) => `${JSON.stringify(value)}\n`;

/**
 * status-latest.json, the overview's first screen: status.json's dates and the as-of date's report
 * alone (≈ 1/20 of its bytes), so the first chart does not wait for every date's report to download
 * and parse; the page reads status.json only when another date is chosen. `report` is null when the
 * as-of date has none (the page then reads status.json).
 */
export function latestStatus<R extends { asOf: string }>(status: { revision: number; asOf: string; sample: boolean; dates: string[]; reports: R[] }) {
  const { revision, asOf, sample, dates, reports } = status;
  return { revision, asOf, sample, dates, report: reports.find((r) => r.asOf === asOf) ?? null };
}

/** A file's text as the export writes JSON: one-space indent, a final newline. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
