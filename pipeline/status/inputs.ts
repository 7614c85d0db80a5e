// What the status engine reads: series already built (a point per period, park sums done), the
// yearly figures a trend compares, the values reported for one period. The warehouse computes them
// in SQL (warehouse/aggregates.ts); statusData(…) below builds the same from records in memory — the
// small cases (tests, the in-browser path) and the oracle the SQL path is tested against.

import type { ItemStatus, Observation } from "../model.ts";
import type { Indicator, Registry } from "../registry/types.ts";
import { counts, entitySeries, latestBy, roundSum, stepAside, zoneSeries, type SeriesPoint } from "./series.ts";

/** One calendar year of a zone series: the flow's total or the stock's last value, and the span it covers. */
export interface YearTotal {
  year: string;
  value: number;
  first: string; // start of the year's first period
  last: string; // end of its last period
  sample: boolean;
}

export interface PeriodValue {
  entity: string;
  value: number;
  sample: boolean;
}

export interface StatusData {
  itemStatuses: ItemStatus[];
  /** zoneSeries: the zone's own points, else the parks' sums (see status/series.ts). */
  zone(indicator: string): SeriesPoint[];
  /** entitySeries: an entity's own points at its finest granularity. */
  entity(indicator: string, entity: string): SeriesPoint[];
  /** Every value reported for one period (any entity): what a rank is read among. */
  inPeriod(indicator: string, period: string): PeriodValue[];
  /** The zone series by calendar year (of each period's end). */
  years(indicator: string): YearTotal[];
  /** The zone series' last point ended by `asOf`. */
  latestZone(indicator: string, asOf: string): SeriesPoint | undefined;
}

const isFlow = (i: Indicator) => i.kind === "count" || i.kind === "amount";

/** yearTotals(indicator, series): flows summed per year, stocks at their last value. */
export function yearTotals(indicator: Indicator, series: SeriesPoint[]): YearTotal[] {
  const years = new Map<string, YearTotal>();
  for (const p of series) {
    const year = p.period.end.slice(0, 4);
    const prev = years.get(year);
    years.set(year, {
      year,
      value: isFlow(indicator) ? roundSum([prev?.value ?? 0, p.value]) : p.value,
      first: prev?.first ?? p.period.start,
      last: p.period.end,
      sample: (prev?.sample ?? false) || p.sample,
    });
  }
  return [...years.values()];
}

/** statusData(registry, observations, itemStatuses): the engine's inputs from records in memory, built once per indicator. */
export function statusData(registry: Registry, observations: Observation[], itemStatuses: ItemStatus[]): StatusData {
  const byIndicator = new Map<string, Observation[]>();
  for (const o of stepAside(observations)) {
    let list = byIndicator.get(o.indicator);
    if (!list) byIndicator.set(o.indicator, (list = []));
    list.push(o);
  }
  const rows = (id: string) => byIndicator.get(id) ?? [];
  const memo = <T>(f: (id: string) => T) => {
    const cache = new Map<string, T>();
    return (id: string) => {
      if (!cache.has(id)) cache.set(id, f(id));
      return cache.get(id)!;
    };
  };
  const indicator = (id: string) => registry.indicators.find((i) => i.id === id)!;
  const kindOf = (id: string) => registry.indicators.find((i) => i.id === id)?.kind;
  const zone = memo((id) => zoneSeries(indicator(id), rows(id), registry));
  const years = memo((id) => yearTotals(indicator(id), zone(id)));
  return {
    itemStatuses,
    zone,
    entity: (id, entity) => entitySeries(id, entity, rows(id), kindOf(id)),
    inPeriod: (id, period) => rows(id).filter((o) => o.period.key === period && counts(o)).map((o) => ({ entity: o.entity, value: o.value!, sample: o.sample })),
    years,
    latestZone: (id, asOf) => latestBy(zone(id), asOf),
  };
}
