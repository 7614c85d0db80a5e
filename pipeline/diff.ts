// What changed between two moments of the warehouse: observations added, revised (old → new, with
// the file that changed them) and withdrawn; reform items whose status moved; targets whose status
// changed. Pure: two snapshots, the registry and two as-of dates in.

import type { Registry } from "./registry/types.ts";
import type { ItemStatusCode, Observation } from "./model.ts";
import { computeStatus, type StatusCode } from "./status/index.ts";
import { itemStatesAt } from "./status/series.ts";
import type { Snapshot } from "./model.ts";
import { fileAndSheet } from "./model.ts";

export interface Moment {
  snapshot: Snapshot;
  asOf: string;
}

export interface ObservationRef {
  indicator: string;
  entity: string;
  period: string;
  value: number | null;
  qualifier: string | null;
  sample: boolean;
  file: string;
  line: number;
}

export interface Diff {
  from: { revision: number; asOf: string };
  to: { revision: number; asOf: string };
  added: ObservationRef[];
  revised: { old: ObservationRef; new: ObservationRef }[];
  withdrawn: ObservationRef[];
  items: { item: number; from: ItemStatusCode | null; to: ItemStatusCode | null; date: string | null }[];
  statuses: { target: string; indicator: string; from: StatusCode; to: StatusCode; fromActual: number | null; toActual: number | null }[];
}

const ref = (o: Observation): ObservationRef => ({
  indicator: o.indicator,
  entity: o.entity,
  period: o.period.key,
  value: o.value,
  qualifier: o.qualifier,
  sample: o.sample,
  file: fileAndSheet(o.origin),
  line: o.origin.line,
});
const keyOf = (o: Observation) => `${o.indicator}|${o.entity}|${o.period.key}`;
export const byKey = (a: ObservationRef, b: ObservationRef) => `${a.indicator}|${a.entity}|${a.period}`.localeCompare(`${b.indicator}|${b.entity}|${b.period}`);

export function diff(registry: Registry, from: Moment, to: Moment): Diff {
  const before = new Map(from.snapshot.observations.map((o) => [keyOf(o), o]));
  const after = new Map(to.snapshot.observations.map((o) => [keyOf(o), o]));
  const added: ObservationRef[] = [];
  const revised: Diff["revised"] = [];
  const withdrawn: ObservationRef[] = [];
  for (const [k, o] of after) {
    const old = before.get(k);
    if (!old) added.push(ref(o));
    else if (old.value !== o.value || old.qualifier !== o.qualifier) revised.push({ old: ref(old), new: ref(o) });
  }
  for (const [k, o] of before) if (!after.has(k)) withdrawn.push(ref(o));

  const itemsBefore = itemStatesAt(from.snapshot.itemStatuses, from.asOf);
  const itemsAfter = itemStatesAt(to.snapshot.itemStatuses, to.asOf);
  const items = registry.items
    .map((i) => ({ item: i.no, from: itemsBefore.get(i.no)?.status ?? null, to: itemsAfter.get(i.no)?.status ?? null, date: itemsAfter.get(i.no)?.date ?? null }))
    .filter((x) => x.from !== x.to);

  const s0 = computeStatus({ registry, observations: from.snapshot.observations, itemStatuses: from.snapshot.itemStatuses, asOf: from.asOf });
  const s1 = computeStatus({ registry, observations: to.snapshot.observations, itemStatuses: to.snapshot.itemStatuses, asOf: to.asOf });
  const statuses = s1.targets
    .map((t, i) => ({ target: t.target, indicator: t.indicator, from: s0.targets[i]!.status, to: t.status, fromActual: s0.targets[i]!.components.actual, toActual: t.components.actual }))
    .filter((x) => x.from !== x.to);

  return {
    from: { revision: from.snapshot.revision, asOf: from.asOf },
    to: { revision: to.snapshot.revision, asOf: to.asOf },
    added: added.sort(byKey),
    revised: revised.sort((a, b) => byKey(a.new, b.new)),
    withdrawn: withdrawn.sort(byKey),
    items,
    statuses,
  };
}
