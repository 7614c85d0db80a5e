// What is already loaded, as the in-browser checker needs it to say what `ftz ingest` would say: the keys
// of the stored rows (for duplicates), the stored task ids (for task statuses) and where each stored row
// came from (file:line, which a duplicate's message names). Values are not in it: the index grows by a
// key and a line number per row, and the checker fetches it only when files are checked
// (export/loaded.ts writes it as loaded.json). Pure: the checker runs it in the browser.

import type { Origin } from "../model.ts";

/** The stored rows' keys, grouped by file (an index into `files`) and, for observations, by series. */
export interface LoadedIndex {
  revision: number;
  /** Paths of the files the stored rows came from, sorted. */
  files: string[];
  /** [file, indicator, entity, sample, periods, lines]: one series of one file. */
  observations: [number, string, string, boolean, string[], number[]][];
  /** [file, items, dates, lines] */
  itemStatuses: [number, number[], string[], number[]][];
  /** [file, ids, lines] */
  tasks: [number, string[], number[]][];
  /** [file, tasks, dates, lines, columns] */
  taskStatuses: [number, string[], string[], number[], number[]][];
}

/** A stored row as the cross-file rules read it: its key fields and where it came from. */
export interface Stored {
  observations: { indicator: string; entity: string; period: { key: string }; sample: boolean; origin: Origin }[];
  itemStatuses: { item: number; date: string; origin: Origin }[];
  tasks: { id: string; origin: Origin }[];
  taskStatuses: { task: string; date: string; origin: Origin }[];
}

/**
 * Does the file checked as `given` take the place of the stored `path`? `ftz ingest` replaces a stored
 * file given again under its path (its old rows are closed, so its values may be revised). A file
 * dropped in the browser has its name alone: it stands for the stored file of that name.
 */
export function replaces(given: string, path: string): boolean {
  if (given === path) return true;
  return !/[\\/]/.test(given) && path.slice(path.lastIndexOf("/") + 1) === given;
}

/** storedRows(index, given): the stored rows that stay when the files `given` are loaded — those of every other file. */
export function storedRows(index: LoadedIndex, given: string[]): Stored {
  const stays = index.files.map((path) => !given.some((g) => replaces(g, path)));
  const at = (f: number, line: number, column = 0): Origin => ({ file: index.files[f]!, line, column });
  const out: Stored = { observations: [], itemStatuses: [], tasks: [], taskStatuses: [] };
  for (const [f, indicator, entity, sample, periods, lines] of index.observations) {
    if (stays[f]) periods.forEach((key, i) => out.observations.push({ indicator, entity, period: { key }, sample, origin: at(f, lines[i]!) }));
  }
  for (const [f, items, dates, lines] of index.itemStatuses) if (stays[f]) items.forEach((item, i) => out.itemStatuses.push({ item, date: dates[i]!, origin: at(f, lines[i]!) }));
  for (const [f, ids, lines] of index.tasks) if (stays[f]) ids.forEach((id, i) => out.tasks.push({ id, origin: at(f, lines[i]!) }));
  for (const [f, tasks, dates, lines, columns] of index.taskStatuses) {
    if (stays[f]) tasks.forEach((task, i) => out.taskStatuses.push({ task, date: dates[i]!, origin: at(f, lines[i]!, columns[i]!) }));
  }
  return out;
}

/** The stored files the files `given` would replace, for the checker to say so. */
export function replacedFiles(index: LoadedIndex, given: string[]): { given: string; stored: string }[] {
  return given.flatMap((g) => index.files.filter((path) => replaces(g, path)).map((stored) => ({ given: g, stored })));
}
