// Reading one cell of a row, with its location: shared by every layout's row reader.

import { halfWidth } from "../normalise/text.ts";
import { parseDate } from "../normalise/period.ts";
import { problem, type Location, type Params, type Problem, type ProblemCode, type Severity } from "../problems.ts";
import type { ColumnMap, Field } from "./layout.ts";

export interface Context {
  file: string;
  /** Today's date (ISO): periods and dates after it are refused. An argument, never the clock. */
  today: string;
}

/** A problem found in one cell, before it has a location. */
export interface Issue {
  code: ProblemCode;
  params: Params;
  severity?: Severity;
}

/** The sample column's words: true, false, or undefined for a word that is neither. */
export function sampleFlag(cell: string): boolean | undefined {
  const text = halfWidth(cell).toLowerCase();
  if (text === "" || ["否", "false", "no", "n", "0"].includes(text)) return false;
  if (["是", "true", "yes", "y", "1", "样例", "sample"].includes(text)) return true;
  return undefined;
}

export class Row {
  constructor(
    readonly fields: string[],
    readonly line: number,
    private readonly map: ColumnMap,
    private readonly ctx: Context,
    readonly problems: Problem[],
  ) {}

  /** The cell of a field, trimmed; "" when the file has no such column. */
  get(field: Field): string {
    const i = this.map.fields[field];
    return i === undefined ? "" : (this.fields[i] ?? "").trim();
  }

  /** Where a field's cell is: its 1-based column (0 when the file has no such column). */
  at(field: Field | number): Location {
    const i = typeof field === "number" ? field : this.map.fields[field];
    return { file: this.ctx.file, line: this.line, column: i === undefined ? 0 : i + 1 };
  }

  error(code: ProblemCode, field: Field | number, params: Params = {}, severity: Severity = "error"): void {
    this.problems.push(problem(code, this.at(field), params, severity));
  }

  required(field: Field, zh: string, en: string): string | undefined {
    const v = this.get(field);
    if (v === "") this.error("missing_value", field, { what: zh, whatEn: en });
    return v || undefined;
  }

  /** A date that is not after today; undefined (with a problem) otherwise. */
  date(field: Field): string | undefined {
    const text = this.required(field, "日期", "the date");
    if (text === undefined) return undefined;
    const iso = parseDate(text);
    if (!iso) return void this.error("bad_date", field, { value: text });
    if (iso > this.ctx.today) return void this.error("future_date", field, { value: text, expected: this.ctx.today });
    return iso;
  }

  sample(): boolean {
    const flag = sampleFlag(this.get("sample"));
    if (flag === undefined) this.error("bad_sample_flag", "sample", { value: this.get("sample") });
    return flag ?? false;
  }

  annotations() {
    return { note: this.get("note"), source: this.get("source"), sample: this.sample() };
  }
}
