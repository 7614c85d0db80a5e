// Reference tables + indicator registry → one checked Registry. Pure: it takes the files' text, so
// the CLI reads them from disk and the browser gets the exported registry instead.

import { problem, type Problem } from "../problems.ts";
import { readIndicators } from "./indicators.ts";
import { entityTables, readEntities, readItems } from "./tables.ts";
import { entityKinds, entityLevels, type Entity, type Registry } from "./types.ts";

/** Text of each reference file by name (parks.csv …) and of indicators.yml. */
export interface RegistrySources {
  referenceDir: string; // how problems name the folder, e.g. data/reference
  reference: Record<string, string>;
  indicatorsFile: string; // e.g. data/indicators.yml
  indicators: string;
}

export function buildRegistry(src: RegistrySources): { registry: Registry | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const entities: Entity[] = [];
  for (const t of entityTables) {
    const file = `${src.referenceDir}/${t.file}`;
    const text = src.reference[t.file];
    if (text === undefined) {
      if (t.optional) continue;
      problems.push(problem("bad_reference", { file, line: 0, column: 0 }, { detail: "文件不存在", detailEn: "file is missing" }));
      continue;
    }
    const read = readEntities(text, file, t.type, t.attrs, t.optionalAttrs);
    entities.push(...read.entities);
    problems.push(...read.problems);
  }
  const unitCodes = new Set(entities.filter((e) => e.type === "unit").map((e) => e.code));
  const items = readItems(src.reference["reform_items.csv"] ?? "", src.reference["reform_item_units.csv"] ?? "", src.referenceDir, unitCodes);
  problems.push(...items.problems);
  const ind = readIndicators(src.indicators, src.indicatorsFile);
  problems.push(...ind.problems);

  const refProblem = (file: string, zh: string, en: string) =>
    problems.push(problem("bad_reference", { file, line: 0, column: 0 }, { detail: zh, detailEn: en }));
  const selves = entities.filter((e) => e.type === "peer" && e.attrs.is_self === "true");
  if (selves.length !== 1) {
    refProblem(`${src.referenceDir}/peer_zones.csv`, `应恰有一个 is_self=true 的联动创新区（本区），实际 ${selves.length} 个`, `exactly one peer zone must have is_self=true (this zone), found ${selves.length}`);
  }
  // Each milestone part belongs to a target of a milestone indicator, and each such target has parts.
  const targets = new Map(ind.indicators.flatMap((i) => i.targets.map((t) => [t.id, i] as const)));
  for (const m of entities.filter((e) => e.type === "milestone")) {
    const owner = targets.get(m.attrs.target ?? "");
    if (!owner || owner.kind !== "milestone") {
      refProblem(`${src.referenceDir}/milestones.csv`, `里程碑 ${m.code} 的目标 "${m.attrs.target}" 不是里程碑类指标的目标`, `milestone ${m.code}: target "${m.attrs.target}" is not a target of a milestone indicator`);
    }
  }
  for (const i of ind.indicators.filter((i) => i.level === "milestone")) {
    for (const t of i.targets) {
      if (!entities.some((e) => e.type === "milestone" && e.attrs.target === t.id)) {
        refProblem(`${src.referenceDir}/milestones.csv`, `目标 ${t.id} 没有任何里程碑`, `target ${t.id} has no milestone parts`);
      }
    }
  }
  checkOthers(entities, `${src.referenceDir}/entities.csv`, refProblem);
  // A name may stand for one entity only among the kinds a file can name in one column.
  for (const group of [["park", "peer", "other"], ["unit"], ["milestone"], ["area"], ["industry"], ["list"]]) {
    const seen = new Map<string, Entity>();
    for (const e of entities.filter((e) => group.includes(e.type))) {
      for (const name of new Set([e.code, e.name.zh, e.name.en, ...e.aliases].filter(Boolean))) {
        const other = seen.get(name);
        if (other && other !== e) refProblem(`${src.referenceDir}`, `名称 "${name}" 同时指 ${other.code} 和 ${e.code}`, `the name "${name}" means both ${other.code} and ${e.code}`);
        seen.set(name, e);
      }
    }
  }
  if (problems.some((p) => p.severity === "error") || !ind.settings) return { registry: undefined, problems };
  return {
    registry: { settings: ind.settings, indicators: ind.indicators, entities, items: items.items, selfZone: selves[0]!.code },
    problems,
  };
}

/** entities.csv: each row's kind and level from their lists; its parent and parts name entities that exist. */
function checkOthers(entities: Entity[], file: string, refProblem: (file: string, zh: string, en: string) => void): void {
  const codes = new Set(entities.filter((e) => ["park", "peer", "other"].includes(e.type)).map((e) => e.code));
  for (const e of entities.filter((e) => e.type === "other")) {
    const { kind = "", level = "", parent = "", parts = "" } = e.attrs;
    if (!(entityKinds as readonly string[]).includes(kind)) refProblem(file, `${e.code} 的 kind "${kind}" 应为 ${entityKinds.join("/")} 之一`, `${e.code}: kind "${kind}" must be one of ${entityKinds.join("/")}`);
    if (!(entityLevels as readonly string[]).includes(level)) refProblem(file, `${e.code} 的 level "${level}" 应为 ${entityLevels.join("/")} 之一`, `${e.code}: level "${level}" must be one of ${entityLevels.join("/")}`);
    for (const c of [parent, ...parts.split("|")].filter(Boolean)) {
      if (!codes.has(c)) refProblem(file, `${e.code} 引用的主体 "${c}" 不存在`, `${e.code} names the entity "${c}", which does not exist`);
    }
    if (kind === "sum" && !parts) refProblem(file, `${e.code} 是合计，应在 parts 中列出其组成（代码以 | 分隔）`, `${e.code} is a sum: list what it adds up in parts (codes separated by |)`);
  }
}
