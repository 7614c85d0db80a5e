// Reference tables (data/reference/*.csv) → entities and reform items, each row checked and located.

import { parseCsv } from "../parse/csv.ts";
import { problem, type Problem } from "../problems.ts";
import { itemCategories, type Entity, type EntityType, type ItemCategory, type ReformItem } from "./types.ts";

export interface TableRow {
  line: number;
  get(column: string): string;
  columnOf(column: string): number;
}

/** A CSV with a known header: rows by column name, and a problem for each missing column. */
export function readTable(text: string, file: string, columns: readonly string[]): { rows: TableRow[]; problems: Problem[] } {
  const parsed = parseCsv(text.replace(/^\uFEFF/, ""), file);
  const problems = [...parsed.problems];
  const [header, ...records] = parsed.records;
  if (!header) return { rows: [], problems: [...problems, problem("empty_file", { file, line: 0, column: 0 })] };
  const index = new Map(header.fields.map((h, i) => [h.trim(), i]));
  for (const c of columns) {
    if (!index.has(c)) {
      problems.push(
        problem("bad_reference", { file, line: header.line, column: 0 }, {
          detail: `缺少列 ${c}（应有 ${columns.join(",")}）`,
          detailEn: `missing column ${c} (expected ${columns.join(",")})`,
        }),
      );
    }
  }
  const rows = records.map((r) => ({
    line: r.line,
    get: (c: string) => (r.fields[index.get(c) ?? -1] ?? "").trim(),
    columnOf: (c: string) => (index.get(c) ?? -1) + 1,
  }));
  return { rows, problems };
}

/**
 * A unit's name as it is today, where it changed after the plan (2022), and the published source that
 * says so: optional columns of units.csv (a table without them reads as names unchanged). A current
 * name without its source is refused: no name goes in on a guess.
 */
export const currentNameColumns = ["current_name_zh", "current_name_en", "renamed_on", "source_title", "source_url", "source_date"] as const;

export const entityTables: { file: string; type: EntityType; attrs: string[]; optionalAttrs?: readonly string[]; optional?: true }[] = [
  { file: "parks.csv", type: "park", attrs: [] },
  { file: "areas.csv", type: "area", attrs: ["park"] },
  { file: "industries.csv", type: "industry", attrs: ["group"] },
  { file: "units.csv", type: "unit", attrs: [], optionalAttrs: currentNameColumns },
  { file: "peer_zones.csv", type: "peer", attrs: ["batch", "announced", "is_self"] },
  { file: "milestones.csv", type: "milestone", attrs: ["target"] },
  { file: "task_lists.csv", type: "list", attrs: [] },
  // Every other entity figures are published for (the district, the city, the FTZ, a project, a sum of zones).
  { file: "entities.csv", type: "other", attrs: ["kind", "level", "parent", "parts"], optional: true },
];

const code = /^[a-z0-9_]+$/;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function readEntities(text: string, file: string, type: EntityType, attrs: string[], optionalAttrs: readonly string[] = []) {
  const { rows, problems } = readTable(text, file, ["code", "name_zh", "name_en", "clause", ...attrs]);
  const entities: Entity[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const bad = (column: string, zh: string, en: string, value?: string) =>
      problems.push(problem("bad_reference", { file, line: row.line, column: row.columnOf(column) }, { detail: zh, detailEn: en, value }));
    const c = row.get("code");
    if (!code.test(c)) bad("code", `代码 "${c}" 应只含小写字母、数字和下划线`, `code "${c}" must match [a-z0-9_]+`, c);
    else if (seen.has(c)) bad("code", `代码 "${c}" 与第 ${seen.get(c)} 行重复`, `code "${c}" repeats line ${seen.get(c)}`, c);
    seen.set(c, row.line);
    if (!row.get("name_zh")) bad("name_zh", "中文名不能为空", "name_zh must not be empty");
    if (!row.get("clause")) bad("clause", "每行都要注明出处（clause）", "every row must cite its clause");
    if (optionalAttrs.includes("current_name_zh") && (row.get("current_name_zh") || row.get("current_name_en"))) {
      // Today's name only with the published source that gives it: title, address and date.
      if (!row.get("current_name_zh")) bad("current_name_zh", "有现名英文而无现名中文", "current_name_en given without current_name_zh");
      if (!row.get("source_title")) bad("source_title", "现名须注明出处标题（source_title）", "a current name must cite its source's title (source_title)");
      if (!/^https?:\/\/\S+$/.test(row.get("source_url"))) bad("source_url", "现名须注明出处链接（http:// 或 https://）", "a current name must cite its source's address (http:// or https://)", row.get("source_url"));
      if (!isoDate.test(row.get("source_date"))) bad("source_date", "现名须注明出处日期（如 2023-07-20）", "a current name must cite its source's date (e.g. 2023-07-20)", row.get("source_date"));
      if (row.get("renamed_on") && !isoDate.test(row.get("renamed_on"))) bad("renamed_on", "更名日期应为 2023-07-20 这样的日期", "renamed_on must be a date such as 2023-07-20", row.get("renamed_on"));
    }
    entities.push({
      type,
      code: c,
      name: { zh: row.get("name_zh"), en: row.get("name_en") },
      aliases: row.get("aliases").split("|").map((a) => a.trim()).filter(Boolean),
      clause: row.get("clause"),
      // Optional columns only when filled: a table without them reads as before.
      attrs: Object.fromEntries([...attrs.map((a) => [a, row.get(a)]), ...optionalAttrs.filter((a) => row.get(a)).map((a) => [a, row.get(a)])]),
    });
  }
  return { entities, problems };
}

export function readItems(itemsText: string, unitsText: string, dir: string, unitCodes: Set<string>) {
  const itemsFile = `${dir}/reform_items.csv`;
  const linksFile = `${dir}/reform_item_units.csv`;
  const items = readTable(itemsText, itemsFile, ["no", "title_zh", "short_zh", "short_en", "category", "clause"]);
  const links = readTable(unitsText, linksFile, ["item_no", "unit_code", "position", "clause"]);
  const problems = [...items.problems, ...links.problems];
  const byNo = new Map<number, ReformItem>();
  for (const row of items.rows) {
    const no = Number(row.get("no"));
    const category = row.get("category") as ItemCategory;
    const at = (c: string) => ({ file: itemsFile, line: row.line, column: row.columnOf(c) });
    if (!Number.isInteger(no) || no < 1 || byNo.has(no)) {
      problems.push(problem("bad_reference", at("no"), { detail: `序号 "${row.get("no")}" 无效或重复`, detailEn: `item number "${row.get("no")}" is invalid or repeated` }));
      continue;
    }
    if (!itemCategories.includes(category)) {
      problems.push(problem("bad_reference", at("category"), { detail: `类别 "${category}" 应为 ${itemCategories.join("/")}`, detailEn: `category "${category}" must be one of ${itemCategories.join("/")}` }));
    }
    if (!row.get("clause")) problems.push(problem("bad_reference", at("clause"), { detail: "每行都要注明出处", detailEn: "every row must cite its clause" }));
    byNo.set(no, {
      no,
      title: row.get("title_zh"),
      short: { zh: row.get("short_zh"), en: row.get("short_en") },
      category,
      units: [],
      clause: row.get("clause"),
    });
  }
  const ordered = [...links.rows].sort((a, b) => Number(a.get("position")) - Number(b.get("position")));
  for (const row of ordered) {
    const item = byNo.get(Number(row.get("item_no")));
    const unit = row.get("unit_code");
    const at = (c: string) => ({ file: linksFile, line: row.line, column: row.columnOf(c) });
    if (!item) problems.push(problem("bad_reference", at("item_no"), { detail: `事项 "${row.get("item_no")}" 不存在`, detailEn: `item "${row.get("item_no")}" does not exist` }));
    else if (!unitCodes.has(unit)) problems.push(problem("bad_reference", at("unit_code"), { detail: `责任单位 "${unit}" 不在 units.csv 中`, detailEn: `unit "${unit}" is not in units.csv` }));
    else item.units.push(unit);
  }
  for (const item of byNo.values()) {
    if (item.units.length === 0) {
      problems.push(problem("bad_reference", { file: linksFile, line: 0, column: 0 }, { detail: `事项 ${item.no} 没有责任单位`, detailEn: `item ${item.no} has no responsible unit` }));
    }
  }
  return { items: [...byNo.values()].sort((a, b) => a.no - b.no), problems };
}
