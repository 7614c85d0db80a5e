// data/indicators.yml → indicators, targets and settings. Every field is checked here, once, with the
// line of the YAML that holds it; downstream code trusts the registry's types.

import { isNode, LineCounter, parseDocument } from "yaml";
import { parseDate } from "../normalise/period.ts";
import { problem, type Problem } from "../problems.ts";
import {
  comparators,
  entityLevels,
  type EntityLevel,
  type IndicatorLevel,
  indicatorKinds,
  indicatorLevels,
  type Comparator,
  type Indicator,
  type Names,
  type Settings,
  type Target,
} from "./types.ts";

type Path = (string | number)[];

export function readIndicators(text: string, file: string): { indicators: Indicator[]; settings: Settings | undefined; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: Problem[] = [];
  // The first syntax error only: the parser's later ones follow from it (one mistake, one message).
  for (const e of doc.errors.slice(0, 1)) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push(problem("bad_registry", { file, line: pos.line, column: 0 }, { detail: `YAML 语法错误：${e.message}`, detailEn: `YAML syntax error: ${e.message}` }));
  }
  if (problems.length) return { indicators: [], settings: undefined, problems };

  const lineOf = (path: Path): number => {
    for (let p = path; p.length; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 0;
  };
  const bad = (path: Path, zh: string, en: string) =>
    problems.push(problem("bad_registry", { file, line: lineOf(path), column: 0 }, { detail: `${path.join(".")}：${zh}`, detailEn: `${path.join(".")}: ${en}` }));

  const root = (doc.toJS() ?? {}) as Record<string, unknown>;
  const settings = readSettings(root.settings, bad);
  const list = Array.isArray(root.indicators) ? (root.indicators as Record<string, unknown>[]) : [];
  if (!Array.isArray(root.indicators)) bad(["indicators"], "应为列表", "must be a list");

  const indicators: Indicator[] = [];
  const ids = new Set<string>();
  const targetIds = new Set<string>();
  list.forEach((raw, i) => {
    const at: Path = ["indicators", i];
    const id = String(raw.id ?? "");
    if (!/^[a-z0-9_]+$/.test(id)) bad([...at, "id"], `id "${id}" 应只含小写字母、数字和下划线`, `id "${id}" must match [a-z0-9_]+`);
    if (ids.has(id)) bad([...at, "id"], `id "${id}" 重复`, `id "${id}" repeats`);
    ids.add(id);
    const kind = oneOf(raw.kind, indicatorKinds, [...at, "kind"], bad);
    const level = oneOf(raw.level, indicatorLevels, [...at, "level"], bad);
    const aggregation = oneOf(raw.aggregation ?? "none", ["sum", "none"] as const, [...at, "aggregation"], bad);
    const direction = oneOf(raw.direction ?? "increase", ["increase", "decrease"] as const, [...at, "direction"], bad);
    const derivedFrom = raw.derived_from == null ? null : oneOf(raw.derived_from, ["reform_items"] as const, [...at, "derived_from"], bad);
    for (const k of Object.keys(raw ?? {})) {
      if (!indicatorFields.includes(k)) bad([...at, k], `未知字段 "${k}"，应为 ${indicatorFields.join("、")} 之一`, `unknown field "${k}"; expected one of ${indicatorFields.join(", ")}`);
    }
    const clause = raw.clause == null ? "" : String(raw.clause);
    const rawTargets = raw.targets ?? [];
    // A target is the plan's: it needs the clause. A context figure (no target) need not be in the plan.
    if (!clause && Array.isArray(rawTargets) && rawTargets.length) bad([...at, "clause"], "有目标的指标必须注明方案条款", "an indicator with targets must cite the plan's clause");
    else if (!clause && raw.source == null) bad(at, "没有目标的指标需注明出处：方案条款 clause 或来源 source", "an indicator with no target must cite where it comes from: the plan's clause, or a source");
    const levels = readLevels(raw.levels, level ?? "zone", [...at, "levels"], bad);
    const targets: Target[] = [];
    if (!Array.isArray(rawTargets)) bad([...at, "targets"], "应为列表", "must be a list");
    else
      rawTargets.forEach((t: Record<string, unknown>, k: number) => {
        const tp: Path = [...at, "targets", k];
        const target = readTarget(t, id, tp, settings, bad);
        if (targetIds.has(target.id)) bad([...tp, "id"], `目标 id "${target.id}" 重复`, `target id "${target.id}" repeats`);
        targetIds.add(target.id);
        targets.push(target);
      });
    indicators.push({
      id,
      name: names(raw.name, [...at, "name"], bad),
      // Optional, as the registry's header says: a context figure's name may say all there is.
      description: raw.description == null ? { zh: "", en: "" } : names(raw.description, [...at, "description"], bad),
      unit: names(raw.unit, [...at, "unit"], bad),
      kind: kind ?? "count",
      aggregation: aggregation ?? "none",
      direction: direction ?? "increase",
      level: level ?? "zone",
      levels,
      derivedFrom: derivedFrom ?? null,
      clause,
      source: raw.source == null ? "" : String(raw.source),
      min: typeof raw.min === "number" ? raw.min : null,
      max: typeof raw.max === "number" ? raw.max : null,
      targets,
    });
  });
  return { indicators, settings, problems };
}

type Bad = (path: Path, zh: string, en: string) => void;

/** The fields an indicator entry may have (data/indicators.yml's header says which are required): any other is a typo, reported. */
const indicatorFields = [
  "id", "name", "description", "unit", "kind", "aggregation", "direction", "level", "levels",
  "derived_from", "clause", "source", "sample_only", "min", "max", "targets",
];

/** The entity levels an indicator level holds values for before any the registry adds. */
const ownLevels: Record<IndicatorLevel, EntityLevel[]> = {
  zone: ["zone"], park: ["park", "zone"], peer: ["zone"], milestone: [], district: ["district"], city: ["city"],
};

function readLevels(raw: unknown, level: IndicatorLevel, at: Path, bad: Bad): EntityLevel[] {
  const out = new Set<EntityLevel>(ownLevels[level]);
  if (raw != null && !Array.isArray(raw)) bad(at, `应为列表，如 [zone, park, district]`, `must be a list such as [zone, park, district]`);
  else if (raw != null) {
    raw.forEach((l, k) => {
      const v = oneOf(l, entityLevels, [...at, k], bad);
      if (v) out.add(v);
    });
  }
  // Widest first, whatever order the registry writes them in.
  return entityLevels.filter((l) => out.has(l));
}

function readTarget(t: Record<string, unknown>, indicator: string, at: Path, settings: Settings | undefined, bad: Bad): Target {
  const id = String(t.id ?? "");
  if (!id) bad([...at, "id"], "目标必须有 id", "a target needs an id");
  const deadline = parseDate(String(t.deadline ?? ""));
  if (!deadline) bad([...at, "deadline"], `截止日期 "${t.deadline}" 应为 YYYY-MM-DD`, `deadline "${t.deadline}" must be YYYY-MM-DD`);
  const comparator = oneOf(t.comparator, comparators, [...at, "comparator"], bad) ?? "qualitative";
  const valueSetting = t.value_setting == null ? null : String(t.value_setting);
  let value: number | null = typeof t.value === "number" ? t.value : null;
  if (valueSetting) {
    const s = settings?.named[valueSetting];
    if (!s) bad([...at, "value_setting"], `未定义的设置 "${valueSetting}"`, `undefined setting "${valueSetting}"`);
    else value = s.value;
  }
  const needsValue: Comparator[] = [">=", "<=", "=", "rank_at_most"];
  if (needsValue.includes(comparator) && value === null) {
    bad([...at, "value"], `比较符 ${comparator} 需要 value 或 value_setting`, `comparator ${comparator} needs a value or value_setting`);
  }
  if (!t.clause) bad([...at, "clause"], "必须注明方案条款", "must cite the plan's clause");
  const perEntity: Record<string, number> = {};
  for (const [k, v] of Object.entries((t.per_entity as Record<string, unknown>) ?? {})) {
    if (typeof v === "number") perEntity[k] = v;
    else bad([...at, "per_entity", k], "应为数值", "must be a number");
  }
  return {
    id,
    indicator,
    deadline: deadline ?? "",
    comparator,
    value,
    valueSetting,
    perEntity,
    clause: String(t.clause ?? ""),
    quote: names(t.quote, [...at, "quote"], bad),
  };
}

function readSettings(raw: unknown, bad: Bad): Settings | undefined {
  const s = (raw ?? {}) as Record<string, any>;
  const planStart = parseDate(String(s.plan_start ?? ""));
  if (!planStart) bad(["settings", "plan_start"], "应为 YYYY-MM-DD", "must be YYYY-MM-DD");
  const num = (path: Path, v: unknown): number => {
    if (typeof v === "number" && Number.isFinite(v)) return v;
    bad(path, `应为数值，实际为 "${v}"`, `must be a number, found "${v}"`);
    return NaN;
  };
  const named: Settings["named"] = {};
  for (const [k, v] of Object.entries(s)) {
    if (v && typeof v === "object" && "value" in v && "zh" in v) {
      named[k] = { value: num(["settings", k, "value"], v.value), zh: String(v.zh), en: String(v.en ?? "") };
    }
  }
  return {
    planStart: planStart ?? "",
    statusThresholds: {
      onTrack: num(["settings", "status_thresholds", "on_track"], s.status_thresholds?.on_track),
      lagging: num(["settings", "status_thresholds", "lagging"], s.status_thresholds?.lagging),
    },
    trendThresholds: {
      substantial: num(["settings", "trend_thresholds", "substantial"], s.trend_thresholds?.substantial),
      moderate: num(["settings", "trend_thresholds", "moderate"], s.trend_thresholds?.moderate),
      limited: num(["settings", "trend_thresholds", "limited"], s.trend_thresholds?.limited),
    },
    named,
  };
}

function names(raw: unknown, at: Path, bad: Bad): Names {
  const n = (raw ?? {}) as Record<string, unknown>;
  if (typeof n.zh !== "string" || !n.zh || typeof n.en !== "string" || !n.en) {
    bad(at, "需要中文 zh 和英文 en", "needs both zh and en");
  }
  return { zh: String(n.zh ?? ""), en: String(n.en ?? "") };
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], at: Path, bad: Bad): T | undefined {
  if (allowed.includes(v as T)) return v as T;
  bad(at, `"${v}" 应为 ${allowed.join(" / ")} 之一`, `"${v}" must be one of ${allowed.join(" / ")}`);
  return undefined;
}
