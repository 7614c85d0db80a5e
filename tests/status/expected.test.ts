import { describe, expect, it } from "vitest";
import { expectedValue } from "../../pipeline/status/expected.ts";
import { classifyRatio } from "../../pipeline/status/classify.ts";
import { monthsBetween } from "../../pipeline/status/dates.ts";

describe("expectedValue", () => {
  it("expectedValue(baseline, target, start, deadline, asOf) is linear from the plan's start", () => {
    // 2022-05-27 → 2023-12-31 is 583 days; 2023-06-30 is day 399: 5 × 399 / 583.
    expect(expectedValue(0, 5, "2022-05-27", "2023-12-31", "2023-06-30")).toBeCloseTo(3.42195540, 7);
    expect(expectedValue(10, 20, "2022-01-01", "2022-01-11", "2022-01-06")).toBe(15);
  });

  it("expectedValue(…) is the baseline before the start and the target after the deadline", () => {
    expect(expectedValue(2, 5, "2022-05-27", "2023-12-31", "2021-01-01")).toBe(2);
    expect(expectedValue(2, 5, "2022-05-27", "2023-12-31", "2030-01-01")).toBe(5);
  });

  it("expectedValue(…) is undefined when the deadline is not after the start", () => {
    expect(expectedValue(0, 5, "2023-12-31", "2023-12-31", "2023-12-31")).toBeUndefined();
  });
});

describe("classifyRatio", () => {
  const t = { onTrack: 0.95, lagging: 0.6 };
  it("classifyRatio(ratio, thresholds) is on track at exactly 0.95 and lagging just below", () => {
    expect(classifyRatio(0.95, t)).toBe("on_track");
    expect(classifyRatio(0.9499, t)).toBe("lagging");
  });
  it("classifyRatio(ratio, thresholds) is lagging at exactly 0.6 and off track just below", () => {
    expect(classifyRatio(0.6, t)).toBe("lagging");
    expect(classifyRatio(0.5999, t)).toBe("off_track");
    expect(classifyRatio(0, t)).toBe("off_track");
  });
  it("classifyRatio(null, thresholds) is on track: nothing is expected yet", () => {
    expect(classifyRatio(null, t)).toBe("on_track");
  });
});

describe("monthsBetween", () => {
  it("monthsBetween(a, b) counts average months and is negative backwards", () => {
    expect(monthsBetween("2023-01-01", "2024-01-01")).toBeCloseTo(365 / (365.2425 / 12), 9);
    expect(monthsBetween("2024-01-01", "2023-01-01")).toBeLessThan(0);
  });
});
