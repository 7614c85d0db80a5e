// What a validated row becomes. Every record keeps its origin (file and line) so that any number on a
// page can be traced back to the line that produced it.

import type { Qualifier } from "./normalise/number.ts";
import type { Period } from "./normalise/period.ts";
import type { Names } from "./registry/types.ts";

export interface Origin {
  file: string;
  line: number;
  column: number; // the value's column: in a wide sheet, the park's column
  /** In a workbook, the sheet (stored since schema 4: a stored row is located as `file.xlsx[Sheet]:4:C`). */
  sheet?: string;
}

/**
 * The file a stored row came from as a reader looks for it: a workbook's sheet after its name,
 * `报送.xlsx[二月]` (so `${fileAndSheet(o)}:${o.line}` reads as the checker's location), a CSV file's path alone.
 */
export function fileAndSheet(o: { file: string; sheet?: string | null }): string {
  return o.sheet == null ? o.file : `${o.file}[${o.sheet}]`;
}

/** The same in SQL, over columns `file` and `sheet` (prefixed with `t.` when given `t`). */
export const fileAndSheetSql = (t = "") => `CASE WHEN ${t}sheet IS NULL THEN ${t}file ELSE ${t}file || '[' || ${t}sheet || ']' END`;

interface Annotated {
  note: string;
  source: string;
  /** True for figures not from a published source: made to show the system. */
  sample: boolean;
  origin: Origin;
}

export interface Observation extends Annotated {
  indicator: string;
  entity: string; // entity code; the zone itself for zone-level indicators
  period: Period;
  value: number | null; // null = missing, never zero
  qualifier: Qualifier | null;
  /** Where the figure was published, when the file says (its provenance columns); absent when it does not. */
  provenance?: Provenance;
  /** The number and unit as written, when a unit was written (12000 万元 for a value stored as 1.2 亿元); absent when none was. */
  written?: Written;
}

/** A value as written in its own unit, kept beside the value converted into the indicator's unit. */
export interface Written {
  value: number;
  unit: string;
}

export const reliabilities = ["official", "media", "copy"] as const;
export type Reliability = (typeof reliabilities)[number];

/** The words analysts write for how reliable a source is; the first Chinese word is how pages show it. */
export const reliabilityWords: Record<Reliability, Names & { also: string[] }> = {
  official: { zh: "官方发布", en: "official", also: ["官方", "政府发布", "政府公开", "统计公报"] },
  media: { zh: "媒体报道", en: "media", also: ["媒体", "新闻", "新闻报道"] },
  copy: { zh: "转载", en: "copy", also: ["转引", "转发", "二手"] },
};

/**
 * Where a published figure was published, each field as the file gives it (trimmed), null when the
 * cell is empty: the link, the title of the page or document, its date (ISO), the sentence quoted from
 * it, and how reliable the source is.
 */
export interface Provenance {
  url: string | null;
  title: string | null;
  published: string | null;
  excerpt: string | null;
  reliability: Reliability | null;
}

export const itemStatuses = ["not_started", "in_progress", "landed", "promoted", "not_applicable"] as const;
export type ItemStatusCode = (typeof itemStatuses)[number];

export const taskStatuses = ["not_started", "in_progress", "done", "cancelled"] as const;
export type TaskStatusCode = (typeof taskStatuses)[number];

/** The words analysts write for each status; the first Chinese word is how pages show it. */
export const itemStatusWords: Record<ItemStatusCode, Names & { also: string[] }> = {
  not_started: { zh: "未启动", en: "not started", also: ["未开始"] },
  in_progress: { zh: "推进中", en: "in progress", also: ["进行中", "正在推进"] },
  landed: { zh: "已落地", en: "landed", also: ["已复制", "已复制落地"] },
  promoted: { zh: "已推广", en: "rolled out", also: ["全面推广", "已全面推广"] },
  not_applicable: { zh: "不适用", en: "not applicable", also: ["不适宜", "n/a"] },
};

export const taskStatusWords: Record<TaskStatusCode, Names & { also: string[] }> = {
  not_started: { zh: "未启动", en: "not started", also: ["未开始"] },
  in_progress: { zh: "推进中", en: "in progress", also: ["进行中", "正在推进"] },
  done: { zh: "已完成", en: "done", also: ["完成", "已办结", "已验收"] },
  cancelled: { zh: "已取消", en: "cancelled", also: ["取消", "已撤销"] },
};

/** An item counts as replicated (T23-1) once it has landed or been rolled out. */
export const replicatedStatuses: readonly ItemStatusCode[] = ["landed", "promoted"];

export interface ItemStatus extends Annotated {
  item: number;
  date: string; // ISO date the status was reached or reported
  status: ItemStatusCode;
  evidence: string;
}

export interface Task extends Annotated {
  id: string;
  list: string; // task list code
  title: string;
  units: string[]; // unit codes
  deadline: string; // ISO date
  deliverable: string; // 成果形式
  item: number | null; // the reform item it serves, if any
}

export interface TaskStatus extends Annotated {
  task: string;
  date: string;
  status: TaskStatusCode;
  evidence: string;
}

export type Layout = "long" | "wide" | "item_status" | "tasks" | "task_status";

/** Everything read from one file: what it holds, and what is wrong with it. */
export interface FileRecords {
  observations: Observation[];
  itemStatuses: ItemStatus[];
  tasks: Task[];
  taskStatuses: TaskStatus[];
}

/** One warehouse revision: when it was loaded and what it changed. */
export interface Revision {
  revision: number;
  loadedAt: string; // ISO timestamp, UTC
  filesAdded: number;
  filesChanged: number;
  filesWithdrawn: number;
  rowsAdded: number;
  rowsWithdrawn: number;
}

export interface StoredFile {
  path: string;
  sha256: string;
  layout: string;
  encoding: string;
  bytes: number;
  rows: number;
  validFrom: number;
  validTo: number | null;
}

/** The records valid in one revision of the warehouse, with the revisions and files up to it. */
export interface Snapshot extends FileRecords {
  revision: number;
  revisions: Revision[];
  files: StoredFile[];
}

export const emptyRecords = (): FileRecords => ({ observations: [], itemStatuses: [], tasks: [], taskStatuses: [] });
