// Rows of the wall chart's boards → reform item statuses, task list entries and task statuses.

import { halfWidth } from "../normalise/text.ts";
import { parseDate } from "../normalise/period.ts";
import { key, lookup } from "../registry/lookup.ts";
import type { Names, Registry } from "../registry/types.ts";
import { itemStatusWords, taskStatusWords, type ItemStatus, type Task, type TaskStatus } from "../model.ts";
import type { Row } from "./cells.ts";

function statusReader<C extends string>(words: Record<C, Names & { also: string[] }>) {
  const byWord = new Map<string, C>();
  for (const [code, w] of Object.entries(words) as [C, Names & { also: string[] }][]) {
    for (const word of [code, w.zh, w.en, ...w.also]) byWord.set(key(word), code);
  }
  const expected = Object.values<Names>(words).map((w) => w.zh).join(" / ");
  const expectedEn = Object.values<Names>(words).map((w) => w.en).join(" / ");
  return (row: Row): C | undefined => {
    const text = row.required("status", "状态", "the status");
    if (text === undefined) return undefined;
    const code = byWord.get(key(text));
    if (!code) row.error("bad_status", "status", { value: text, expected, expectedEn });
    return code;
  };
}

const readItemStatusWord = statusReader(itemStatusWords);
const readTaskStatusWord = statusReader(taskStatusWords);

/** An annex item by its row number, or by its short or full title. */
function readItemNo(row: Row, registry: Registry, field: "item", required: boolean): number | null | undefined {
  const text = halfWidth(row.get(field));
  if (text === "") {
    if (required) row.error("missing_value", field, { what: "改革事项", whatEn: "the reform item" });
    return required ? undefined : null;
  }
  const no = /^(第)?(\d+)(项|行)?$/.exec(text)?.[2];
  const item = no
    ? registry.items.find((i) => i.no === Number(no))
    : registry.items.find((i) => key(i.short.zh) === key(text) || key(i.title) === key(text) || key(i.short.en) === key(text));
  if (!item) return void row.error("unknown_item", field, { value: row.get(field), expected: registry.items.length });
  return item.no;
}

export function readItemStatusRow(row: Row, registry: Registry): ItemStatus | undefined {
  const item = readItemNo(row, registry, "item", true);
  const date = row.date("date");
  const status = readItemStatusWord(row);
  const annotations = row.annotations();
  if (!item || !date || !status) return undefined;
  return { item, date, status, evidence: row.get("evidence"), ...annotations, origin: row.at("status") };
}

export function readTaskRow(row: Row, registry: Registry): Task | undefined {
  const l = lookup(registry);
  const id = row.required("task", "任务编号", "the task id");
  const listText = row.required("list", "清单", "the list");
  const list = listText === undefined ? undefined : l.entity(["list"], listText);
  if (listText !== undefined && !list) {
    const lists = l.entitiesOf("list");
    row.error("unknown_list", "list", { value: listText, expected: lists.map((x) => x.name.zh).join(" / "), expectedEn: lists.map((x) => x.name.en).join(" / ") });
  }
  const title = row.required("title", "任务名称", "the task title");
  const unitsText = row.required("unit", "责任单位", "the responsible unit");
  const units: string[] = [];
  let unitsOk = unitsText !== undefined;
  for (const name of (unitsText ?? "").split(/[、,，;；|/]/).map((s) => s.trim()).filter(Boolean)) {
    const unit = l.entity(["unit"], name);
    if (unit) units.push(unit.code);
    else {
      unitsOk = false;
      row.error("unknown_entity", "unit", { value: name, kindZh: "责任单位", kindEn: "responsible unit", expected: "units.csv 中的单位（如 区商务委）" });
    }
  }
  const deadlineText = row.required("deadline", "完成时限", "the deadline");
  const deadline = deadlineText === undefined ? undefined : parseDate(deadlineText);
  if (deadlineText !== undefined && !deadline) row.error("bad_date", "deadline", { value: deadlineText });
  const item = readItemNo(row, registry, "item", false);
  const annotations = row.annotations();
  if (!id || !list || !title || !unitsOk || !deadline || item === undefined) return undefined;
  return { id, list: list.code, title, units, deadline, deliverable: row.get("deliverable"), item, ...annotations, origin: row.at("task") };
}

export function readTaskStatusRow(row: Row): TaskStatus | undefined {
  const task = row.required("task", "任务编号", "the task id");
  const date = row.date("date");
  const status = readTaskStatusWord(row);
  const annotations = row.annotations();
  if (!task || !date || !status) return undefined;
  return { task, date, status, evidence: row.get("evidence"), ...annotations, origin: row.at("task") };
}
