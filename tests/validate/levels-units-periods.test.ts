// Issue 11: figures as offices publish them — for any entity at its own level, over the periods
// offices write, in the units they write — each accepted as written or refused with one located message.

import { describe, expect, it } from "vitest";
import { check, fixture, located } from "./fixtures.ts";
import type { ProblemCode, Severity } from "../../pipeline/problems.ts";

const at = (name: string, code: ProblemCode, line: number, column: number, value?: string, severity: Severity = "error") => ({ severity, code, file: fixture(name), line, column, value });
const rows = (name: string) =>
  check(name).observations.map((o) => ({ line: o.origin.line, indicator: o.indicator, entity: o.entity, period: o.period.key, granularity: o.period.granularity, start: o.period.start, end: o.period.end, value: o.value, qualifier: o.qualifier, written: o.written }));

describe("entities at their levels (entity_levels.csv)", () => {
  it("puts each figure under the entity it was published for, and refuses a level mismatch in those words", () => {
    const r = check("entity_levels.csv");
    expect(r.problems.map(located)).toEqual([
      at("entity_levels.csv", "level_mismatch", 7, 2, "港桥现代物流园区"),
      at("entity_levels.csv", "missing_value", 9, 2),
      at("entity_levels.csv", "level_mismatch", 10, 2, "凤凰湖产业园"),
      at("entity_levels.csv", "unknown_entity", 11, 2, "永川区政府"),
      at("entity_levels.csv", "level_mismatch", 12, 2, "永川区"),
    ]);
    expect(rows("entity_levels.csv").map((o) => [o.line, o.indicator, o.entity])).toEqual([
      [2, "foreign_trade_value", "yongchuan_district"],
      [3, "foreign_trade_value", "chongqing"],
      [4, "foreign_trade_value", "chongqing_ftz"],
      [5, "foreign_trade_value", "yongchuan"],
      [6, "foreign_trade_value", "fuling_district"],
      [8, "district_gdp", "yongchuan_district"],
      [13, "ftz_aligned_cases", "yongchuan"], // an empty entity on a zone-only indicator is the zone's own
      [14, "foreign_trade_value", "three_etdz_total"],
    ]);
  });

  it("says 'level mismatch' naming the entity's level and the indicator's, and what to change", () => {
    const [, , park, , district] = check("entity_levels.csv").problems;
    expect(park!.en).toBe(
      "level mismatch: 凤凰湖产业园 is a park-level entity; the indicator district_gdp holds city, district-level values (expected one of 重庆市、中国（重庆）自由贸易试验区、永川区、涪陵区; to hold this level, add park to the indicator's levels in data/indicators.yml)",
    );
    expect(park!.zh).toMatch(/^层级不符：凤凰湖产业园 是园区级主体/);
    expect(district!.en).toContain("level mismatch: 永川区 is a district-level entity; the indicator ftz_aligned_cases holds zone-level values");
  });

  it("never reads an empty entity as the zone for an indicator that holds other levels, and says so", () => {
    const empty = check("entity_levels.csv").problems[1]!;
    expect(empty.en).toBe("the entity (the indicator holds city, district-level values: name which) must not be empty");
  });

  it("suggests the entity an unknown name most likely means (永川区, not 永川高新区)", () => {
    const unknown = check("entity_levels.csv").problems[3]!;
    expect(unknown.en).toContain("did you mean 永川区 (district)?");
    expect(unknown.zh).toContain("是否指 永川区（区县级）？");
    expect(unknown.zh).not.toContain("永川高新区");
  });
});

describe("periods as offices write them (period_ranges.csv)", () => {
  it("stores year-to-date, multi-year, since-the-plan and as-of periods with their exact start, end and granularity", () => {
    const r = check("period_ranges.csv");
    expect(r.problems.map(located)).toEqual([at("period_ranges.csv", "bad_period", 10, 3, "1—8月"), at("period_ranges.csv", "bad_period", 11, 3, "“十四五”以来")]);
    expect(rows("period_ranges.csv").map((o) => [o.line, o.period, o.granularity, o.start, o.end, o.qualifier])).toEqual([
      [2, "2024-01~2024-08", "ytd", "2024-01-01", "2024-08-31", null],
      [3, "2024-01~2024-08", "ytd", "2024-01-01", "2024-08-31", null],
      [4, "2024-01~2024-09", "ytd", "2024-01-01", "2024-09-30", null],
      [5, "2024-H1", "half", "2024-01-01", "2024-06-30", null],
      [6, "2017~2021", "span", "2017-01-01", "2021-12-31", "超"],
      [7, "2021-01~2024-06", "span", "2021-01-01", "2024-06-30", "约"],
      [8, "2023-06-16", "day", "2023-06-16", "2023-06-16", null],
      [9, "~2021-03-31", "asof", "2021-03-31", "2021-03-31", null],
    ]);
  });
});

describe("units and scales (units.csv)", () => {
  it("converts another scale of the indicator's unit exactly, keeps the unit as written, and refuses units that do not convert", () => {
    const r = check("units.csv");
    expect(r.problems.map(located)).toEqual([
      at("units.csv", "unit_converted", 2, 4, "12,000万元", "warning"),
      // 逾12亿元 and 5个 are in the indicator's own unit: read from the cell, and said so.
      at("units.csv", "unit_in_cell", 3, 4, "逾12亿元", "warning"),
      at("units.csv", "unit_converted", 4, 4, "不到5000万元", "warning"),
      at("units.csv", "unit_mismatch", 5, 4, "3万美元"),
      at("units.csv", "unit_converted", 6, 4, "8000万元", "warning"),
      at("units.csv", "unit_in_cell", 7, 4, "5个", "warning"),
      at("units.csv", "unit_mismatch", 8, 4, "3.2亿元"),
      at("units.csv", "not_a_number", 9, 4, "5亿元"),
    ]);
    expect(rows("units.csv").map((o) => [o.line, o.entity, o.value, o.qualifier, o.written])).toEqual([
      [2, "fenghuanghu", 1.2, null, { value: 12000, unit: "万元" }],
      [3, "gangqiao", 12, "逾", { value: 12, unit: "亿元" }],
      [4, "sanjiao", 0.5, "不到", { value: 5000, unit: "万元" }],
      [6, "vocational_base", 0.8, null, { value: 8000, unit: "万元" }],
      [7, "yongchuan", 5, null, { value: 5, unit: "个" }],
    ]);
  });

  it("names both units when it refuses, and never calls 12,000万元 a thousands-separator error", () => {
    const r = check("units.csv");
    expect(r.problems[3]!.en).toBe('"3万美元": the unit "万美元" does not convert to the indicator\'s unit "亿元"; give the value in 亿元');
    expect(r.problems[6]!.zh).toBe('"3.2亿元" 的单位 "亿元" 无法换算为指标单位 "个"，请按 个 填写');
    expect(r.problems.map((p) => p.en).join("\n")).not.toContain("thousands separator");
    expect(r.problems[0]!.en).toBe('"12,000万元" was converted to the indicator\'s unit: 1.2亿元 (the unit is kept as written: 万元)');
  });

  it("says so whenever a value's unit was taken from its cell, in the indicator's own unit too (逾12亿元, 5个), in both languages", () => {
    const r = check("units.csv");
    expect(r.problems[1]!.zh).toBe('"逾12亿元" 含单位 "亿元"，与指标单位一致，已读作 逾12（单位原样保存为 亿元）');
    expect(r.problems[1]!.en).toBe('"逾12亿元" carries its unit "亿元", the indicator\'s own: read as over 12 (the unit is kept as written: 亿元)');
    expect(r.problems[5]!.en).toBe('"5个" carries its unit "个", the indicator\'s own: read as 5 (the unit is kept as written: 个)');
  });
});
