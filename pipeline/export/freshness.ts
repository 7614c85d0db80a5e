// How fresh each indicator's data is, and who has not reported the latest period: the analysts'
// "who still owes us figures" list.

import type { Registry } from "../registry/types.ts";
import type { Observation } from "../model.ts";
import { daysBetween } from "../status/dates.ts";
import { counts } from "../status/series.ts";
import { fileAndSheet } from "../model.ts";

export interface Freshness {
  indicator: string;
  latestPeriod: string | null; // the latest period anyone reported (by its end)
  latestEnd: string | null;
  ageDays: number | null; // from that period's end to the as-of date
  entities: { entity: string; latestPeriod: string; latestEnd: string; file: string; line: number; sample: boolean }[];
  /** Entities expected to report (parks, peers, milestone parts) that lack the latest period. */
  missing: string[];
}

/** freshness(registry, {observations}, asOf): from every row, or from each entity's latest row alone (the same answer). */
export function freshness(registry: Registry, snapshot: { observations: Observation[] }, asOf: string): Freshness[] {
  return registry.indicators.map((indicator) => {
    const rows = snapshot.observations.filter((o) => o.indicator === indicator.id && counts(o) && o.period.end <= asOf);
    const latestByEntity = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const prev = latestByEntity.get(r.entity);
      if (!prev || r.period.end > prev.period.end) latestByEntity.set(r.entity, r);
    }
    const latest = [...latestByEntity.values()].sort((a, b) => (a.period.end < b.period.end ? 1 : -1))[0];
    const expected =
      indicator.level === "park"
        ? registry.entities.filter((e) => e.type === "park").map((e) => e.code)
        : indicator.level === "peer"
          ? registry.entities.filter((e) => e.type === "peer").map((e) => e.code)
          : indicator.level === "milestone"
            ? registry.entities.filter((e) => e.type === "milestone" && indicator.targets.some((t) => t.id === e.attrs.target)).map((e) => e.code)
            : indicator.derivedFrom || indicator.level === "district" || indicator.level === "city"
              ? [] // context figures: nobody is due to report them
              : [registry.selfZone];
    const missing = latest ? expected.filter((code) => latestByEntity.get(code)?.period.key !== latest.period.key) : expected;
    return {
      indicator: indicator.id,
      latestPeriod: latest?.period.key ?? null,
      latestEnd: latest?.period.end ?? null,
      ageDays: latest ? daysBetween(latest.period.end, asOf) : null,
      entities: [...latestByEntity.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([entity, r]) => ({ entity, latestPeriod: r.period.key, latestEnd: r.period.end, file: fileAndSheet(r.origin), line: r.origin.line, sample: r.sample })),
      missing,
    };
  });
}
