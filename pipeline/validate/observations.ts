// Rows of indicator values → observations. A long file has one value per row; a wide sheet (one row
// per period, one column per park, as kept in Excel) has one per park column and is turned long here.

import { formatValue, parseValue } from "../normalise/number.ts";
import { type Period } from "../normalise/period.ts";
import { parsePeriodAsTyped } from "../normalise/excel.ts";
import { convert, splitUnit } from "../normalise/unit.ts";
import { halfWidth } from "../normalise/text.ts";
import { key, lookup } from "../registry/lookup.ts";
import { levelNames, type Entity, type EntityLevel, type EntityType, type Indicator, type Registry } from "../registry/types.ts";
import type { Observation, Written } from "../model.ts";
import type { Issue, Row } from "./cells.ts";

/** Which kinds of entity an indicator's entity cell is looked up among: any entity a figure can be published for. */
export function entityTypesFor(level: Indicator["level"]): EntityType[] {
  return level === "milestone" ? ["milestone"] : ["park", "peer", "other"];
}

/** The level an entity's figures are at: parks "park", linked zones "zone", entities.csv's rows their own; none for the others. */
export function entityLevel(entity: Entity): EntityLevel | undefined {
  if (entity.type === "park") return "park";
  if (entity.type === "peer") return "zone";
  if (entity.type === "other") return entity.attrs.level as EntityLevel;
  return undefined;
}

/**
 * The entities an indicator accepts: those at a level it holds (Indicator.levels) — parks, this zone
 * (for a peer indicator, every linked zone), entities.csv's entities at that level — and for a
 * milestone indicator the parts of its targets.
 */
export function acceptsEntity(registry: Registry, indicator: Indicator, entity: Entity): boolean {
  if (indicator.level === "milestone") return entity.type === "milestone" && indicator.targets.some((t) => t.id === entity.attrs.target);
  // A peer indicator ranks the linked zones: only they take part (a sum of zones or a district would be ranked among them).
  if (indicator.level === "peer") return entity.type === "peer";
  const level = entityLevel(entity);
  if (!level || !indicator.levels.includes(level)) return false;
  if (entity.type === "peer") return entity.code === registry.selfZone; // of the linked zones, a zone indicator holds this one's
  return true;
}

function expectedEntities(registry: Registry, indicator: Indicator): string {
  const names = registry.entities.filter((e) => acceptsEntity(registry, indicator, e)).map((e) => e.name.zh);
  return names.length > 12 ? `${names.slice(0, 12).join("、")} 等` : names.join("、");
}

/** Zone-level figures of an indicator that holds the zone's alone may leave the entity empty: they are the zone's own. */
const emptyIsZone = (indicator: Indicator) => indicator.level === "zone" && indicator.levels.length === 1;

/** The entity an entity cell (trimmed) names for this indicator, or the issue with it. */
export function resolveEntity(registry: Registry, indicator: Indicator, text: string): { entity?: Entity; issue?: Issue } {
  if (text === "") {
    const self = emptyIsZone(indicator) ? registry.entities.find((e) => e.code === registry.selfZone) : undefined;
    if (self) return { entity: self };
    const several = indicator.levels.length > 1 ? `（该指标收 ${indicator.levels.map((l) => levelNames[l].zh).join("、")} 的数值，请写明主体）` : "";
    return { issue: { code: "missing_value", params: { what: `园区/主体${several}`, whatEn: several ? `the entity (the indicator holds ${indicator.levels.join(", ")}-level values: name which)` : "the entity" } } };
  }
  const entity = lookup(registry).entity(entityTypesFor(indicator.level), text);
  if (entity && acceptsEntity(registry, indicator, entity)) return { entity };
  return { issue: entityIssue(registry, indicator, entity, text) };
}

/** Why an entity (known or not) is refused for an indicator: a level mismatch when it is known at a level the indicator does not hold. */
export function entityIssue(registry: Registry, indicator: Indicator, entity: Entity | undefined, text: string): Issue {
  const level = entity && entityLevel(entity);
  if (entity && level && indicator.level !== "milestone" && !indicator.levels.includes(level)) {
    return {
      code: "level_mismatch",
      params: {
        value: text,
        level,
        levelZh: levelNames[level].zh,
        levelEn: levelNames[level].en,
        indicator: indicator.id,
        expectedLevelsZh: indicator.levels.map((l) => levelNames[l].zh).join("、"),
        expectedLevelsEn: indicator.levels.map((l) => levelNames[l].en).join(", "),
        expected: expectedEntities(registry, indicator),
      },
    };
  }
  const kind = indicator.level === "milestone" ? ["里程碑", "milestone"] : indicator.level === "peer" ? ["联动创新区", "linked zone"] : ["园区/主体", "entity"];
  const near = entity ? undefined : nearest(registry, text);
  return {
    code: "unknown_entity",
    params: {
      value: text,
      kindZh: kind[0],
      kindEn: kind[1],
      expected: expectedEntities(registry, indicator),
      ...(near && { suggest: `${near.name.zh}（${levelNames[entityLevel(near)!].zh}）`, suggestEn: `${near.name.zh} (${levelNames[entityLevel(near)!].en})` }),
    },
  };
}

/**
 * The entity an unknown name most likely means: the one sharing the longest beginning with it (at
 * least two characters, and longer than any other's), so 永川区政府 suggests 永川区, not 永川高新区.
 */
function nearest(registry: Registry, text: string): Entity | undefined {
  const t = key(text);
  let best: Entity | undefined;
  let bestLength = 1;
  let tie = false;
  for (const e of registry.entities) {
    if (!entityLevel(e)) continue;
    const length = Math.max(...[e.name.zh, ...e.aliases].map((n) => commonPrefix(key(n), t)));
    if (length > bestLength) (best = e), (bestLength = length), (tie = false);
    else if (length === bestLength && best && best !== e) tie = true;
  }
  return tie ? undefined : best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
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

/**
 * One value cell, checked against its indicator's kind and unit. A unit may be written in the cell
 * (12,000万元) or in the 计量单位 column: a value in another scale of the indicator's unit is converted
 * exactly (normalise/unit.ts), with a warning that says so, and the number and unit as written are
 * kept beside it; a unit that does not convert is refused, naming both units. A unit taken from the
 * cell is always said (12家 on a 家 indicator too): the analyst sees how the cell was read.
 */
export function readValue(row: Row, column: number, indicator: Indicator, registry: Registry): { value: number | null; qualifier: Observation["qualifier"]; written?: Written } | undefined {
  const text = (row.fields[column] ?? "").trim();
  const unitCell = halfWidth(row.get("value_unit"));
  // Nearly every cell ends in a digit, and then no unit follows it: no search over millions of plain values.
  const last = text.charCodeAt(text.length - 1);
  const inCell = last >= 48 && last <= 57 ? undefined : splitUnit(text);
  if (inCell && unitCell && inCell.unit !== unitCell) {
    return void row.error("not_a_number", column, { value: text, detail: `数值中的单位 "${inCell.unit}" 与计量单位列的 "${unitCell}" 不一致`, detailEn: `the unit "${inCell.unit}" in the value disagrees with the unit column's "${unitCell}"` });
  }
  const unit = inCell?.unit ?? (unitCell || undefined);
  const v = parseValue(inCell ? inCell.number : text);
  if (!v.ok) return void row.error("not_a_number", column, { value: text, detail: v.zh, detailEn: v.en });
  if (v.value === null) return { value: null, qualifier: null };
  const percentUnit = indicator.unit.zh === "%";
  if ((v.percent || unit === "%") && !percentUnit) {
    return void row.error("not_a_number", column, { value: text, detail: `指标单位是 ${indicator.unit.zh}，不是 %`, detailEn: `the indicator's unit is ${indicator.unit.en}, not %` });
  }
  let written: Written | undefined;
  let converted = v.value;
  if (unit && unit !== "%") {
    const c = convert(v.value, unit, indicator.unit.zh);
    const where = inCell ? column : "value_unit";
    if (!c.ok) return void row.error("unit_mismatch", where, { value: text, unit, expected: indicator.unit.zh });
    written = { value: v.value, unit };
    converted = c.value;
    if (converted !== v.value) row.error("unit_converted", column, { value: inCell ? text : `${text}${unit}`, converted: `${converted}${indicator.unit.zh}`, unit }, "warning");
    else if (inCell) row.error("unit_in_cell", column, { value: text, number: formatValue(v.value, v.qualifier, "zh"), numberEn: formatValue(v.value, v.qualifier, "en"), unit }, "warning");
  }
  const x = converted;
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
  return { value: x, qualifier: v.qualifier, ...(written && { written }) };
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
      const issue = entityIssue(registry, indicator, entity, entity.name.zh);
      row.error(issue.code, column, issue.params);
      continue;
    }
    const value = readValue(row, column, indicator, registry);
    if (value && period && value.value !== null) {
      out.push({ indicator: indicator.id, entity: entity.code, period, ...value, ...annotations, origin: row.at(column) });
    }
  }
  return out;
}
