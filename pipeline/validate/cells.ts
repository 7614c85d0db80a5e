// Reading one cell of a row, with its location: shared by every layout's row reader.

import { halfWidth } from "../normalise/text.ts";
import { parseDate } from "../normalise/period.ts";
import { problem, type Location, type Params, type Problem, type ProblemCode, type Severity } from "../problems.ts";
import { provenanceFields, type ColumnMap, type Field } from "./layout.ts";
import { reliabilityWords, type Provenance, type Reliability } from "../model.ts";

export interface Context {
  file: string;
  /** In a workbook, the sheet being read. */
  sheet?: string;
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

/** The reliability a word names (官方发布, media, 转载…), or undefined for a word that is none. */
export function reliabilityOf(cell: string): Reliability | undefined {
  const text = halfWidth(cell).toLowerCase();
  for (const [code, w] of Object.entries(reliabilityWords) as [Reliability, (typeof reliabilityWords)[Reliability]][]) {
    if ([code, w.zh, w.en, ...w.also].some((x) => x.toLowerCase() === text)) return code;
  }
  return undefined;
}

/** A link a page can open: http(s), no spaces. Intranet hosts and plain IP addresses are fine. */
export const isLink = (text: string) => /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(text);

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
    const at: Location = { file: this.ctx.file, line: this.line, column: i === undefined ? 0 : i + 1 };
    if (this.ctx.sheet !== undefined) at.sheet = this.ctx.sheet;
    return at;
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
    const provenance = this.provenance();
    return { note: this.get("note"), source: this.get("source"), sample: this.sample(), ...(provenance && { provenance }) };
  }

  /** The provenance columns' cells, checked (empty cells are null); undefined when the file has none of those columns or the row leaves them all empty. */
  provenance(): Provenance | undefined {
    if (!provenanceFields.some((f) => this.map.fields[f] !== undefined)) return undefined;
    const text = (f: Field) => this.get(f) || null;
    let url = text("source_url");
    if (url !== null && !isLink(url)) {
      this.error("bad_url", "source_url", { value: url });
      url = null;
    }
    let published = text("published");
    if (published !== null) published = this.date("published") ?? null;
    const word = text("reliability");
    const reliability = word === null ? null : (reliabilityOf(word) ?? null);
    if (word !== null && reliability === null) {
      const expected = Object.values(reliabilityWords).map((w) => w.zh).join("、");
      const expectedEn = Object.values(reliabilityWords).map((w) => w.en).join(", ");
      this.error("bad_reliability", "reliability", { value: word, expected, expectedEn });
    }
    const p: Provenance = { url, title: text("source_title"), published, excerpt: text("excerpt"), reliability };
    // A row that leaves them all empty says nothing about where it was published (as the warehouse reads it back).
    return Object.values(p).some((v) => v !== null) ? p : undefined;
  }
}
