// Parks compared, per indicator reported by park: each park's value in the latest period reported,
// its rank, and the value normalised across parks (0 = lowest, 1 = highest) for the heatmap.

import type { Registry } from "../registry/types.ts";
import type { Observation } from "../model.ts";
import { valueRanks } from "../status/rank.ts";
import { counts } from "../status/series.ts";

export interface ParkComparison {
  indicator: string;
  period: string | null; // the latest period any park reported by the as-of date
  /** rank: equal values share it (1, 1, 3 …), tied says so (status/rank.ts). */
  /** qualifier: the one the park's figure was published with (约, 超 …), when it had one. */
  rows: { park: string; value: number | null; rank: number | null; tied: boolean; normalised: number | null; sample: boolean; qualifier?: string }[];
  /** Per-park targets of the indicator's targets, where the registry sets them. */
  targets: Record<string, number>;
}

export function parkComparison(registry: Registry, observations: Observation[], asOf: string): ParkComparison[] {
  const parks = registry.entities.filter((e) => e.type === "park").map((e) => e.code);
  return registry.indicators
    .filter((i) => i.level === "park")
    .map((indicator) => {
      const rows = observations.filter((o) => o.indicator === indicator.id && parks.includes(o.entity) && counts(o) && o.period.end <= asOf);
      const latest = rows.reduce<Observation | undefined>((a, o) => (!a || o.period.end > a.period.end ? o : a), undefined);
      const inPeriod = new Map(rows.filter((o) => o.period.key === latest?.period.key).map((o) => [o.entity, o]));
      const values = [...inPeriod.values()].map((o) => o.value!);
      const [lo, hi] = [Math.min(...values), Math.max(...values)];
      const ranked = valueRanks(values, indicator.direction);
      const ranks = new Map([...inPeriod.keys()].map((park, i) => [park, ranked[i]!]));
      return {
        indicator: indicator.id,
        period: latest?.period.key ?? null,
        rows: parks.map((park) => {
          const o = inPeriod.get(park);
          const v = o?.value ?? null;
          return {
            park,
            value: v,
            rank: ranks.get(park)?.rank ?? null,
            tied: ranks.get(park)?.tied ?? false,
            normalised: v === null ? null : hi > lo ? Number(((v - lo) / (hi - lo)).toFixed(4)) : 1,
            sample: o?.sample ?? false,
            ...(o?.qualifier ? { qualifier: o.qualifier } : {}),
          };
        }),
        targets: Object.assign({}, ...indicator.targets.map((t) => t.perEntity)),
      };
    });
}
