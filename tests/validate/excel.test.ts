// Analysts' Excel habits (tests/fixtures/excel/, described in its README): each workbook and CSV file
// gives exactly the problems and records listed there — read (with what was skipped or converted said),
// or refused with one message.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblem, type Problem, type Severity } from "../../pipeline/problems.ts";
import { validateFile, type FileResult } from "../../pipeline/validate/index.ts";
import { sheetsOf } from "../../pipeline/files.ts";
import { columnLetters } from "../../pipeline/read/sheets.ts";
import { registry, today } from "./fixtures.ts";

const dir = "tests/fixtures/excel";

async function check(name: string): Promise<FileResult> {
  const file = `${dir}/${name}`;
  const bytes = new Uint8Array(readFileSync(file));
  return validateFile(file, bytes, registry, today, await sheetsOf(file, bytes));
}

/** A problem as the tests pin it: where (sheet, line, column), code, severity, value. */
const where = (p: Problem) => [p.sheet ?? null, p.line, p.column, p.severity, p.code, p.value ?? null];
const at = (sheet: string | null, line: number, column: number, code: string, value: string | null, severity: Severity = "error") => [sheet, line, column, severity, code, value];
/** An observation: entity, period, value, qualifier, and its sheet, line and column. */
const rows = (r: FileResult) => r.observations.map((o) => [o.entity, o.period.key, o.value, o.qualifier, o.origin.sheet ?? null, o.origin.line, o.origin.column]);

describe("workbooks", () => {
  it("reads every sheet of an .xlsx: a long sheet, a wide sheet named after its indicator; an empty Sheet3 is nothing to read", async () => {
    const r = await check("two_sheets.xlsx");
    expect(r.problems).toEqual([]);
    expect([r.encoding, r.layout, r.rows]).toEqual(["xlsx", "long", 4]);
    expect(rows(r)).toEqual([
      ["fenghuanghu", "2024-01", 3, null, "报送", 2, 4],
      ["gangqiao", "2024-Q1", 2.5, null, "报送", 3, 4],
      ["fenghuanghu", "2024-02", 5, null, "enterprises_attracted", 2, 2],
      ["gangqiao", "2024-02", 4, null, "enterprises_attracted", 2, 3],
      ["fenghuanghu", "2024-03", 6, null, "enterprises_attracted", 3, 2],
    ]);
    expect(r.observations.map((o) => o.indicator)).toEqual(["enterprises_attracted", "foreign_trade_value", "enterprises_attracted", "enterprises_attracted", "enterprises_attracted"]);
  });

  it("reads an Excel 97–2003 .xls, its qualifier kept (约5)", async () => {
    const r = await check("long.xls");
    expect(r.problems).toEqual([]);
    expect(r.encoding).toBe("xls");
    expect(rows(r)).toEqual([
      ["sanjiao", "2024-01", 7, null, "Sheet1", 2, 4],
      ["yongchuan", "2023-12", 5, "约", "Sheet1", 3, 4],
    ]);
  });

  it("locates a problem in its sheet, with Excel's column letter: file.xlsx[二月]:3:D", async () => {
    const r = await check("located.xlsx");
    expect(r.problems.map(where)).toEqual([at("二月", 3, 4, "negative_count", "-3")]);
    expect(formatProblem(r.problems[0]!)).toMatch(/^tests\/fixtures\/excel\/located\.xlsx\[二月\]:3:D: error negative_count /);
    expect(rows(r)).toEqual([
      ["fenghuanghu", "2024-01", 3, null, "一月", 2, 4],
      ["fenghuanghu", "2024-02", 2, null, "二月", 2, 4],
    ]);
  });

  it("refuses a damaged workbook with one message naming what the reader found", async () => {
    const r = await check("damaged.xlsx");
    expect(r.problems.map(where)).toEqual([at(null, 0, 0, "unreadable_workbook", r.problems[0]!.value!)]);
    expect(r.problems[0]!.zh).toContain("无法读取的 Excel 工作簿");
    expect(r.observations).toEqual([]);
  });

  it("columnLetters numbers columns as Excel does", () => {
    expect([1, 4, 26, 27, 52, 703].map(columnLetters)).toEqual(["A", "D", "Z", "AA", "AZ", "AAA"]);
  });
});

describe("titles, notes, blank rows", () => {
  it("skips a merged title and a unit line above the header and the notes under the table, each said once; blank rows between blocks are nothing", async () => {
    const r = await check("title_notes.xlsx");
    const s = "enterprises_attracted";
    expect(r.problems.map(where)).toEqual([
      at(s, 1, 1, "title_row", "2024年各园区新增企业数", "warning"),
      at(s, 2, 1, "title_row", "单位：家", "warning"),
      at(s, 8, 1, "note_row", "注：数据来源于区招商局月报。", "warning"),
      at(s, 9, 1, "note_row", "说明：港桥产业园2月数据待补。", "warning"),
    ]);
    expect(r.problems[0]!.en).toBe('title row "2024年各园区新增企业数" skipped (the header is on line 3)');
    expect(rows(r)).toEqual([
      ["fenghuanghu", "2024-01", 3, null, s, 4, 2],
      ["gangqiao", "2024-01", 4, null, s, 4, 3],
      ["sanjiao", "2024-01", 2, null, s, 4, 4],
      ["fenghuanghu", "2024-02", 5, null, s, 6, 2],
      ["sanjiao", "2024-02", 1, null, s, 6, 4],
    ]);
  });

  it("does the same in a CSV file", async () => {
    const r = await check("title_notes.csv");
    expect(r.problems.map(where)).toEqual([
      at(null, 1, 1, "title_row", "永川联动创新区2024年新增企业报送表", "warning"),
      at(null, 6, 1, "note_row", "注：数据来源于区招商局月报", "warning"),
    ]);
    expect(rows(r)).toEqual([
      ["fenghuanghu", "2024-01", 3, null, null, 3, 4],
      ["gangqiao", "2024-01", 4, null, null, 5, 4],
    ]);
  });
  it("skips notes under a long CSV table whose header is on line 1 (ingest reads it by these rules, never set-based)", async () => {
    const r = await check("notes_long.csv");
    expect(r.problems.map(where)).toEqual([at(null, 6, 1, "note_row", "注：数据来源于区招商局月报", "warning"), at(null, 7, 1, "note_row", "说明：2024年1月起按新口径统计", "warning")]);
    expect(rows(r)).toEqual([
      ["fenghuanghu", "2024-01", 3, null, null, 2, 4],
      ["gangqiao", "2024-01", 4, null, null, 3, 4],
      ["sanjiao", "2024-01", 2, null, null, 5, 4],
    ]);
  });
});

describe("two-row headers", () => {
  it("refuses a merged two-row header with one message that gives the one header row to write", async () => {
    const r = await check("two_row_header.xlsx");
    expect(r.problems.map(where)).toEqual([at("enterprises_attracted", 1, 0, "two_row_header", "1–2")]);
    expect(r.problems[0]!.zh).toBe("表头占了两行（第 1–2 行，合并单元格 A1:A2）：请改为一行表头、每列一个列名（取消合并单元格），如 时期,凤凰湖产业园,港桥产业园,三教产业园");
    expect(r.observations).toEqual([]);
  });

  it("refuses the same header in a CSV file (no merges: the gaps say it), once", async () => {
    const r = await check("two_row_header.csv");
    expect(r.problems.map(where)).toEqual([at(null, 1, 0, "two_row_header", "1–2")]);
    expect(r.problems[0]!.en).toContain("e.g. 时期,凤凰湖产业园,港桥产业园,三教产业园");
  });
});

describe("合计 rows and columns", () => {
  it("checks a 合计 row against the months above it and a 合计 column against the parks beside it; loads neither", async () => {
    const r = await check("totals.xlsx");
    const s = "enterprises_attracted";
    expect(r.problems.map(where)).toEqual([at(s, 3, 4, "total_mismatch", "9", "warning"), at(s, 4, 1, "total_checked", "合计", "warning")]);
    expect(r.problems[0]!.zh).toBe("合计列为 9，但各项之和为 6（本行各园区）：请核对合计或各项数值");
    expect(rows(r).map((x) => x.slice(0, 3))).toEqual([
      ["fenghuanghu", "2024-01", 3],
      ["gangqiao", "2024-01", 4],
      ["fenghuanghu", "2024-02", 5],
      ["gangqiao", "2024-02", 1],
    ]);
  });

  it("checks a 合计 entity row of a long CSV against the other entities of its indicator and period (decimals without drift)", async () => {
    const r = await check("totals_long.csv");
    expect(r.problems.map(where)).toEqual([at(null, 5, 4, "total_mismatch", "10", "warning"), at(null, 8, 2, "total_checked", "合计", "warning")]);
    expect(r.problems[0]!.en).toBe("the total row is 10 but its parts sum to 9 (the entities of the same indicator and period): check the total or its parts");
    expect(r.observations.map((o) => o.entity)).toEqual(["fenghuanghu", "gangqiao", "sanjiao", "fenghuanghu", "gangqiao"]);
  });
});

describe("dates", () => {
  it("reads date cells by what their format shows, a serial, 24年3月 and 2024.04; warns that 2024.1 may be 2024.10", async () => {
    const r = await check("dates.xlsx");
    expect(r.problems.map(where)).toEqual([at("Sheet1", 5, 3, "period_from_serial", "45351", "warning"), at("Sheet1", 8, 3, "ambiguous_period", "2024.1", "warning")]);
    expect(r.problems[1]!.en).toContain("Excel stores");
    expect(rows(r).map((x) => x.slice(0, 3))).toEqual([
      ["fenghuanghu", "2024-01", 1], // a date cell formatted yyyy/m
      ["gangqiao", "2024-01", 2], // yyyy"年"m"月"
      ["fenghuanghu", "2024-06-30", 3.5], // yyyy-mm-dd
      ["sanjiao", "2024-02-29", 4], // a serial in General format
      ["fenghuanghu", "2024-03", 5], // 24年3月
      ["fenghuanghu", "2024-04", 6], // 2024.04 typed as text
      ["sanjiao", "2024-01", 7], // the number 2024.1
    ]);
  });

  it("reads the same forms in a CSV file: 24年3月, 2024.4, 2024.05, 2024/6, a serial, and warns about 2024.1", async () => {
    const r = await check("dates.csv");
    expect(r.problems.map(where)).toEqual([at(null, 6, 3, "period_from_serial", "45505", "warning"), at(null, 7, 3, "ambiguous_period", "2024.1", "warning")]);
    expect(r.problems[1]!.zh).toContain("时期 \"2024.1\" 有歧义");
    expect(r.observations.map((o) => o.period.key)).toEqual(["2024-03", "2024-04", "2024-05", "2024-06", "2024-08-01", "2024-01"]);
  });
});

describe("units in the cell", () => {
  // The one unit module (normalise/unit.ts): a unit that converts is read, the number and unit as written kept
  // beside the value; a warning says so when the number changed (12,000万元 → 1.2); a unit that does not
  // convert is refused naming both units.
  it("reads 12家 and 3.5亿元 in the indicator's own unit and converts 12,000万元 (exactly 1.2), saying so; refuses 万美元 and 个 naming both units", async () => {
    const r = await check("units.xlsx");
    expect(r.problems.map(where)).toEqual([
      // A unit taken from the cell is said even when it is the indicator's own (the issue: "and said so in a notice").
      at("Sheet1", 2, 4, "unit_in_cell", "12家", "warning"),
      at("Sheet1", 3, 4, "unit_in_cell", "3.5亿元", "warning"),
      at("Sheet1", 4, 4, "unit_converted", "12,000万元", "warning"),
      at("Sheet1", 5, 4, "unit_mismatch", "500万美元"),
      at("Sheet1", 6, 4, "unit_mismatch", "12个"),
    ]);
    expect(r.problems[0]!.zh).toBe('"12家" 含单位 "家"，与指标单位一致，已读作 12（单位原样保存为 家）');
    expect(r.problems[0]!.en).toBe('"12家" carries its unit "家", the indicator\'s own: read as 12 (the unit is kept as written: 家)');
    expect(r.problems[2]!.zh).toBe('"12,000万元" 已按指标单位换算为 1.2亿元（单位原样保存为 万元）');
    expect(r.problems[3]!.zh).toBe('"500万美元" 的单位 "万美元" 无法换算为指标单位 "亿元"，请按 亿元 填写');
    expect(r.problems[4]!.en).toBe('"12个": the unit "个" does not convert to the indicator\'s unit "家"; give the value in 家');
    expect(r.observations.map((o) => [o.value, o.written])).toEqual([
      [12, { value: 12, unit: "家" }],
      [3.5, { value: 3.5, unit: "亿元" }],
      [1.2, { value: 12000, unit: "万元" }],
    ]);
  });

  it("does the same in a CSV file, a qualifier kept (约3.5亿元 → 约 3.5)", async () => {
    const r = await check("units.csv");
    expect(r.problems.map(where)).toEqual([
      at(null, 2, 4, "unit_in_cell", "12家", "warning"),
      at(null, 3, 4, "unit_converted", "12,000万元", "warning"),
      at(null, 4, 4, "unit_in_cell", "约3.5亿元", "warning"),
      at(null, 5, 4, "unit_mismatch", "500万美元"),
    ]);
    expect(r.problems[2]!.zh).toBe('"约3.5亿元" 含单位 "亿元"，与指标单位一致，已读作 约3.5（单位原样保存为 亿元）');
    expect(r.observations.map((o) => [o.value, o.qualifier, o.written?.unit])).toEqual([[12, null, "家"], [1.2, null, "万元"], [3.5, "约", "亿元"]]);
  });
});
