// Rows of indicator values → observations. A long file has one value per row; a wide sheet (one row
// per period, one column per park, as kept in Excel) has one per park column and is turned long here.

import { parseValue, prefixes } from "../normalise/number.ts";
import { convert, convertibleUnits, splitUnit, unitOf } from "../normalise/unit.ts";
import { type Period } from "../normalise/period.ts";
import { parsePeriodAsTyped } from "../normalise/excel.ts";
import { lookup } from "../registry/lookup.ts";
import type { Entity, EntityType, Indicator, Registry } from "../registry/types.ts";
import type { Observation } from "../model.ts";
import type { Issue, Row } from "./cells.ts";

/** Which kinds of entity an indicator's values may be reported for. */
export function entityTypesFor(level: Indicator["level"]): EntityType[] {
  return level === "park" ? ["park", "peer"] : level === "peer" ? ["peer"] : level === "milestone" ? ["milestone"] : ["peer"];
}

/** The entities an indicator accepts: for a zone, the zone itself; for a park indicator, parks and the zone total. */
export function acceptsEntity(registry: Registry, indicator: Indicator, entity: Entity): boolean {
  switch (indicator.level) {
    case "zone":
      return entity.type === "peer" && entity.code === registry.selfZone;
    case "park":
      return entity.type === "park" || (entity.type === "peer" && entity.code === registry.selfZone);
    case "peer":
      return entity.type === "peer";
    case "milestone":
      return entity.type === "milestone" && indicator.targets.some((t) => t.id === entity.attrs.target);
  }
}

function expectedEntities(registry: Registry, indicator: Indicator): string {
  const names = registry.entities.filter((e) => acceptsEntity(registry, indicator, e)).map((e) => e.name.zh);
  return names.length > 12 ? `${names.slice(0, 12).join("、")} 等` : names.join("、");
}

/** The entity an entity cell (trimmed) names for this indicator, or the issue with it. */
export function resolveEntity(registry: Registry, indicator: Indicator, text: string): { entity?: Entity; issue?: Issue } {
  // Zone-level figures may leave the entity empty: they are the zone's own.
  const self = registry.entities.find((e) => e.code === registry.selfZone);
  const entity = text === "" && indicator.level === "zone" ? self : lookup(registry).entity(entityTypesFor(indicator.level), text);
  if (text === "" && !entity) return { issue: { code: "missing_value", params: { what: "园区/主体", whatEn: "the entity" } } };
  if (!entity || !acceptsEntity(registry, indicator, entity)) {
    const kind = indicator.level === "milestone" ? ["里程碑", "milestone"] : indicator.level === "peer" ? ["联动创新区", "linked zone"] : ["园区/主体", "entity"];
    return { issue: { code: "unknown_entity", params: { value: text, kindZh: kind[0], kindEn: kind[1], expected: expectedEntities(registry, indicator) } } };
  }
  return { entity };
}

export function readIndicator(row: Row, registry: Registry, fallback?: string): Indicator | undefined {
  const text = row.get("indicator") || fallback || "";
  if (!text) return void row.error("missing_value", "indicator", { what: "指标", whatEn: "the indicator" });
  const indicator = lookup(registry).indicator(text);
  if (!indicator) row.error("unknown_indicator", row.get("indicator") ? "indicator" : 0, { value: text });
  return indicator;
}

// A file repeats the same periods on row after row (every park, every indicator): parse each text once.
// Periods are never mutated downstream, so the parsed objects can be shared.
const periods = new Map<string, ReturnType<typeof parsePeriodAsTyped>>();
function cachedPeriod(text: string): ReturnType<typeof parsePeriodAsTyped> {
  let p = periods.get(text);
  if (!p) {
    if (periods.size > 50_000) periods.clear();
    periods.set(text, (p = parsePeriodAsTyped(text)));
  }
  return p;
}

/** What is wrong with a period cell (trimmed), as readPeriod reports it: the period when it is usable, and the issues. */
export function checkPeriod(text: string, today: string): { period?: Period; issues: Issue[] } {
  if (!text) return { issues: [{ code: "missing_value", params: { what: "时期", whatEn: "the period" } }] };
  const p = cachedPeriod(text);
  if (!p.ok) return { issues: [{ code: "bad_period", params: { value: text, detail: p.zh, detailEn: p.en } }] };
  if (p.period.start > today) return { issues: [{ code: "future_period", params: { value: text, expected: today } }] };
  const notices: Issue[] = p.notice ? [{ code: p.notice.code, params: p.notice.params, severity: "warning" }] : [];
  if (p.period.end > today) return { period: p.period, issues: [...notices, { code: "incomplete_period", params: { value: text, expected: today }, severity: "warning" }] };
  return { period: p.period, issues: notices };
}

export function readPeriod(row: Row, today: string): Period | undefined {
  const { period, issues } = checkPeriod(row.get("period"), today);
  for (const i of issues) row.error(i.code, "period", i.params, i.severity);
  return period;
}

/** One value cell, checked against its indicator's kind. */
export function readValue(row: Row, column: number, indicator: Indicator, registry: Registry): { value: number | null; qualifier: Observation["qualifier"] } | undefined {
  const written = (row.fields[column] ?? "").trim();
  const text = withoutUnit(row, column, written, indicator);
  if (text === undefined) return undefined;
  const v = parseValue(text);
  if (!v.ok) return void row.error("not_a_number", column, { value: text, detail: v.zh, detailEn: v.en });
  if (v.value === null) return { value: null, qualifier: null };
  const percentUnit = indicator.unit.zh === "%";
  if (v.percent && !percentUnit) {
    return void row.error("not_a_number", column, { value: text, detail: `指标单位是 ${indicator.unit.zh}，不是 %`, detailEn: `the indicator's unit is ${indicator.unit.en}, not %` });
  }
  const x = v.value;
  switch (indicator.kind) {
    case "count":
    case "cumulative":
      if (x < 0) return void row.error("negative_count", column, { value: text });
      if (!Number.isInteger(x)) return void row.error("not_integer", column, { value: text });
      break;
    case "share":
      if (x < 0 || x > 100) return void row.error("out_of_range", column, { value: text, expected: "0–100 (%)" });
      break;
    case "rank": {
      const n = registry.entities.filter((e) => e.type === "peer").length;
      if (!Number.isInteger(x) || x < 1 || x > n) return void row.error("rank_out_of_range", column, { value: text, expected: n });
      break;
    }
    case "milestone":
      if (x !== 0 && x !== 1) return void row.error("bad_milestone", column, { value: text });
      break;
    case "amount":
      break;
  }
  if ((indicator.min !== null && x < indicator.min) || (indicator.max !== null && x > indicator.max)) {
    return void row.error("out_of_range", column, { value: text, expected: `${indicator.min ?? "−∞"}–${indicator.max ?? "∞"}` });
  }
  return { value: x, qualifier: v.qualifier };
}

/**
 * A value written with its unit (12家, 3.5亿元, 约12,000万元) → the number in the indicator's unit, with
 * a warning that says what it was read as; a unit that does not convert is refused with the units that
 * would. Text without a unit comes back as it is; undefined after a refusal.
 */
function withoutUnit(row: Row, column: number, written: string, indicator: Indicator): string | undefined {
  // Nearly every cell ends in a digit: no unit, and no regular expression run over millions of rows.
  const last = written.charCodeAt(written.length - 1);
  if (!written || (last >= 48 && last <= 57)) return written;
  const split = splitUnit(written);
  const target = unitOf(indicator.unit.zh);
  if (!split || !target) return written;
  const qualifier = prefixes.find(([w]) => split.number.startsWith(w))?.[0] ?? "";
  const number = split.number.slice(qualifier.length).trim();
  const converted = convert(number, split.unit, target);
  if (converted === undefined) {
    const expected = convertibleUnits(target).join("、");
    row.error("unit_mismatch", column, { value: written, detail: split.unit.written, detailEn: split.unit.written, expected: indicator.unit.zh, expectedEn: `${indicator.unit.zh} (${indicator.unit.en})`, other: `数字加 ${expected}`, otherEn: `a number in ${convertibleUnits(target).join(", ")}` });
    return undefined;
  }
  const read = `${qualifier}${converted}`;
  row.error("unit_converted", column, { value: written, expected: `${read} ${indicator.unit.zh}`, expectedEn: `${read} ${indicator.unit.zh} (${indicator.unit.en})` }, "warning");
  return read;
}

export function readLongRow(row: Row, registry: Registry, today: string): Observation | undefined {
  const indicator = readIndicator(row, registry);
  const period = readPeriod(row, today);
  let entity: Entity | undefined;
  if (indicator) {
    const resolved = resolveEntity(registry, indicator, row.get("entity"));
    if (resolved.issue) row.error(resolved.issue.code, "entity", resolved.issue.params);
    entity = resolved.entity;
  }
  const annotations = row.annotations();
  const value = indicator ? readValue(row, row.at("value").column - 1, indicator, registry) : undefined;
  if (!indicator || !period || !entity || !value) return undefined;
  return { indicator: indicator.id, entity: entity.code, period, ...value, ...annotations, origin: row.at("value") };
}

export function readWideRow(row: Row, registry: Registry, today: string, entityColumns: Map<number, Entity>, fileIndicator?: string): Observation[] {
  const indicator = readIndicator(row, registry, fileIndicator);
  const period = readPeriod(row, today);
  const annotations = row.annotations();
  const out: Observation[] = [];
  if (!indicator) return out;
  for (const [column, entity] of entityColumns) {
    if (!acceptsEntity(registry, indicator, entity)) {
      row.error("unknown_entity", column, { value: entity.name.zh, kindZh: "园区/主体", kindEn: "entity", expected: expectedEntities(registry, indicator) });
      continue;
    }
    const value = readValue(row, column, indicator, registry);
    if (value && period && value.value !== null) {
      out.push({ indicator: indicator.id, entity: entity.code, period, ...value, ...annotations, origin: row.at(column) });
    }
  }
  return out;
}
