// Each validation rule on its own fixture (tests/fixtures/validate/<rule>.csv): the exact problems
// reported — severity, code, line and column as an editor shows them — and nothing else.

import { describe, expect, it } from "vitest";
import { bytesOf, check, checkTogether, fixture, located, observed, registry, today } from "./fixtures.ts";
import { validateFiles } from "../../pipeline/validate/index.ts";
import type { ProblemCode, Severity } from "../../pipeline/problems.ts";

const at = (name: string, code: ProblemCode, line: number, column: number, value?: string, severity: Severity = "error") => ({
  severity,
  code,
  file: fixture(name),
  line,
  column,
  value,
});
const problemsOf = (name: string) => check(name).problems.map(located);

describe("validateFile: what a row names", () => {
  it("validateFile reports an unknown indicator at its line and column, and reads the rows after it", () => {
    const r = check("unknown_indicator.csv");
    expect(r.problems.map(located)).toEqual([at("unknown_indicator.csv", "unknown_indicator", 2, 1, "no_such_indicator")]);
    expect(r.problems[0]!.en).toContain('"no_such_indicator"');
    expect(observed(r)).toEqual([expect.objectContaining({ indicator: "ftz_aligned_cases", line: 3 })]);
  });

  it("validateFile reports an unknown park in the entity column", () => {
    const r = check("unknown_entity.csv");
    expect(r.problems.map(located)).toEqual([at("unknown_entity.csv", "unknown_entity", 2, 2, "火星产业园")]);
    expect(r.problems[0]!.zh).toContain("凤凰湖产业园"); // names what was expected
    expect(r.observations).toEqual([]);
  });

  it("validateFile reports an unknown park in a wide sheet's header at line 1 and its column", () => {
    const r = check("unknown_entity_wide.csv");
    expect(r.problems.map(located)).toEqual([at("unknown_entity_wide.csv", "unknown_entity", 1, 4, "火星产业园")]);
    // The known park's column is still read.
    expect(observed(r)).toEqual([expect.objectContaining({ entity: "fenghuanghu", value: 4, line: 2, column: 3 })]);
  });

  it("validateFile refuses a park (a level mismatch), or another linked zone, for a zone-level indicator", () => {
    const r = check("wrong_entity_kind.csv");
    expect(r.problems.map(located)).toEqual([
      at("wrong_entity_kind.csv", "level_mismatch", 2, 2, "凤凰湖产业园"),
      at("wrong_entity_kind.csv", "unknown_entity", 3, 2, "重庆高新区"),
    ]);
    expect(r.problems[0]!.en).toContain("level mismatch: 凤凰湖产业园 is a park-level entity; the indicator ftz_aligned_cases holds zone-level values");
    expect(r.problems[0]!.zh).toContain("层级不符");
    expect(r.problems[0]!.zh).toContain("永川高新区"); // the only entity a zone indicator accepts
  });
});

describe("validateFile: periods", () => {
  it("validateFile reports 2023-13, 2023-Q5 and 2023-02-30 as bad periods, with the reason, and reads an Excel serial 45107 as its day with a warning", () => {
    const r = check("bad_period.csv");
    expect(r.problems.map(located)).toEqual([
      at("bad_period.csv", "bad_period", 2, 3, "2023-13"),
      at("bad_period.csv", "bad_period", 3, 3, "2023-Q5"),
      at("bad_period.csv", "bad_period", 4, 3, "2023-02-30"),
      at("bad_period.csv", "period_from_serial", 5, 3, "45107", "warning"),
    ]);
    expect(r.problems.map((p) => p.en)).toEqual([
      expect.stringContaining("there is no month 13"),
      expect.stringContaining("there is no quarter 5"),
      expect.stringContaining("2023-02 has no day 30"),
      expect.stringContaining("an Excel date serial, read as 2023-06-30"),
    ]);
    expect(r.observations.map((o) => [o.period.key, o.origin.line])).toEqual([["2023-06-30", 5]]);
  });

  it("validateFile refuses a period that begins after today (future_period, an error)", () => {
    const r = check("future_period.csv");
    expect(r.problems.map(located)).toEqual([at("future_period.csv", "future_period", 2, 3, "2027")]);
    expect(r.problems[0]!.en).toContain("today is 2026-11-27");
    expect(r.observations).toEqual([]);
  });

  it("validateFile warns about a period not yet ended (incomplete_period) and keeps the value", () => {
    const r = check("incomplete_period.csv");
    expect(r.problems.map(located)).toEqual([at("incomplete_period.csv", "incomplete_period", 2, 3, "2026-Q4", "warning")]);
    expect(observed(r)).toEqual([
      { indicator: "innovation_cases", entity: "yongchuan", period: "2026-Q4", start: "2026-10-01", end: "2026-12-31", value: 3, qualifier: null, line: 2, column: 4 },
    ]);
  });
});

describe("validateFile: values", () => {
  it("validateFile reports text, NaN, Infinity, #N/A, a dash, 1,23,4 and values with units as not numbers", () => {
    const r = check("not_a_number.csv");
    const values = ["abc", "NaN", "Infinity", "#N/A", "-", "1,23,4", "5台", "3.2吨"];
    expect(r.problems.map(located)).toEqual(values.map((v, i) => at("not_a_number.csv", "not_a_number", i + 2, 4, v)));
    expect(r.problems.map((p) => p.en)).toEqual([
      expect.not.stringContaining("("),
      expect.stringContaining("not a finite number"),
      expect.stringContaining("not a finite number"),
      expect.stringContaining("an Excel error value #N/A"),
      expect.stringContaining("leave the cell empty"),
      expect.stringContaining("misplaced thousands separator"),
      expect.stringContaining('the unit "台"'), // not a unit the registry converts (normalise/unit.ts): refused as before
      expect.stringContaining('the unit "吨"'),
    ]);
  });

  it("validateFile refuses a percent sign on a count indicator", () => {
    const r = check("percent_on_count.csv");
    expect(r.problems.map(located)).toEqual([at("percent_on_count.csv", "not_a_number", 2, 4, "85%")]);
    expect(r.problems[0]!.en).toContain("the indicator's unit is cases, not %");
  });

  it("validateFile reports a negative count at its line and column", () => {
    expect(problemsOf("negative_count.csv")).toEqual([at("negative_count.csv", "negative_count", 2, 4, "-3")]);
  });

  it("validateFile reports a count that is not a whole number", () => {
    expect(problemsOf("not_integer.csv")).toEqual([at("not_integer.csv", "not_integer", 2, 4, "2.5")]);
  });

  it("validateFile refuses a rank outside 1..10, the number of peer zones, and accepts 3", () => {
    const r = check("rank_out_of_range.csv");
    expect(r.problems.map(located)).toEqual([
      at("rank_out_of_range.csv", "rank_out_of_range", 2, 4, "11"),
      at("rank_out_of_range.csv", "rank_out_of_range", 3, 4, "0"),
    ]);
    expect(r.problems[0]!.en).toContain("from 1 to 10");
    expect(observed(r)).toEqual([expect.objectContaining({ indicator: "powers_delegated_rank", entity: "yongchuan", period: "2025", value: 3 })]);
  });

  it("validateFile refuses a share outside 0..100 and a negative amount below the registry's min", () => {
    const r = check("out_of_range.csv");
    expect(r.problems.map(located)).toEqual([
      at("out_of_range.csv", "out_of_range", 2, 4, "101"),
      at("out_of_range.csv", "out_of_range", 3, 4, "-1"),
      at("out_of_range.csv", "out_of_range", 4, 4, "-2.5"),
    ]);
    expect(r.problems[0]!.en).toContain("0–100");
  });

  it("validateFile refuses a milestone value other than 0 or 1", () => {
    const r = check("bad_milestone.csv");
    expect(r.problems.map(located)).toEqual([
      at("bad_milestone.csv", "bad_milestone", 2, 4, "2"),
      at("bad_milestone.csv", "bad_milestone", 3, 4, "0.5"),
    ]);
    expect(observed(r)).toEqual([expect.objectContaining({ indicator: "tech_facilities_landed", entity: "pilot_base", value: 1, line: 4 })]);
  });

  it("validateFile reports a sample flag that is not yes or no, and reads yes as sample", () => {
    const r = check("bad_sample_flag.csv");
    expect(r.problems.map(located)).toEqual([at("bad_sample_flag.csv", "bad_sample_flag", 3, 5, "maybe")]);
    expect(r.observations[0]!.sample).toBe(true);
  });

  it("validateFile keeps where a figure was published: link, title, date, quoted sentence, reliability", () => {
    const r = check("provenance.csv");
    expect(r.problems).toEqual([]);
    expect(r.observations.map((o) => o.provenance)).toEqual([
      {
        url: "https://www.cqyc.gov.cn/example/2024-01-20.html",
        title: "永川区2023年外贸情况",
        published: "2024-01-20",
        excerpt: "凤凰湖产业园全年外贸进出口约12.5亿元",
        reliability: "official",
      },
      { url: "http://10.1.2.3/news/1", title: null, published: null, excerpt: null, reliability: "media" },
      undefined,
    ]);
  });

  it("validateFile refuses a link that is not a web address, an unknown reliability and a bad or future publication date", () => {
    expect(problemsOf("bad_provenance.csv")).toEqual([
      at("bad_provenance.csv", "bad_url", 2, 5, "www.cqyc.gov.cn/a"),
      at("bad_provenance.csv", "bad_reliability", 3, 7, "heard it"),
      at("bad_provenance.csv", "bad_date", 4, 6, "2024-13-01"),
      at("bad_provenance.csv", "future_date", 5, 6, "2027-01-01"),
    ]);
    expect(check("bad_provenance.csv").problems[1]!.zh).toContain("应为 官方发布、媒体报道、转载 之一");
  });
});

describe("validateFiles: duplicates and outliers", () => {
  it("validateFiles reports a second row for the same (indicator, entity, period) within a file, naming the first line", () => {
    const v = checkTogether("duplicate.csv");
    // 2023 and 2023年, an empty entity and yongchuan: the same key once read.
    expect(v.problems.map(located)).toEqual([at("duplicate.csv", "duplicate", 3, 4)]);
    expect(v.problems[0]!.en).toContain("(innovation_cases, yongchuan, 2023) already appears at tests/fixtures/validate/duplicate.csv:2");
  });

  it("validateFiles reports a duplicate across two files, naming the other file and line", () => {
    const v = checkTogether("duplicate_across_1.csv", "duplicate_across_2.csv");
    expect(v.problems.map(located)).toEqual([at("duplicate_across_2.csv", "duplicate", 3, 4)]);
    expect(v.problems[0]!.en).toContain("already appears at tests/fixtures/validate/duplicate_across_1.csv:2");
    expect(v.problems[0]!.zh).toContain("已在 tests/fixtures/validate/duplicate_across_1.csv:2 出现");
  });

  it("validateFiles warns about a value far outside a series of six (outlier), and only about that one", () => {
    const v = checkTogether("outlier.csv");
    expect(v.problems.map(located)).toEqual([at("outlier.csv", "outlier", 7, 4, "500", "warning")]);
    expect(v.problems[0]!.en).toContain("median 11");
    expect(v.observations).toHaveLength(6);
  });

  it("validateFile alone does not look for duplicates or outliers: those span files", () => {
    expect(check("duplicate.csv").problems).toEqual([]);
    expect(check("outlier.csv").problems).toEqual([]);
  });
});

describe("validateFile: status boards", () => {
  it("validateFile refuses a reform item status outside its vocabulary (已完成 is a task word)", () => {
    const r = check("bad_status_item.csv");
    expect(r.problems.map(located)).toEqual([at("bad_status_item.csv", "bad_status", 2, 3, "已完成")]);
    expect(r.problems[0]!.zh).toContain("未启动 / 推进中 / 已落地 / 已推广 / 不适用");
    expect(r.itemStatuses).toEqual([expect.objectContaining({ item: 2, date: "2023-06-30", status: "landed" })]);
  });

  it("validateFile refuses a task status outside its vocabulary (已落地 is an item word)", () => {
    const r = check("bad_status_task.csv");
    expect(r.problems.map(located)).toEqual([at("bad_status_task.csv", "bad_status", 2, 3, "已落地")]);
    expect(r.problems[0]!.zh).toContain("未启动 / 推进中 / 已完成 / 已取消");
    expect(r.taskStatuses).toEqual([expect.objectContaining({ task: "REP-01", date: "2023-07-31", status: "done" })]);
  });

  it("validateFile reports an unknown reform item number, and reads 第5项 and a short title", () => {
    const r = check("unknown_item.csv");
    expect(r.problems.map(located)).toEqual([at("unknown_item.csv", "unknown_item", 2, 1, "34")]);
    expect(r.problems[0]!.en).toContain("1–33");
    expect(r.itemStatuses.map((s) => [s.item, s.status])).toEqual([
      [5, "promoted"],
      [4, "in_progress"],
    ]);
  });

  it("validateFiles reports a task status for a task no task list defines, at its line", () => {
    const v = checkTogether("task_list.csv", "unknown_task.csv");
    expect(v.problems.map(located)).toEqual([at("unknown_task.csv", "unknown_task", 3, 1, "REP-09")]);
    expect(v.tasks.map((t) => [t.id, t.list, t.units, t.item])).toEqual([
      ["REP-01", "replication", ["econ_info"], 1],
      ["POL-01", "policy", ["commerce", "tax"], null],
    ]);
    expect(v.taskStatuses).toHaveLength(2);
  });

  it("validateFiles without the task list reports every task id, and takes knownTaskIds (from the warehouse) as defined", () => {
    expect(checkTogether("unknown_task.csv").problems.map(located)).toEqual([
      at("unknown_task.csv", "unknown_task", 2, 1, "REP-01"),
      at("unknown_task.csv", "unknown_task", 3, 1, "REP-09"),
    ]);
    const known = validateFiles([{ file: fixture("unknown_task.csv"), bytes: bytesOf("unknown_task.csv") }], registry, today, { knownTaskIds: ["REP-01"] });
    expect(known.problems.map(located)).toEqual([at("unknown_task.csv", "unknown_task", 3, 1, "REP-09")]);
  });

  it("validateFile reports a date that is a month, or no such day, in a status file", () => {
    expect(problemsOf("bad_date.csv")).toEqual([
      at("bad_date.csv", "bad_date", 2, 2, "2023-06"),
      at("bad_date.csv", "bad_date", 3, 2, "2023-02-30"),
    ]);
  });

  it("validateFile refuses a status date after today", () => {
    const r = check("future_date.csv");
    expect(r.problems.map(located)).toEqual([at("future_date.csv", "future_date", 2, 2, "2027-01-01")]);
    expect(r.taskStatuses).toEqual([]);
  });
});

describe("validateFile: the shape of the file", () => {
  it("validateFile reports too many non-empty fields at the first extra column, and too few at the first missing one", () => {
    const r = check("column_count.csv");
    expect(r.problems.map(located)).toEqual([
      at("column_count.csv", "column_count", 2, 5, "5"),
      at("column_count.csv", "column_count", 3, 4, "3"),
    ]);
    expect(r.problems[0]!.en).toBe("this line has 5 fields; the header has 4");
    expect(observed(r)).toEqual([expect.objectContaining({ period: "2023", line: 4 })]);
  });

  it("validateFile accepts trailing delimiters on the header and on rows", () => {
    const r = check("trailing_delimiters.csv");
    expect(r.problems).toEqual([]);
    expect(observed(r).map((o) => [o.period, o.value, o.line])).toEqual([
      ["2021", 1, 2],
      ["2022", 2, 3],
      ["2023", 3, 4],
    ]);
  });

  it("validateFile reports an unterminated quote at the opening quote's line and column, keeping the rows before it", () => {
    const r = check("broken_quote_unterminated.csv");
    expect(r.problems.map(located)).toEqual([at("broken_quote_unterminated.csv", "broken_quote", 3, 3)]);
    expect(r.problems[0]!.en).toContain("the quote opened at line 3, column 3 is never closed");
    expect(observed(r).map((o) => o.line)).toEqual([2]);
  });

  it("validateFile reports text after a closing quote, and skips that row only", () => {
    const r = check("broken_quote_after_closing.csv");
    expect(r.problems.map(located)).toEqual([at("broken_quote_after_closing.csv", "broken_quote", 2, 3, "x,1")]);
    expect(observed(r).map((o) => o.line)).toEqual([3]);
  });

  it("validateFile reports a bare quote inside an unquoted field, and skips that row only", () => {
    const r = check("broken_quote_bare.csv");
    expect(r.problems.map(located)).toEqual([at("broken_quote_bare.csv", "broken_quote", 3, 2, '永川"高新区')]);
    expect(observed(r).map((o) => o.line)).toEqual([2, 4]);
  });

  it("validateFile reads quoted commas, doubled quotes and line breaks, and the rows after keep their editor line numbers", () => {
    const r = check("quoted_fields.csv");
    expect(r.problems).toEqual([]);
    expect(r.observations.map((o) => [o.origin.line, o.value, o.note])).toEqual([
      [2, 1, "报送 2 个, 采用 1 个"],
      [3, 1234, "第一行\n第二行\n第三行"],
      [6, 3, '他说 "好"'],
    ]);
  });

  it("validateFile reports an empty file as empty_file, for the whole file (line 0, column 0)", () => {
    const r = check("empty.csv");
    expect(r.problems.map(located)).toEqual([at("empty.csv", "empty_file", 0, 0)]);
    expect(r.layout).toBeNull();
  });

  it("validateFile accepts a header with no rows: no problem, zero records, the layout known", () => {
    const r = check("header_only.csv");
    expect(r.problems).toEqual([]);
    expect(r.layout).toBe("long");
    expect(r.rows).toBe(0);
    expect(r.observations).toEqual([]);
  });

  it("validateFile reports a first row of data as a missing header, on line 1", () => {
    const r = check("missing_header.csv");
    expect(r.problems.map(located)).toEqual([at("missing_header.csv", "missing_header", 1, 0, "innovation_cases,yongchuan,2023,1")]);
    expect(r.problems[0]!.en).toContain("indicator,entity,period,value");
    expect(r.observations).toEqual([]);
  });

  it("validateFile reports a header it cannot place as unknown_layout", () => {
    const r = check("unknown_layout.csv");
    expect(r.problems.map(located)).toEqual([at("unknown_layout.csv", "unknown_layout", 1, 0, "name,colour")]);
    expect(r.layout).toBeNull();
  });

  it("validateFile reports a repeated column (数值 after value) at the repeat, naming the first", () => {
    const r = check("duplicate_column.csv");
    expect(r.problems.map(located)).toEqual([at("duplicate_column.csv", "duplicate_column", 1, 5, "数值")]);
    expect(r.problems[0]!.en).toContain("same as column 4");
  });

  it("validateFile reports a missing period column on the header line", () => {
    const r = check("missing_column.csv");
    expect(r.problems.map(located)).toEqual([
      // Reported once, on the header: the rows are not read, so they do not repeat it.
      at("missing_column.csv", "missing_column", 1, 0),
    ]);
    expect(r.problems[0]!.zh).toContain("时期（period）");
  });

  it("validateFile names a task list's missing column by its Chinese header, 责任单位", () => {
    const r = check("missing_column_tasks.csv");
    expect(r.problems.map(located)).toEqual([
      at("missing_column_tasks.csv", "missing_column", 1, 0),
    ]);
    expect(r.problems[0]!.zh).toBe("缺少必需的列 责任单位（unit）");
    expect(r.tasks).toEqual([]);
  });

  it("validateFile reports an unknown column in a long file, listing the Chinese names of the allowed ones", () => {
    const r = check("unknown_column.csv");
    expect(r.problems.map(located)).toEqual([at("unknown_column.csv", "unknown_column", 1, 5, "colour")]);
    expect(r.problems[0]!.zh).toContain("指标、时期、数值、园区、备注、来源、样例");
  });
});

describe("validateFile: bytes that are not text", () => {
  it("validateFile reports a 0xFF byte in an otherwise ASCII file at its line and field", () => {
    const r = check("undecodable_ff.csv");
    expect(r.problems.map(located)).toEqual([at("undecodable_ff.csv", "undecodable", 3, 4, "0xFF 0x0A")]);
    expect(r.encoding).toBeNull();
    expect(r.observations).toEqual([]);
  });

  it("validateFile reports a GBK lead byte followed by a comma at the lead byte", () => {
    expect(problemsOf("undecodable_gbk_lead.csv")).toEqual([at("undecodable_gbk_lead.csv", "undecodable", 3, 2, "0xB7 0x2C 0x32 0x30")]);
  });

  it("validateFile reports a UTF-8 file with one GB18030 line as mixed encodings, at that line", () => {
    const r = check("mixed_encoding.csv");
    // 三 in GB18030 is D5 FD; 招 is D5 D0.
    expect(r.problems.map(located)).toEqual([at("mixed_encoding.csv", "mixed_encoding", 4, 1, "0xD5 0xD0 0xD2 0xFD")]);
    expect(r.problems[0]!.en).toContain("save the whole file as UTF-8");
  });

  it("validateFile reports GB18030 bytes after a UTF-8 BOM as mixed encodings, rather than reading them as U+FFFD", () => {
    expect(problemsOf("mixed_encoding_bom.csv")).toEqual([at("mixed_encoding_bom.csv", "mixed_encoding", 3, 2, "0xC8 0xFD 0xBD 0xCC")]);
  });

  it("validateFile finds the GB18030 line of a mixed file whose lines end in CR alone (Excel for Mac)", () => {
    expect(problemsOf("mixed_encoding_cr.csv")).toEqual([at("mixed_encoding_cr.csv", "mixed_encoding", 4, 1, "0xD5 0xD0 0xD2 0xFD")]);
  });
});

describe("validateFile: line numbers in CRLF files", () => {
  it("validateFile locates a problem after a quoted CRLF line break on the line an editor shows", () => {
    const r = check("crlf_quoted_newline.csv");
    expect(r.problems.map(located)).toEqual([at("crlf_quoted_newline.csv", "negative_count", 4, 4, "-3")]);
    expect(r.observations.map((o) => [o.origin.line, o.note])).toEqual([[2, "第一行\r\n第二行"]]);
  });
});
