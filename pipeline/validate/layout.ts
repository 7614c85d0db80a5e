// Header row → which kind of file this is, and which column holds what. Headers may be English or
// Chinese, as analysts write them.

import { parseValue } from "../normalise/number.ts";
import { parsePeriod } from "../normalise/period.ts";
import { problem, type Problem } from "../problems.ts";
import { key, lookup } from "../registry/lookup.ts";
import type { Entity, Registry } from "../registry/types.ts";
import type { Layout } from "../model.ts";

// Each list: the English name, then the Chinese name that messages show (missing_column,
// unknown_column), then the other names analysts write.
export const fieldNames = {
  indicator: ["indicator", "指标", "指标代码", "指标名称", "指标id"],
  entity: ["entity", "园区", "park", "zone", "主体", "园区/主体", "园区或主体", "对象", "地区", "区域"],
  period: ["period", "时期", "期间", "统计期", "报告期", "时间"],
  value: ["value", "数值", "值", "数量", "数据"],
  // The unit the value is written in, when not the indicator's own (万元 for an 亿元 indicator).
  value_unit: ["value_unit", "计量单位", "单位", "数值单位"],
  note: ["note", "备注", "说明"],
  source: ["source", "来源", "数据来源", "出处"],
  sample: ["sample", "样例", "样例数据", "示例数据"],
  // Provenance of a published figure (long and wide files): all optional.
  source_url: ["source_url", "来源链接", "链接", "网址", "原文链接", "url", "link"],
  source_title: ["source_title", "来源标题", "文章标题", "文件标题", "报道标题"],
  published: ["published", "发布日期", "发布时间", "发布于"],
  excerpt: ["excerpt", "原文摘录", "摘录", "原文", "quote"],
  reliability: ["reliability", "可靠性", "来源类型", "来源性质"],
  item: ["item", "事项序号", "item_no", "事项", "改革事项", "序号"],
  date: ["date", "日期", "状态日期", "更新日期"],
  status: ["status", "状态", "进展状态"],
  evidence: ["evidence", "证据", "佐证", "佐证材料", "进展情况"],
  task: ["task", "任务编号", "task_id", "任务"],
  list: ["list", "清单"],
  title: ["title", "任务名称", "名称", "任务内容"],
  unit: ["unit", "责任单位", "units"],
  deadline: ["deadline", "完成时限", "时限", "截止日期"],
  deliverable: ["deliverable", "成果形式"],
} as const;

export type Field = keyof typeof fieldNames;

const fieldByName = new Map<string, Field>(
  (Object.entries(fieldNames) as [Field, readonly string[]][]).flatMap(([f, names]) => names.map((n) => [key(n), f] as const)),
);

/** The columns that say where a figure was published (model.ts Provenance). */
export const provenanceFields = ["source_url", "source_title", "published", "excerpt", "reliability"] as const satisfies readonly Field[];

/** Columns whose cells only the JavaScript rules read (a file with any of them is never loaded set-based in SQL): provenance, and a unit to convert from. */
export const javaScriptOnlyFields = [...provenanceFields, "value_unit"] as const satisfies readonly Field[];

/** Columns each layout must have, and those it may have. */
const layouts: Record<Exclude<Layout, "wide">, { required: Field[]; optional: Field[] }> = {
  long: { required: ["indicator", "period", "value"], optional: ["entity", "note", "source", "sample", "value_unit", ...provenanceFields] },
  item_status: { required: ["item", "date", "status"], optional: ["evidence", "note", "source", "sample"] },
  tasks: { required: ["task", "list", "title", "unit", "deadline"], optional: ["deliverable", "item", "note", "source", "sample"] },
  task_status: { required: ["task", "date", "status"], optional: ["evidence", "note", "source", "sample"] },
};

export interface ColumnMap {
  layout: Layout;
  fields: Partial<Record<Field, number>>; // field → 0-based column
  /** Wide sheets: 0-based column → the entity it holds. */
  entityColumns: Map<number, Entity>;
  /** Wide sheets: 0-based columns headed 合计/总计/小计, checked against the entity columns, never loaded. */
  totalColumns: number[];
  width: number;
}

const exampleZh = "指标,园区,时期,数值";
const exampleEn = "indicator,entity,period,value";

export function detectLayout(header: string[], line: number, file: string, registry: Registry, sheet?: string): { map?: ColumnMap; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (column: number) => ({ file, line, column, ...(sheet !== undefined && { sheet }) });
  const fields: Partial<Record<Field, number>> = {};
  const unknown: number[] = [];
  header.forEach((h, i) => {
    const f = fieldByName.get(key(h));
    if (!f) return unknown.push(i);
    if (fields[f] !== undefined) {
      problems.push(problem("duplicate_column", at(i + 1), { value: h, other: fields[f]! + 1 }));
    } else fields[f] = i;
  });
  // Empty cells after the last named column (a trailing delimiter) are not columns.
  const width = lastNonEmpty(header) + 1;
  const has = (f: Field) => fields[f] !== undefined;

  let layout: Layout | undefined;
  if (has("task") && has("list")) layout = "tasks";
  else if (has("task") && has("status")) layout = "task_status";
  else if (has("item") && has("status")) layout = "item_status";
  else if (has("value") || (has("indicator") && has("entity"))) layout = "long";
  else if (has("period")) layout = "wide";

  if (!layout) {
    const looksLikeData = header.some((h) => h.trim() && (parsePeriod(h).ok || (parseValue(h).ok && /\d/.test(h))));
    const shown = header.join(",").slice(0, 80);
    problems.push(looksLikeData ? problem("missing_header", at(0), { value: shown, expected: exampleZh, expectedEn: exampleEn }) : problem("unknown_layout", at(0), { value: shown }));
    return { problems };
  }

  const entityColumns = new Map<number, Entity>();
  const totalColumns: number[] = [];
  if (layout === "wide") {
    const l = lookup(registry);
    for (const i of unknown.filter((i) => i < width)) {
      const e = l.entity(["park", "peer", "other", "milestone"], header[i]!);
      if (e) entityColumns.set(i, e);
      else if (isTotalWord(header[i]!)) totalColumns.push(i);
      else {
        const parks = l.entitiesOf("park").map((p) => p.name.zh).join("、");
        problems.push(problem("unknown_entity", at(i + 1), { value: header[i], kindZh: "园区列", kindEn: "park column", expected: parks }));
      }
    }
    if (entityColumns.size === 0 && !problems.length) {
      problems.push(problem("missing_column", at(0), { expected: "至少一个园区列（列名为园区名称或代码）", expectedEn: "at least one park column (headed by a park's name or code)" }));
    }
    // Known columns a wide sheet has no use for (a 状态 column, say) would be silently dropped: refuse them.
    const wideFields = new Set<Field>(["period", "indicator", "note", "source", "sample", ...provenanceFields]);
    for (const [f, i] of Object.entries(fields) as [Field, number][]) {
      if (!wideFields.has(f)) problems.push(problem("unknown_column", at(i + 1), { value: header[i], expected: [...wideFields].map((w) => fieldNames[w][1]).join("、") + "、园区名称" }));
    }
  } else {
    const spec = layouts[layout];
    for (const f of spec.required) {
      if (!has(f)) problems.push(problem("missing_column", at(0), { expected: `${fieldNames[f][1]}（${fieldNames[f][0]}）`, expectedEn: fieldNames[f][0] }));
    }
    const allowed = new Set<Field>([...spec.required, ...spec.optional]);
    for (const [f, i] of Object.entries(fields) as [Field, number][]) {
      if (!allowed.has(f)) unknown.push(i);
    }
    for (const i of unknown.filter((i) => i < width).sort((a, b) => a - b)) {
      const expected = [...allowed].map((f) => fieldNames[f][1]).join("、");
      problems.push(problem("unknown_column", at(i + 1), { value: header[i], expected }));
    }
  }
  return { map: { layout, fields, entityColumns, totalColumns, width }, problems };
}

/** 合计 · 总计 · 小计 · 合　计 (spaced, as titles are), alone in a cell. */
export function isTotalWord(text: string): boolean {
  return /^(合计|总计|小计|共计|全区合计|园区合计)$/.test(text.replace(/[\s\u3000]/g, ""));
}

function lastNonEmpty(header: string[]): number {
  for (let i = header.length - 1; i >= 0; i--) if (header[i]!.trim() !== "") return i;
  return -1;
}
