// Behaviours first questioned in review, then decided: see tests/fixtures/README.md.
import { describe, expect, it } from "vitest";
import { check, located, observed } from "./fixtures.ts";

const at = (name: string, code: string, line: number, column: number, value?: string) => ({
  severity: "error",
  code,
  file: `tests/fixtures/validate/${name}`,
  line,
  column,
  value,
});

describe("validateFile: decided cases", () => {
  it("validateFile skips rows of bare delimiters like blank lines", () => {
    const r = check("delimiter_only_rows.csv");
    expect(r.problems).toEqual([]);
    expect(observed(r).map((o) => o.line)).toEqual([2]);
  });
  it("validateFile asks for the entity of a park-level indicator left empty", () => {
    expect(check("park_indicator_empty_entity.csv").problems.map(located)).toEqual([at("park_indicator_empty_entity.csv", "missing_value", 2, 2)]);
  });
  it("validateFile keeps an empty value in a long file as missing, never zero", () => {
    const r = check("long_empty_value.csv");
    expect(r.problems).toEqual([]);
    expect(r.observations.map((o) => o.value)).toContain(null);
    expect(r.observations.map((o) => o.value)).not.toContain(0);
  });
  it("validateFile points a column count error at the surplus field that holds text", () => {
    expect(check("column_count_gap.csv").problems.map(located)).toEqual([{ ...at("column_count_gap.csv", "column_count", 2, 6), value: "6" }]);
  });
  it("validateFile locates an undecodable byte by fields, not counting commas inside quotes", () => {
    const p = check("undecodable_after_quoted_comma.csv").problems;
    expect(p.map((x) => [x.code, x.line, x.column])).toEqual([["undecodable", 2, 5]]);
  });
  it("validateFile refuses a column a wide sheet has no use for", () => {
    expect(check("wide_ignored_column.csv").problems.map(located)).toEqual([at("wide_ignored_column.csv", "unknown_column", 1, 4, "状态")]);
  });
  it("validateFile yields no record from a row with an error", () => {
    const r = check("bad_sample_flag_record.csv");
    expect(r.problems.map((p) => p.code)).toEqual(["bad_sample_flag"]);
    expect(r.observations).toEqual([]);
  });
});
