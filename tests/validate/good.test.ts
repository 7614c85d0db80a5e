// Files that must pass: every layout, encoding, period form, qualifier and way of naming an entity,
// each checked for the exact records it produces.

import { describe, expect, it } from "vitest";
import { check, observed } from "./fixtures.ts";

const row = (indicator: string, entity: string, period: string, start: string, end: string, value: number | null, line: number, column = 4, qualifier: string | null = null) => ({
  indicator,
  entity,
  period,
  start,
  end,
  value,
  qualifier,
  line,
  column,
});
const june = ["2023-06", "2023-06-01", "2023-06-30"] as const;
const q2 = ["2023-Q2", "2023-04-01", "2023-06-30"] as const;

describe("validateFile: long files", () => {
  it("validateFile reads a long file with English headers, entities by code, Chinese and English name and alias", () => {
    const r = check("good_long_en.csv");
    expect(r.problems).toEqual([]);
    expect(r.layout).toBe("long");
    expect(r.encoding).toBe("utf-8");
    expect(observed(r)).toEqual([
      row("enterprises_attracted", "fenghuanghu", ...june, 12, 2),
      row("enterprises_attracted", "gangqiao", ...june, 7, 3),
      row("enterprises_attracted", "sanjiao", ...june, 5, 4),
      row("enterprises_attracted", "bonded_zone", ...june, 3, 5),
      row("enterprises_attracted", "yongchuan", ...june, 27, 6), // the zone total of a park indicator
      row("ftz_aligned_cases", "yongchuan", ...q2, 4, 7), // empty entity: the zone itself
      row("ftz_aligned_cases", "yongchuan", "2023-Q3", "2023-07-01", "2023-09-30", 5, 8),
      row("powers_delegated", "chongqing_hitech", "2023-H1", "2023-01-01", "2023-06-30", 9, 9),
    ]);
    expect(r.observations.map((o) => [o.note, o.source, o.sample])).toContainEqual(["含联动招商 1 家", "区商务委月报", false]);
    expect(r.observations.at(-1)!.sample).toBe(true);
  });

  it("validateFile reads a long file with Chinese headers, indicators by Chinese name and a percent on a % indicator", () => {
    const r = check("good_long_zh.csv");
    expect(r.problems).toEqual([]);
    expect(observed(r)).toEqual([
      row("enterprises_attracted", "fenghuanghu", ...june, 12, 2),
      row("foreign_trade_value", "bonded_zone", ...q2, 15.43, 3),
      row("ftz_aligned_cases", "yongchuan", "2023", "2023-01-01", "2023-12-31", 5, 4),
      row("reform_items_replicated", "yongchuan", "2023-H1", "2023-01-01", "2023-06-30", 60, 5),
    ]);
    expect(r.observations.map((o) => o.sample)).toEqual([false, false, false, true]);
  });

  it("validateFile names the zone itself for zone-level rows with an empty entity, and reads every name of an entity", () => {
    const r = check("entity_names.csv");
    expect(r.problems).toEqual([]);
    expect(observed(r).map((o) => [o.indicator, o.entity, o.period, o.value])).toEqual([
      ["innovation_cases", "yongchuan", "2021", 1], // empty
      ["innovation_cases", "yongchuan", "2022", 2], // code
      ["innovation_cases", "yongchuan", "2023", 3], // Chinese name
      ["innovation_cases", "yongchuan", "2024", 4], // English name
      ["innovation_cases", "yongchuan", "2025", 5], // alias
      ["enterprises_attracted", "bonded_zone", "2023-06", 1], // code
      ["enterprises_attracted", "bonded_zone", "2023-07", 2], // Chinese name
      ["enterprises_attracted", "bonded_zone", "2023-08", 3], // English name, any case
      ["enterprises_attracted", "bonded_zone", "2023-09", 4], // alias
    ]);
  });

  it("validateFile reads a CRLF file, counting the blank line it skips", () => {
    const r = check("good_crlf.csv");
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(3);
    expect(observed(r).map((o) => [o.period, o.value, o.line])).toEqual([
      ["2021", 1, 2],
      ["2022", 2, 4],
      ["2023", 3, 5],
    ]);
  });
});

describe("validateFile: encodings", () => {
  it("validateFile reads a GB18030 (GBK) file with Chinese names", () => {
    const r = check("good_gbk.csv");
    expect(r.problems).toEqual([]);
    expect(r.encoding).toBe("gb18030");
    expect(observed(r)).toEqual([
      row("enterprises_attracted", "fenghuanghu", ...june, 12, 2),
      row("enterprises_attracted", "gangqiao", ...june, 7, 3),
      row("foreign_trade_value", "bonded_zone", ...q2, 15.43, 4),
    ]);
    expect(r.observations[0]!.note).toBe("区商务委月报");
  });

  it("validateFile reads a UTF-8 file with a BOM, the BOM not part of the first column's name", () => {
    const r = check("good_utf8_bom.csv");
    expect(r.problems).toEqual([]);
    expect(r.encoding).toBe("utf-8-bom");
    expect(observed(r)).toEqual([row("enterprises_attracted", "fenghuanghu", ...june, 12, 2), row("enterprises_attracted", "gangqiao", ...june, 7, 3)]);
  });

  it("validateFile reads Excel's Unicode text: UTF-16LE with tabs and CRLF", () => {
    const r = check("good_utf16le_tabs.csv");
    expect(r.problems).toEqual([]);
    expect(r.encoding).toBe("utf-16le");
    expect(observed(r)).toEqual([row("enterprises_attracted", "fenghuanghu", ...june, 12, 2), row("foreign_trade_value", "gangqiao", ...q2, 1234.5, 3)]);
  });
});

describe("validateFile: wide sheets", () => {
  it("validateFile reads a wide sheet named after its indicator (enterprises_attracted.csv), one value per park column", () => {
    const r = check("wide/enterprises_attracted.csv");
    expect(r.problems).toEqual([]);
    expect(r.layout).toBe("wide");
    const may = ["2023-05", "2023-05-01", "2023-05-31"] as const;
    const ea = "enterprises_attracted";
    expect(observed(r)).toEqual([
      // Line 2 leaves the big data park's cell empty: no record for it.
      row(ea, "fenghuanghu", ...may, 4, 2, 2),
      row(ea, "gangqiao", ...may, 3, 2, 3),
      row(ea, "sanjiao", ...may, 5, 2, 4),
      row(ea, "bonded_zone", ...may, 6, 2, 6),
      row(ea, "vocational_base", ...may, 5, 2, 7),
      row(ea, "fenghuanghu", ...june, 2, 3, 2),
      row(ea, "gangqiao", ...june, 3, 3, 3),
      row(ea, "sanjiao", ...june, 5, 3, 4),
      row(ea, "bigdata", ...june, 5, 3, 5),
      row(ea, "bonded_zone", ...june, 7, 3, 6),
      row(ea, "vocational_base", ...june, 6, 3, 7),
    ]);
    expect(r.observations.at(-1)!.note).toBe("大数据园数据待补");
  });

  it("validateFile reads a wide sheet with an 指标 column, any file name, the zone total as a column", () => {
    const r = check("good_wide_indicator_column.csv");
    expect(r.problems).toEqual([]);
    expect(r.layout).toBe("wide");
    expect(observed(r)).toEqual([
      row("enterprises_attracted", "fenghuanghu", ...june, 4, 2, 3),
      row("enterprises_attracted", "gangqiao", ...june, 3, 2, 4),
      row("enterprises_attracted", "yongchuan", ...june, 7, 2, 5),
      row("foreign_trade_value", "fenghuanghu", ...q2, 4.62, 3, 3),
      row("foreign_trade_value", "gangqiao", ...q2, 6.75, 3, 4),
      row("foreign_trade_value", "yongchuan", ...q2, 11.37, 3, 5),
    ]);
  });
});

describe("validateFile: periods, qualifiers and numbers", () => {
  it("validateFile reads every period form analysts write, full-width ２０２３－０６ included", () => {
    const r = check("period_forms.csv");
    expect(r.problems).toEqual([]);
    const year = ["2023", "2023-01-01", "2023-12-31"];
    const h1 = ["2023-H1", "2023-01-01", "2023-06-30"];
    const day = ["2023-06-30", "2023-06-30", "2023-06-30"];
    expect(observed(r).map((o) => [o.line, o.period, o.start, o.end])).toEqual(
      [
        year, year, // 2023 · 2023年
        h1, h1, // 2023-H1 · 2023年上半年
        [...q2], [...q2], [...q2], [...q2], // 2023-Q2 · 2023Q2 · 2023年第二季度 · 2023年2季度
        [...june], [...june], [...june], [...june], // 2023-06 · 2023/6 · 2023年6月 · 202306
        day, day, day, // 2023-06-30 · 2023/6/30 · 2023年6月30日
        [...june], // ２０２３－０６
      ].map((p, i) => [i + 2, ...p]),
    );
  });

  it("validateFile keeps qualifiers beside the number: 约30, 30余, 超30, 近30, >50, ≥5, 50+, 不足10", () => {
    const r = check("qualifiers.csv");
    expect(r.problems).toEqual([]);
    // As written: 超30 and 30余 both mean "over 30", but they are kept apart, as published.
    expect(r.observations.map((o) => [o.value, o.qualifier])).toEqual([
      [30, "约"],
      [30, "余"],
      [30, "超"],
      [30, "近"],
      [50, ">"],
      [5, "≥"],
      [50, "+"],
      [10, "不足"],
    ]);
  });

  it("validateFile reads full-width digits and commas, thousands separators, exponents and a percent on a % indicator", () => {
    const r = check("numbers.csv");
    expect(r.problems).toEqual([]);
    expect(r.observations.map((o) => [o.indicator, o.value, o.qualifier])).toEqual([
      ["innovation_cases", 123, null], // １２３
      ["innovation_cases", 1234, null], // １，２３４
      ["innovation_cases", 1234, null], // "1,234"
      ["innovation_cases", 1200, null], // 1.2E+3
      ["innovation_cases", 1000, null], // 1e3
      ["innovation_cases", 42, null], // spaces around
      ["reform_items_replicated", 85, null], // 85%
      ["foreign_trade_value", 1234.56, null], // "1,234.56"
    ]);
  });
});

