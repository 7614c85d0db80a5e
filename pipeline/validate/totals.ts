// 合计 · 总计 · 小计 in a table, as Excel sheets carry them: a row (the periods above it, or in a long
// file the entities of one indicator and period) or a column (the parks beside it). A total is not a
// figure of its own: it is checked against the sum of its parts and then left out. When it agrees, one
// notice per total says it was checked; when it does not, the total's cell gets a warning naming both
// sums (a published total can differ by rounding, so it never refuses the file).

import { parseValue } from "../normalise/number.ts";
import { parsePeriod } from "../normalise/period.ts";
import { problem, warning, type Problem } from "../problems.ts";
import { lookup } from "../registry/lookup.ts";
import type { Indicator, Registry } from "../registry/types.ts";
import type { Observation } from "../model.ts";
import type { CsvRecord } from "../parse/csv.ts";
import { isTotalWord, type ColumnMap } from "./layout.ts";
import type { Place } from "./table.ts";

/** Kinds whose values add up across entities; across periods only flows do (a cumulative count's months do not add). */
const additiveAcrossEntities = new Set<Indicator["kind"]>(["count", "cumulative", "amount"]);
const additiveAcrossPeriods = new Set<Indicator["kind"]>(["count", "amount"]);

export class Totals {
  private readonly rows: CsvRecord[] = [];
  private readonly parts: Observation[] = [];
  private readonly spoiltLines = new Set<number>();
  private readonly rowsWithTotals = new Map<number, string[]>();

  constructor(
    private readonly map: ColumnMap,
    private readonly registry: Registry,
    private readonly place: Place,
    private readonly headerLine: number,
    private readonly headerCells: string[],
  ) {}

  /** A 合计 row: its period cell (wide) or entity cell (long) says so. */
  isTotalRow(record: CsvRecord): boolean {
    const field = this.map.layout === "wide" ? this.map.fields.period : this.map.layout === "long" ? this.map.fields.entity : undefined;
    if (field === undefined || !isTotalWord(record.fields[field] ?? "")) return false;
    this.rows.push(record);
    return true;
  }

  part(o: Observation): void {
    this.parts.push(o);
  }

  /** A row with an error: totals over it are not checked (its own error says what to fix). */
  spoilt(line: number): void {
    this.spoiltLines.add(line);
  }

  check(fileIndicator?: string): Problem[] {
    const out: Problem[] = [];
    if (this.map.layout === "wide") {
      let from = 0;
      for (const row of this.rows) {
        const cells = [...this.map.entityColumns.keys()].map((c) => ({ column: c, parts: this.parts.filter((o) => o.origin.line > from && o.origin.line < row.line && o.origin.column === c + 1) }));
        const spoilt = [...this.spoiltLines].some((l) => l > from && l < row.line);
        const what = ["合计行", "total row"] as const;
        const indicator = this.indicatorOf(row, fileIndicator);
        out.push(...this.compare(row, cells, what, `第 ${from + 1}–${row.line - 1} 行`, `lines ${from + 1}–${row.line - 1}`, indicator, additiveAcrossPeriods, spoilt, this.map.fields.period!));
        from = row.line;
      }
      for (const column of this.map.totalColumns) out.push(...this.checkColumn(column));
    } else if (this.map.layout === "long") {
      for (const row of this.rows) {
        const indicator = lookup(this.registry).indicator(row.fields[this.map.fields.indicator!]?.trim() ?? "");
        const period = parsePeriod(row.fields[this.map.fields.period!]?.trim() ?? "");
        if (!indicator || !period.ok) {
          out.push(warning("total_unchecked", this.at(row.line, this.map.fields.entity! + 1), { value: row.fields[this.map.fields.entity!]!.trim(), what: "合计行", whatEn: "total row", detail: "指标或时期无法识别", detailEn: "its indicator or period is not recognised" }));
          continue;
        }
        const parts = this.parts.filter((o) => o.indicator === indicator.id && o.period.key === period.period.key && o.entity !== this.registry.selfZone);
        const cells = [{ column: this.map.fields.value!, parts }];
        out.push(...this.compare(row, cells, ["合计行", "total row"], "同一指标、时期的各园区", "the entities of the same indicator and period", indicator, additiveAcrossEntities, false, this.map.fields.entity!));
      }
    }
    return out;
  }

  /** A 合计 column: on every row, against the entity columns beside it. */
  private checkColumn(column: number): Problem[] {
    const mismatches: Problem[] = [];
    let agreed = 0;
    for (const [line, fields] of this.rowsWithTotals) {
      const parts = this.parts.filter((o) => o.origin.line === line);
      if (this.spoiltLines.has(line) || !parts.length) continue;
      const indicator = lookup(this.registry).indicator(parts[0]!.indicator);
      if (indicator && !additiveAcrossEntities.has(indicator.kind)) continue;
      const r = this.compareCell(line, column, (fields[column] ?? "").trim(), parts, ["合计列", "total column"], "本行各园区", "the entities on this line");
      if (r === "agrees") agreed++;
      else if (r) mismatches.push(r);
    }
    const notice = agreed && !mismatches.length ? [warning("total_checked", this.at(this.headerLine, column + 1), { value: this.headerCells[column] ?? "", what: "合计列", whatEn: "total column" })] : [];
    return [...notice, ...mismatches];
  }

  private compare(row: CsvRecord, cells: { column: number; parts: Observation[] }[], what: readonly [string, string], detail: string, detailEn: string, indicator: Indicator | undefined, additive: Set<Indicator["kind"]>, spoilt: boolean, labelColumn: number): Problem[] {
    const label = (row.fields[labelColumn] ?? "").trim();
    const unchecked = (zh: string, en: string) => [warning("total_unchecked", this.at(row.line, labelColumn + 1), { value: label, what: what[0], whatEn: what[1], detail: zh, detailEn: en })];
    if (spoilt) return unchecked("其所加总的行有错误", "a line it adds up has an error");
    if (indicator && !additive.has(indicator.kind)) return unchecked(`${indicator.name.zh}不能相加`, `${indicator.name.en} does not add up`);
    const out: Problem[] = [];
    let agreed = 0;
    for (const { column, parts } of cells) {
      const r = this.compareCell(row.line, column, (row.fields[column] ?? "").trim(), parts, what, detail, detailEn);
      if (r === "agrees") agreed++;
      else if (r) out.push(r);
    }
    if (agreed && !out.length) out.push(warning("total_checked", this.at(row.line, labelColumn + 1), { value: label, what: what[0], whatEn: what[1] }));
    return out;
  }

  /** One total cell against its parts: "agrees", a problem, or undefined when the cell is empty. */
  private compareCell(line: number, column: number, text: string, parts: Observation[], what: readonly [string, string], detail: string, detailEn: string): Problem | "agrees" | undefined {
    if (text === "") return undefined;
    const at = this.at(line, column + 1);
    const v = parseValue(text);
    if (!v.ok) return problem("not_a_number", at, { value: text, detail: v.zh, detailEn: v.en });
    if (v.value === null) return undefined;
    const sum = parts.reduce((s, o) => s + (o.value ?? 0), 0);
    // Sums of decimals drift in the last binary digits (0.1 + 0.2): compare to a billionth.
    if (Math.abs(sum - v.value) <= 1e-9 * Math.max(1, Math.abs(v.value))) return "agrees";
    return warning("total_mismatch", at, { value: text, expected: String(Number(sum.toPrecision(12))), what: what[0], whatEn: what[1], detail, detailEn });
  }

  /** Each data row of a table with a 合计 column, kept so the column's cells can be read when the table is done. */
  keepRow(record: CsvRecord): void {
    if (this.map.totalColumns.length) this.rowsWithTotals.set(record.line, record.fields);
  }

  private indicatorOf(row: CsvRecord, fileIndicator?: string): Indicator | undefined {
    const column = this.map.fields.indicator;
    const text = (column === undefined ? "" : (row.fields[column] ?? "").trim()) || fileIndicator || "";
    return lookup(this.registry).indicator(text);
  }

  private at(line: number, column: number) {
    return { ...this.place, line, column };
  }
}
