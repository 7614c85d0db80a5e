import { beforeAll, describe, expect, it } from "vitest";
import { targetStatus, type StatusInput } from "../../pipeline/status/targets.ts";
import { computeStatus } from "../../pipeline/status/index.ts";
import type { ItemStatus, Observation } from "../../pipeline/model.ts";
import type { Registry, Target } from "../../pipeline/registry/types.ts";
import { itemStatus, obs, realRegistry, withThresholds } from "../helpers.ts";

let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});

const target = (id: string): Target => registry.indicators.flatMap((i) => i.targets).find((t) => t.id === id)!;
const status = (id: string, asOf: string, observations: Observation[], itemStatuses: ItemStatus[] = [], r = registry) =>
  targetStatus(target(id), { registry: r, observations, itemStatuses, asOf } satisfies StatusInput);

// T23-4: ≥ 5 cases by 2023-12-31, from 0 on 2022-05-27 (583 days). On 2023-06-30 (day 399) the
// straight path expects 5 × 399 / 583 = 3.42196.
const cases = (...values: [string, number][]) => values.map(([p, v]) => obs("ftz_aligned_cases", "yongchuan", p, v));

describe("targetStatus on a count target (T23-4)", () => {
  it("is on track when actual / expected ≥ 0.95 (4 / 3.42196 = 1.1689)", () => {
    const s = status("T23-4", "2023-06-30", cases(["2023-Q1", 2], ["2023-Q2", 4]));
    expect(s.status).toBe("on_track");
    expect(s.components).toMatchObject({ actual: 4, actualPeriod: "2023-Q2", baseline: 0, baselineSource: "zero", expected: 3.422, ratio: 1.1689 });
  });
  it("is lagging when 0.6 ≤ ratio < 0.95 (3 / 3.42196 = 0.8767)", () => {
    expect(status("T23-4", "2023-06-30", cases(["2023-Q2", 3])).status).toBe("lagging");
  });
  it("is off track when ratio < 0.6 (2 / 3.42196 = 0.5845)", () => {
    const s = status("T23-4", "2023-06-30", cases(["2023-Q2", 2]));
    expect(s.status).toBe("off_track");
    expect(s.components.ratio).toBe(0.5845);
  });
  it("moves across a threshold set exactly on the ratio: thresholds are settings", () => {
    const data = cases(["2023-Q2", 4]);
    expect(status("T23-4", "2023-06-30", data, [], withThresholds(registry, 1.1689, 0.6)).status).toBe("on_track");
    expect(status("T23-4", "2023-06-30", data, [], withThresholds(registry, 1.169, 0.6)).status).toBe("lagging");
    expect(status("T23-4", "2023-06-30", cases(["2023-Q2", 2]), [], withThresholds(registry, 0.95, 0.5845)).status).toBe("lagging");
    expect(status("T23-4", "2023-06-30", cases(["2023-Q2", 2]), [], withThresholds(registry, 0.95, 0.5846)).status).toBe("off_track");
  });
  it("is achieved as soon as the target is met, before the deadline", () => {
    expect(status("T23-4", "2023-06-30", cases(["2023-Q2", 5])).status).toBe("achieved");
  });
  it("is missed once the deadline has passed unmet, judged on the value at the deadline", () => {
    // 5 reported for 2024-Q1 comes after the deadline and does not count.
    const s = status("T23-4", "2024-06-30", cases(["2023-Q4", 4], ["2024-Q1", 5]));
    expect(s.status).toBe("missed");
    expect(s.components).toMatchObject({ actual: 4, judgedAt: "2023-12-31", deadlinePassed: true, paceNeeded: null });
  });
  it("is judged on the deadline day itself", () => {
    expect(status("T23-4", "2023-12-31", cases(["2023-Q4", 4])).status).toBe("missed");
    expect(status("T23-4", "2023-12-31", cases(["2023-Q4", 5])).status).toBe("achieved");
  });
  it("has no data when nothing was reported by the as-of date", () => {
    expect(status("T23-4", "2023-06-30", []).status).toBe("no_data");
    expect(status("T23-4", "2023-06-30", cases(["2023-Q3", 5])).status).toBe("no_data");
  });
  it("reads the past as it stood: an as-of date ignores later periods", () => {
    const data = cases(["2023-Q1", 1], ["2023-Q2", 2], ["2023-Q3", 5]);
    expect(status("T23-4", "2023-06-30", data).components.actual).toBe(2);
    expect(status("T23-4", "2023-09-30", data).status).toBe("achieved");
  });
  it("gives the pace still needed per month and the trend's projection", () => {
    const s = status("T23-4", "2023-06-30", cases(["2022-Q4", 1], ["2023-Q1", 2], ["2023-Q2", 3]));
    // 2 cases to go in 184 days = 6.0452 average months.
    expect(s.components.monthsLeft).toBe(6.05);
    expect(s.components.paceNeeded).toBeCloseTo(2 / 6.05, 4);
    // One case a quarter: the line through the three points reaches about 5 by 2023-12-31.
    expect(s.components.projection).toBeGreaterThan(4.9);
    expect(s.components.projection).toBeLessThan(5.1);
  });
  it("marks its components sample when sample rows went in, and names the rows behind the actual", () => {
    const s = status("T23-4", "2023-06-30", [obs("ftz_aligned_cases", "yongchuan", "2023-Q2", 3, true)]);
    expect(s.components.sample).toBe(true);
    expect(s.components.origins).toHaveLength(1);
    expect(s.components.origins[0]!.file).toBe("test.csv");
  });
});

describe("targetStatus on the share target (T23-1)", () => {
  const statuses = (landed: number, notApplicable: number, date: string) => [
    ...Array.from({ length: notApplicable }, (_, i) => itemStatus(33 - i, date, "not_applicable")),
    ...Array.from({ length: landed }, (_, i) => itemStatus(i + 1, date, i % 2 ? "promoted" : "landed")),
    ...(landed + 1 <= 33 - notApplicable ? [itemStatus(landed + 1, date, "in_progress")] : []),
  ];
  it("counts landed and rolled-out items among the applicable ones (15 / 30 = 50 %)", () => {
    // Expected on 2023-06-30: 100 × 399 / 583 = 68.44 %; 50 / 68.44 = 0.7306.
    const s = status("T23-1", "2023-06-30", [], statuses(15, 3, "2023-05-01"));
    expect(s.components.share).toEqual({ replicated: 15, applicable: 30, notApplicable: 3, reported: 19, total: 33 });
    expect(s.components.actual).toBe(50);
    expect(s.components.ratio).toBe(0.7306);
    expect(s.status).toBe("lagging");
  });
  it("is achieved when every applicable item is replicated", () => {
    expect(status("T23-1", "2023-12-31", [], statuses(30, 3, "2023-11-01")).status).toBe("achieved");
  });
  it("reads each item's latest status by the as-of date", () => {
    const history = [itemStatus(1, "2022-08-01", "in_progress"), itemStatus(1, "2023-03-01", "landed")];
    expect(status("T23-1", "2023-02-01", [], history).components.share!.replicated).toBe(0);
    expect(status("T23-1", "2023-04-01", [], history).components.share!.replicated).toBe(1);
  });
  it("has no data before any item reports a status", () => {
    expect(status("T23-1", "2023-06-30", []).status).toBe("no_data");
  });
});

describe("targetStatus on the rank target (T23-2, top 3 as a setting)", () => {
  const peers = (period: string, own: number) => [
    obs("powers_delegated", "yongchuan", period, own),
    ...["chongqing_hitech", "chongqing_etdz", "changshou_etdz", "wanzhou_etdz", "fuling_hitech"].map((p, i) => obs("powers_delegated", p, period, 20 - i * 2)),
  ];
  it("ranks the zone among the peers that reported the same period", () => {
    // Peers 20, 18, 16, 14, 12; the zone's 15 is 4th: ratio 3 / 4 = 0.75.
    const s = status("T23-2", "2023-09-30", peers("2023-H1", 15));
    expect(s.components.rank).toMatchObject({ rank: 4, of: 6, period: "2023-H1", source: "peers" });
    expect(s.components.setting?.name).toBe("front_rank");
    expect(s.status).toBe("lagging");
  });
  it("is on track, not yet achieved, at the front before the deadline", () => {
    expect(status("T23-2", "2023-09-30", peers("2023-H1", 17)).status).toBe("on_track");
  });
  it("is achieved or missed at the deadline", () => {
    expect(status("T23-2", "2024-03-31", peers("2023-H2", 17)).status).toBe("achieved");
    expect(status("T23-2", "2024-03-31", peers("2023-H2", 13)).status).toBe("missed");
  });
  it("falls back on a published rank when no peer counts were reported", () => {
    const s = status("T23-2", "2024-01-31", [obs("powers_delegated_rank", "yongchuan", "2023", 2)]);
    expect(s.components.rank).toMatchObject({ rank: 2, of: 10, source: "reported" });
    expect(s.status).toBe("achieved");
  });
});

describe("targetStatus on milestone targets", () => {
  const parts = ["tech_transfer_centre", "industrial_research_institute", "pilot_base", "incubator", "industrial_design_centre", "expert_apartments"];
  const done = (n: number, period = "2023-05") => parts.map((p, i) => obs("tech_facilities_landed", p, period, i < n ? 1 : 0));
  it("expects whole parts on the straight path: 4 of 6 due by 2023-06-30 (6 × 399 / 583 = 4.1)", () => {
    expect(status("T23-5", "2023-06-30", done(4)).status).toBe("on_track");
    const lag = status("T23-5", "2023-06-30", done(3));
    expect(lag.status).toBe("lagging");
    expect(lag.components).toMatchObject({ actual: 3, expected: 4, ratio: 0.75, targetValue: 6 });
    expect(status("T23-5", "2023-06-30", done(2)).status).toBe("off_track");
  });
  it("is achieved when every part is done, and missed when the deadline passes first", () => {
    expect(status("T23-5", "2023-06-30", done(6)).status).toBe("achieved");
    expect(status("T23-5", "2024-01-31", done(5)).status).toBe("missed");
  });
  it("lists each part with the date it was done", () => {
    const s = status("T23-5", "2023-06-30", [...done(1, "2023-02"), ...done(2, "2023-05")]);
    expect(s.components.parts!.slice(0, 3).map((p) => [p.code, p.done, p.since])).toEqual([
      ["tech_transfer_centre", true, "2023-02-28"],
      ["industrial_research_institute", true, "2023-05-31"],
      ["pilot_base", false, null],
    ]);
  });
  it("keeps a single-part milestone on track until its deadline: no whole part is due before", () => {
    const pending = [obs("measure_sharing_mechanism", "measure_sharing", "2023-06", 0)];
    expect(status("T23-3", "2023-11-30", pending).status).toBe("on_track");
    expect(status("T23-3", "2024-01-01", pending).status).toBe("missed");
  });
  it("judges the qualitative T23-6 on its recorded assessment", () => {
    expect(status("T23-6", "2023-12-31", [obs("business_environment_formed", "business_environment", "2023-12-15", 1)]).status).toBe("achieved");
    expect(status("T23-6", "2023-12-31", []).status).toBe("no_data");
  });
});

describe("computeStatus", () => {
  it("computeStatus(input) judges every target and counts the statuses", () => {
    const r = computeStatus({ registry, observations: cases(["2023-Q2", 4]), itemStatuses: [], asOf: "2023-06-30" });
    expect(r.targets.map((t) => t.target)).toEqual(["T23-1", "T23-2", "T23-3", "T23-4", "T23-5", "T23-6", "T25-1", "T25-2", "T25-3"]);
    expect(r.counts.on_track).toBe(1);
    expect(r.counts.no_data).toBe(8);
  });
  it("gives indicators with no target a trend over whole years of summed parks", () => {
    const parks = ["fenghuanghu", "gangqiao"];
    const quarterly = [2023, 2024].flatMap((y, k) => [1, 2, 3, 4].flatMap((q) => parks.map((p) => obs("enterprises_attracted", p, `${y}-Q${q}`, 10 + k * 2))));
    const r = computeStatus({ registry, observations: quarterly, itemStatuses: [], asOf: "2025-03-31" });
    const t = r.trends.find((t) => t.indicator === "enterprises_attracted")!;
    // 2023: 8 × 10 = 80; 2024: 8 × 12 = 96; CAGR over 366 days.
    expect(t).toMatchObject({ trend: "substantial", from: "2023", to: "2024" });
    expect(t.progress).toBeCloseTo((96 / 80) ** (365.2425 / 366) - 1, 5);
  });
});

describe("targetStatus: the figure today beside the verdict at the deadline", () => {
  it("reads the latest value at the as-of date, after the deadline that judged the target", () => {
    // T23-4 (a running total) judged on 2023-Q4's 4, missed; by 2024-Q2 the total is 10.
    const s = status("T23-4", "2024-07-15", cases(["2023-Q4", 4], ["2024-Q1", 7], ["2024-Q2", 10]));
    expect(s.status).toBe("missed");
    expect(s.components).toMatchObject({ actual: 4, actualPeriod: "2023-Q4" });
    expect(s.components.latest).toEqual({ at: "2024-07-15", value: 10, period: "2024-Q2", end: "2024-06-30" });
    // The previous quarter's end (2024-06-30) already holds 2024-Q2: no change since.
    expect(s.components.previous).toEqual({ at: "2024-06-30", value: 10, period: "2024-Q2", end: "2024-06-30" });
    expect(s.components.change).toBe(0);
  });
  it("gives the change since the previous quarter's end", () => {
    const s = status("T23-4", "2023-09-30", cases(["2023-Q1", 2], ["2023-Q2", 3], ["2023-Q3", 5]));
    expect(s.components.latest).toMatchObject({ value: 5, period: "2023-Q3" });
    expect(s.components.previous).toMatchObject({ at: "2023-06-30", value: 3, period: "2023-Q2" });
    expect(s.components.change).toBe(2);
  });
  it("has no previous reading and no change when nothing was reported by the previous quarter's end", () => {
    const s = status("T23-4", "2023-09-30", cases(["2023-Q3", 2]));
    expect(s.components.previous).toBeNull();
    expect(s.components.change).toBeNull();
  });
  it("reads the reform items' share today with its count, after the deadline", () => {
    const history = [itemStatus(1, "2023-03-01", "landed"), itemStatus(2, "2024-03-01", "landed"), itemStatus(3, "2024-03-01", "not_applicable")];
    const s = status("T23-1", "2024-05-01", [], history);
    expect(s.components.share).toMatchObject({ replicated: 1, applicable: 33 });
    expect(s.components.latest).toEqual({ at: "2024-05-01", value: Number(((100 * 2) / 32).toFixed(6)), period: "2024-03-01", end: "2024-03-01", share: { replicated: 2, applicable: 32 } });
  });
  it("reads a milestone's parts done and a rank today", () => {
    const parts = ["tech_transfer_centre", "industrial_research_institute", "pilot_base", "incubator", "industrial_design_centre", "expert_apartments"];
    const done = (n: number, period: string) => parts.map((p, i) => obs("tech_facilities_landed", p, period, i < n ? 1 : 0));
    const m = status("T23-5", "2024-10-31", [...done(4, "2023-11"), ...done(6, "2024-08")]);
    expect(m.status).toBe("missed");
    expect(m.components.latest).toMatchObject({ at: "2024-10-31", value: 6, period: "2024-08", end: "2024-08-31" });
    expect(m.components.latest!.parts!.map((p) => [p.done, p.since])).toEqual(parts.map((_, i) => [true, i < 4 ? "2023-11-30" : "2024-08-31"]));
    expect(m.components.previous).toMatchObject({ at: "2024-09-30", value: 6, period: "2024-08" });
  });
  it("gives the share of the plan's time passed at the judging date", () => {
    // 2023-06-30 is day 399 of 583 from 2022-05-27 to 2023-12-31.
    expect(status("T23-4", "2023-06-30", cases(["2023-Q2", 4])).components.timeElapsed).toBe(Number((399 / 583).toFixed(4)));
    expect(status("T23-4", "2025-06-30", cases(["2023-Q2", 4])).components.timeElapsed).toBe(1);
  });
});

describe("targetStatus on the rank target: ties share a rank", () => {
  it("ranks the zone joint first when a peer reported the same value", () => {
    const rows = [obs("powers_delegated", "yongchuan", "2023-H1", 20), obs("powers_delegated", "chongqing_hitech", "2023-H1", 20), obs("powers_delegated", "wanzhou_etdz", "2023-H1", 12)];
    const s = status("T23-2", "2023-09-30", rows);
    expect(s.components.rank).toMatchObject({ rank: 1, of: 3, tied: true });
    expect(s.components.latest).toMatchObject({ value: 1, rank: { rank: 1, of: 3, tied: true } });
    const behind = status("T23-2", "2023-09-30", [...rows, obs("powers_delegated", "fuling_hitech", "2023-H1", 25)]);
    expect(behind.components.rank).toMatchObject({ rank: 2, of: 4, tied: true });
  });
});

describe("targetStatus on the rank target: its rank over time, as the chart draws it", () => {
  const half = (period: string, own: number, other: number) => [obs("powers_delegated", "yongchuan", period, own), obs("powers_delegated", "chongqing_hitech", period, other), obs("powers_delegated", "wanzhou_etdz", period, 12)];
  it("ranks the zone in every period reported up to the as-of date, each period among its own peers", () => {
    const s = status("T23-2", "2024-03-31", [...half("2023-H1", 10, 20), ...half("2023-H2", 20, 20), ...half("2024-H1", 30, 20)]);
    expect(s.components.rankHistory).toEqual([
      { period: "2023-H1", end: "2023-06-30", rank: 3, of: 3, tied: false, sample: false },
      { period: "2023-H2", end: "2023-12-31", rank: 1, of: 3, tied: true, sample: false },
    ]);
  });
  it("ends on the card's latest rank, after the deadline too", () => {
    const s = status("T23-2", "2024-07-31", [...half("2023-H2", 20, 30), ...half("2024-H1", 30, 20)]);
    expect(s.components.actual).toBe(2);
    expect(s.components.rankHistory!.at(-1)).toMatchObject({ rank: s.components.latest!.value, period: s.components.latest!.period, end: s.components.latest!.end });
  });
  it("draws a published rank where no peer counts were reported", () => {
    const s = status("T23-2", "2024-01-31", [obs("powers_delegated_rank", "yongchuan", "2022", 4), obs("powers_delegated_rank", "yongchuan", "2023", 2)]);
    expect(s.components.rankHistory!.map((p) => [p.period, p.rank, p.of])).toEqual([["2022", 4, 10], ["2023", 2, 10]]);
  });
  it("has an empty history, not none, when nothing was reported", () => {
    expect(status("T23-2", "2024-01-31", []).components.rankHistory).toEqual([]);
  });
});
