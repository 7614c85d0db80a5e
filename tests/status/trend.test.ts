import { describe, expect, it } from "vitest";
import { cagrTrend, projectAt } from "../../pipeline/status/trend.ts";

const t = { substantial: 0.015, moderate: 0.005, limited: 0 };
const years = (...values: number[]) => values.map((value, i) => ({ date: `${2021 + i}-12-31`, value }));

describe("cagrTrend (Open SDG method 1)", () => {
  it("cagrTrend(points, 'increase') is substantial from a CAGR of 10 %", () => {
    // 2021-12-31 → 2023-12-31 is 730 days = 1.9986 years of 365.2425 days.
    const r = cagrTrend(years(100, 110, 121), "increase", t);
    expect(r.code).toBe("substantial");
    expect(r.progress).toBeCloseTo((121 / 100) ** (1 / (730 / 365.2425)) - 1, 12);
  });
  it("cagrTrend(points, 'increase') is moderate, limited or deterioration by the thresholds", () => {
    expect(cagrTrend(years(100, 101), "increase", t).code).toBe("moderate");
    expect(cagrTrend(years(100, 100.4), "increase", t).code).toBe("limited");
    expect(cagrTrend(years(100, 90), "increase", t).code).toBe("deterioration");
  });
  it("cagrTrend(points, 'decrease') turns a fall into progress", () => {
    expect(cagrTrend(years(100, 90), "decrease", t).code).toBe("substantial");
  });
  it("cagrTrend(points) is not available with fewer than two points or a change of sign", () => {
    expect(cagrTrend(years(5), "increase", t).code).toBe("not_available");
    expect(cagrTrend(years(-5, 5), "increase", t).code).toBe("not_available");
  });
  it("cagrTrend(points) takes a base of 0 as 0.001, as Open SDG does", () => {
    const r = cagrTrend(years(0, 1), "increase", t);
    expect(r.progress).toBeCloseTo((1 / 0.001) ** (365.2425 / 365) - 1, 6);
  });
});

describe("projectAt", () => {
  it("projectAt(points, date) extends the least-squares line", () => {
    const pts = [
      { date: "2023-01-01", value: 1 },
      { date: "2023-01-11", value: 2 },
      { date: "2023-01-21", value: 3 },
    ];
    expect(projectAt(pts, "2023-01-31")).toBeCloseTo(4, 12);
  });
  it("projectAt(points, date) is undefined with fewer than two points or one date", () => {
    expect(projectAt([{ date: "2023-01-01", value: 1 }], "2024-01-01")).toBeUndefined();
    expect(projectAt([{ date: "2023-01-01", value: 1 }, { date: "2023-01-01", value: 2 }], "2024-01-01")).toBeUndefined();
  });
});
