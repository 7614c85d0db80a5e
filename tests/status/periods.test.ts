// A year-to-date or multi-year total, a stock at a date, and the district's or the city's figure are
// kept beside a series, never part of it: no status or series adds them to the months (issue 11).

import { describe, expect, it } from "vitest";
import { computeStatus } from "../../pipeline/status/index.ts";
import { entitySeries, zoneSeries } from "../../pipeline/status/series.ts";
import { obs, realRegistry } from "../helpers.ts";

const registry = await realRegistry();
const trade = registry.indicators.find((i) => i.id === "foreign_trade_value")!;

const months = [
  obs("foreign_trade_value", "fenghuanghu", "2024-01", 1),
  obs("foreign_trade_value", "fenghuanghu", "2024-02", 2),
  obs("foreign_trade_value", "gangqiao", "2024-01", 10),
  obs("foreign_trade_value", "gangqiao", "2024-02", 20),
];
const others = [
  obs("foreign_trade_value", "fenghuanghu", "2024年1-2月", 3), // the same months' year-to-date total
  obs("foreign_trade_value", "gangqiao", "2024年前三季度", 90),
  obs("foreign_trade_value", "fenghuanghu", "截至2024年2月", 3),
  obs("foreign_trade_value", "yongchuan_district", "2024-01", 500), // the district, at its own level
  obs("foreign_trade_value", "chongqing", "2024-02", 9000),
  obs("foreign_trade_value", "yongchuan_district", "2017—2021年", 4000),
];

describe("series and statuses with figures over other periods and at other levels", () => {
  it("sums the parks' months only: no year-to-date total, no stock, no district figure is added to them", () => {
    const series = zoneSeries(trade, [...months, ...others], registry);
    expect(series.map((p) => [p.period.key, p.value, p.parts])).toEqual([
      ["2024-01", 11, 2],
      ["2024-02", 22, 2],
    ]);
    expect(series).toEqual(zoneSeries(trade, months, registry));
  });

  it("gives an entity's own series at the calendar granularities alone", () => {
    expect(entitySeries("foreign_trade_value", "fenghuanghu", [...months, ...others], "amount").map((p) => p.period.key)).toEqual(["2024-01", "2024-02"]);
    // A district with only a multi-year total has no series at all (nothing to draw a trend from), not a point.
    expect(entitySeries("foreign_trade_value", "yongchuan_district", others.slice(-1), "amount")).toEqual([]);
  });

  it("never makes a flow's figure at a single date (as of 2023年6月16日) a point, nor adds it across parks; a stock's is a point only where nothing else is reported", () => {
    const day = [obs("foreign_trade_value", "fenghuanghu", "2024年2月16日", 12), obs("foreign_trade_value", "gangqiao", "2024年2月16日", 30)];
    // Before: the single date was the finest granularity, so it hid the months and the parks' two were summed (42).
    expect(zoneSeries(trade, [...months, ...day], registry)).toEqual(zoneSeries(trade, months, registry));
    expect(zoneSeries(trade, day, registry)).toEqual([]);
    expect(entitySeries("foreign_trade_value", "fenghuanghu", [...months, ...day], "amount").map((p) => p.period.key)).toEqual(["2024-01", "2024-02"]);
    // A milestone reached on a date, or a total to date, is a stock: the date is its point, after any months.
    const done = [obs("ftz_aligned_cases", "yongchuan", "2023年6月16日", 5)];
    expect(entitySeries("ftz_aligned_cases", "yongchuan", done, "cumulative").map((p) => [p.period.key, p.value])).toEqual([["2023-06-16", 5]]);
    const withMonth = [...done, obs("ftz_aligned_cases", "yongchuan", "2023-05", 4)];
    expect(entitySeries("ftz_aligned_cases", "yongchuan", withMonth, "cumulative").map((p) => p.period.key)).toEqual(["2023-05"]);
  });

  it("judges every target and trend as if those figures were not there", () => {
    const asOf = "2024-12-31";
    const base = computeStatus({ registry, observations: months, itemStatuses: [], asOf });
    const withOthers = computeStatus({ registry, observations: [...months, ...others], itemStatuses: [], asOf });
    expect(withOthers).toEqual(base);
  });
});
