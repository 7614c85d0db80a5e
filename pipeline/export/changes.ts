// What changed between two moments of the warehouse: the rows compared in SQL, the statuses judged from
// SQL aggregates, so no snapshot is read whole. Each moment read as it stood on its date (periods and
// dates up to it: the briefing), the same Diff as diff() over asKnownBy(snapshot, date) on both sides;
// or each revision whole (`ftz diff`), the same Diff as diff() over the two snapshots.

import type { DuckDBConnection } from "@duckdb/node-api";
import { byKey, type Diff, type ObservationRef } from "../diff.ts";
import type { Registry } from "../registry/types.ts";
import { statusReport } from "../status/index.ts";
import { itemStatesAt } from "../status/series.ts";
import { prepareZoneSeries, statusDataFromWarehouse } from "../warehouse/aggregates.ts";
import { query } from "../warehouse/db.ts";
import { fileAndSheetSql } from "../model.ts";

type Moment = { revision: number; asOf: string };

/** A row as moment p reads it: valid in its revision, its period ended by its date (when cut at it: $d not NULL). */
const seen = (p: "a" | "b") => `(valid_from <= $r${p} AND (valid_to IS NULL OR valid_to > $r${p}) AND ($d${p} IS NULL OR period_end <= $d${p}::DATE))`;
/**
 * One side's rows that can differ from the other side: a key has one row per revision, so a row both
 * moments read is the same on both sides and no change. Only the rest are joined: between two dates of
 * one revision, the rows ended between them; between revisions, the rows one of them replaced.
 */
const side = (p: "a" | "b", other: "a" | "b") =>
  `SELECT indicator, entity, period, value, qualifier, sample, ${fileAndSheetSql()} AS file, line FROM observations WHERE ${seen(p)} AND NOT ${seen(other)}`;

type Pair = { [k in `${"a" | "b"}_${keyof ObservationRef}`]: ObservationRef[keyof ObservationRef] | null };

/**
 * changesFromWarehouse(c, registry, from, to, {cut}): added, revised and withdrawn rows, items and targets
 * whose status moved; with cut false, each revision's rows whole (judged as of its date all the same).
 */
export async function changesFromWarehouse(c: DuckDBConnection, registry: Registry, from: Moment, to: Moment, { cut = true } = {}): Promise<Diff> {
  const cols = ["indicator", "entity", "period", "value", "qualifier", "sample", "file", "line"] as const;
  const pairs = await query<Pair>(
    c,
    `SELECT ${cols.map((k) => `a.${k} AS a_${k}, b.${k} AS b_${k}`).join(", ")}
     FROM (${side("a", "b")}) a FULL OUTER JOIN (${side("b", "a")}) b USING (indicator, entity, period)
     WHERE a.indicator IS NULL OR b.indicator IS NULL OR a.value IS DISTINCT FROM b.value OR a.qualifier IS DISTINCT FROM b.qualifier`,
    { ra: from.revision, da: cut ? from.asOf : null, rb: to.revision, db: cut ? to.asOf : null },
  );
  // USING merges the key columns: each side's own fields tell which side a row is on.
  const ref = (x: Pair, p: "a" | "b"): ObservationRef | null =>
    x[`${p}_file`] === null ? null : (Object.fromEntries(cols.map((k) => [k, k === "value" && x[`${p}_value`] !== null ? Number(x[`${p}_value`]) : x[`${p}_${k}`]])) as unknown as ObservationRef);
  const added: ObservationRef[] = [];
  const revised: Diff["revised"] = [];
  const withdrawn: ObservationRef[] = [];
  for (const x of pairs) {
    const [a, b] = [ref(x, "a"), ref(x, "b")];
    if (a && b) revised.push({ old: a, new: b });
    else if (b) added.push(b);
    else if (a) withdrawn.push(a);
  }

  // Only the targets' statuses are compared: the indicators with targets are all the judging reads (the
  // others' series and yearly figures, a park sum per period of every indicator, are not made).
  const judging = { ...registry, indicators: registry.indicators.filter((i) => i.targets.length) };
  const judged = [];
  const itemStates = [];
  for (const m of [from, to]) {
    await prepareZoneSeries(c, m.revision, judging, cut ? m.asOf : null);
    const data = await statusDataFromWarehouse(c, judging, m.revision, [m.asOf], cut ? m.asOf : null);
    judged.push(statusReport({ registry: judging, data, asOf: m.asOf }));
    itemStates.push(itemStatesAt(data.itemStatuses, m.asOf));
  }
  // zone_points now holds the later moment's series, cut at its date: a caller needing others prepares again.
  const [s0, s1] = judged as [ReturnType<typeof statusReport>, ReturnType<typeof statusReport>];
  const [before, after] = itemStates as [ReturnType<typeof itemStatesAt>, ReturnType<typeof itemStatesAt>];
  const items = registry.items
    .map((i) => ({ item: i.no, from: before.get(i.no)?.status ?? null, to: after.get(i.no)?.status ?? null, date: after.get(i.no)?.date ?? null }))
    .filter((x) => x.from !== x.to);
  const statuses = s1.targets
    .map((t, i) => ({ target: t.target, indicator: t.indicator, from: s0.targets[i]!.status, to: t.status, fromActual: s0.targets[i]!.components.actual, toActual: t.components.actual }))
    .filter((x) => x.from !== x.to);
  return {
    from: { revision: from.revision, asOf: from.asOf },
    to: { revision: to.revision, asOf: to.asOf },
    added: added.sort(byKey),
    revised: revised.sort((a, b) => byKey(a.new, b.new)),
    withdrawn: withdrawn.sort(byKey),
    items,
    statuses,
  };
}
