// The wall chart's boards as of a date: the 33 items, the four lists' tasks (overdue marked), and each responsible
// unit's share of both. Computed here so that pages only show them.

import type { Registry } from "../registry/types.ts";
import { fileAndSheet, replicatedStatuses, type ItemStatus, type ItemStatusCode, type Task, type TaskStatus, type TaskStatusCode } from "../model.ts";
import { itemStatesAt } from "./series.ts";
import { sharedRanks } from "./rank.ts";

export interface ItemRow {
  no: number;
  title: string;
  short: { zh: string; en: string };
  category: string;
  units: string[];
  clause: string;
  status: ItemStatusCode | "no_report";
  since: string | null; // date of the current status
  replicated: boolean;
  /** The T23-1 deadline has passed and the item is neither replicated nor not applicable. */
  overdue: boolean;
  evidence: string;
  sample: boolean;
  history: { date: string; status: ItemStatusCode; evidence: string; file: string; line: number }[];
}

export function itemBoard(registry: Registry, statuses: ItemStatus[], asOf: string): ItemRow[] {
  const states = itemStatesAt(statuses, asOf);
  const deadline = registry.indicators.find((i) => i.derivedFrom === "reform_items")?.targets[0]?.deadline ?? "9999-12-31";
  return registry.items.map((item) => {
    const s = states.get(item.no);
    const replicated = s ? replicatedStatuses.includes(s.status) : false;
    return {
      no: item.no,
      title: item.title,
      short: item.short,
      category: item.category,
      units: item.units,
      clause: item.clause,
      status: s?.status ?? "no_report",
      since: s?.date ?? null,
      replicated,
      overdue: asOf > deadline && !replicated && s?.status !== "not_applicable",
      evidence: s?.evidence ?? "",
      sample: statuses.some((x) => x.item === item.no && x.sample && x.date <= asOf),
      history: statuses
        .filter((x) => x.item === item.no && x.date <= asOf)
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .map((x) => ({ date: x.date, status: x.status, evidence: x.evidence, file: fileAndSheet(x.origin), line: x.origin.line })),
    };
  });
}

export interface TaskRow {
  id: string;
  list: string;
  title: string;
  units: string[];
  deadline: string;
  deliverable: string;
  item: number | null;
  status: TaskStatusCode | "no_report";
  since: string | null;
  done: boolean;
  overdue: boolean; // deadline passed and neither done nor cancelled
  /** The day it was first reported done, in the run of 已完成 reports it still stands in; null unless done. */
  doneOn: string | null;
  /** Done, but first reported done after its deadline: 逾期完成 / completed late. */
  late: boolean;
  daysLeft: number; // negative once overdue
  evidence: string;
  sample: boolean;
  origin: { file: string; line: number };
}

/**
 * When a task became done: the first 已完成 report of the run it still stands in. Offices repeat
 * 已完成 in later reports; a repeat is not when it was done, and a task reopened (推进中 after 已完成)
 * and done again was done the second time.
 */
export function doneSince(reports: readonly { date: string; status: TaskStatusCode }[]): string | null {
  let since: string | null = null;
  for (const r of reports) {
    if (r.status !== "done") since = null;
    else since ??= r.date;
  }
  return since;
}

export function taskBoard(tasks: Task[], statuses: TaskStatus[], asOf: string): TaskRow[] {
  const latest = new Map<string, TaskStatus>();
  const reports = new Map<string, TaskStatus[]>();
  for (const s of [...statuses].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (s.date > asOf) continue;
    latest.set(s.task, s);
    const its = reports.get(s.task);
    if (its) its.push(s);
    else reports.set(s.task, [s]);
  }
  return [...tasks]
    .sort((a, b) => (a.list < b.list ? -1 : a.list > b.list ? 1 : a.id < b.id ? -1 : 1))
    .map((t) => {
      const s = latest.get(t.id);
      const closed = s?.status === "done" || s?.status === "cancelled";
      const doneOn = s?.status === "done" ? doneSince(reports.get(t.id) ?? []) : null;
      return {
        id: t.id,
        list: t.list,
        title: t.title,
        units: t.units,
        deadline: t.deadline,
        deliverable: t.deliverable,
        item: t.item,
        status: s?.status ?? "no_report",
        since: s?.date ?? null,
        done: s?.status === "done",
        overdue: !closed && asOf > t.deadline,
        doneOn,
        late: doneOn !== null && doneOn > t.deadline,
        daysLeft: Math.round((Date.parse(t.deadline) - Date.parse(asOf)) / 86_400_000),
        evidence: s?.evidence ?? "",
        sample: t.sample || statuses.some((x) => x.task === t.id && x.sample),
        origin: { file: fileAndSheet(t.origin), line: t.origin.line }, // a workbook's sheet after its name
      };
    });
}

export interface UnitRow {
  unit: string;
  items: { total: number; replicated: number; inProgress: number; notStarted: number; overdue: number; list: number[] };
  tasks: { total: number; done: number; due: number; overdue: number; list: string[] };
  /** Share of its items and tasks that are done; what the ranking sorts by (then fewer overdue). */
  doneShare: number;
  /** Its place: units with the same share done and the same number overdue share it (1, 1, 3 …). */
  rank: number;
  tied: boolean;
}

/** Each unit's items and tasks, ranked: most done first, then fewest overdue, then by code. */
export function unitBoard(registry: Registry, items: ItemRow[], tasks: TaskRow[]): UnitRow[] {
  const rows = registry.entities
    .filter((e) => e.type === "unit")
    .map((u): Omit<UnitRow, "rank" | "tied"> => {
      const its = items.filter((i) => i.units.includes(u.code) && i.status !== "not_applicable");
      const tks = tasks.filter((t) => t.units.includes(u.code) && t.status !== "cancelled");
      const done = its.filter((i) => i.replicated).length + tks.filter((t) => t.done).length;
      const total = its.length + tks.length;
      return {
        unit: u.code,
        items: {
          total: its.length,
          replicated: its.filter((i) => i.replicated).length,
          inProgress: its.filter((i) => i.status === "in_progress").length,
          notStarted: its.filter((i) => i.status === "not_started" || i.status === "no_report").length,
          overdue: its.filter((i) => i.overdue).length,
          list: its.map((i) => i.no),
        },
        tasks: {
          total: tks.length,
          done: tks.filter((t) => t.done).length,
          due: tks.filter((t) => !t.done && !t.overdue).length,
          overdue: tks.filter((t) => t.overdue).length,
          list: tks.map((t) => t.id),
        },
        doneShare: total ? Number((done / total).toFixed(4)) : 0,
      };
    });
  const overdue = (r: (typeof rows)[number]) => r.items.overdue + r.tasks.overdue;
  const order = (a: (typeof rows)[number], b: (typeof rows)[number]) => b.doneShare - a.doneShare || overdue(a) - overdue(b);
  const ranks = sharedRanks(rows, order);
  return rows
    .map((r, i) => ({ ...r, ...ranks[i]! }))
    .sort((a, b) => order(a, b) || (a.unit < b.unit ? -1 : 1));
}
