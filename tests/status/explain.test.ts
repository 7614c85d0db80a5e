import { beforeAll, describe, expect, it } from "vitest";
import { targetStatus } from "../../pipeline/status/targets.ts";
import { describeTarget } from "../../pipeline/status/explain.ts";
import type { Registry, Target } from "../../pipeline/registry/types.ts";
import type { ItemStatus, Observation } from "../../pipeline/model.ts";
import { itemStatus, obs, realRegistry } from "../helpers.ts";

let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});
const target = (id: string): Target => registry.indicators.flatMap((i) => i.targets).find((t) => t.id === id)!;
const words = (id: string, asOf: string, observations: Observation[], items: ItemStatus[] = []) =>
  describeTarget(targetStatus(target(id), { registry, observations, itemStatuses: items, asOf }), registry);
const cases = (...values: [string, number][]) => values.map(([p, v]) => obs("ftz_aligned_cases", "yongchuan", p, v));

/** Every text of a target's words, both languages. */
const texts = (w: ReturnType<typeof describeTarget>) => [w.summary.zh, w.summary.en, w.explain.zh, w.explain.en, w.movement?.zh ?? "", w.movement?.en ?? ""];

describe("describeTarget: the card's sentence, its movement and its derivation", () => {
  it("says a target missed at its deadline and reached since, with both figures and their periods", () => {
    const w = words("T23-4", "2024-07-15", cases(["2023-Q4", 4], ["2024-Q1", 7], ["2024-Q2", 10]));
    expect(w.summary.zh).toBe("截至2023年12月31日未完成：4个，目标不低于5个。此后已达到目标，2024年第二季度为10个，属逾期完成。");
    expect(w.summary.en).toBe("Missed at the deadline, 31 Dec 2023: 4 cases against a target of at least 5 cases. Reached late since then: 10 cases in Q2 2024.");
    expect(w.movement).toEqual({ zh: "与上季度末（2024年6月30日）持平", en: "Unchanged since the previous quarter's end, 30 Jun 2024" });
  });
  it("gives the time passed against the task done before the deadline, and the change since the last quarter", () => {
    const w = words("T23-4", "2023-06-30", cases(["2023-Q1", 3], ["2023-Q2", 4]));
    expect(w.summary.zh).toBe("时间进度68%，任务进度80%，时间过半、任务过半；正常。");
    expect(w.movement?.zh).toBe("较上季度末（2023年3月31日）增加1个");
    expect(w.movement?.en).toBe("Up 1 case since the previous quarter's end, 31 Mar 2023");
    expect(w.explain.zh).toContain("按序时进度此时应达约3个，完成序时进度的117%");
  });
  it("shows the reform items' share as a percentage with its count, and a completion rate, never a bare ratio", () => {
    const items = Array.from({ length: 14 }, (_, i) => itemStatus(i + 1, "2023-12-15", "landed"));
    const w = words("T23-1", "2024-01-31", [], items);
    expect(w.explain.zh).toContain("2023年12月15日为42.4%，即适用的33项中已落地或推广14项");
    expect(w.explain.zh).toContain("完成率42%");
  });
  it("writes a rank with its threshold and says a shared rank", () => {
    const rows = [obs("powers_delegated", "yongchuan", "2023-H2", 20), obs("powers_delegated", "wanzhou_etdz", "2023-H2", 20)];
    const w = words("T23-2", "2024-01-31", rows);
    expect(w.summary.zh).toBe("按期完成：截至2023年12月31日排并列第1名，目标前3名。");
    expect(w.explain.en).toContain("joint 1st of the 2 linked zones that reported in H2 2023; the target is the top 3");
  });
  it("never writes period codes, ISO dates, straight-path jargon or nested brackets", () => {
    const all = [
      words("T23-4", "2024-07-15", cases(["2023-Q4", 4], ["2024-Q2", 10])),
      words("T23-4", "2023-06-30", cases(["2023-Q2", 2])),
      words("T25-1", "2023-06-30", []),
      words("T23-1", "2023-06-30", [], [itemStatus(1, "2023-05-01", "landed")]),
    ].flatMap(texts);
    for (const t of all) {
      expect(t).not.toMatch(/\d{4}-(Q|H)\d|\d{4}-\d{2}-\d{2}|\d{4}-\d{2}\b/);
      expect(t).not.toMatch(/直线|比值|straight path|ratio/);
      expect(t).not.toMatch(/（[^）]*（|\([^)]*\(/);
    }
  });
});
