import { describe, expect, it } from "vitest";
import { rankWords, sharedRanks, valueRanks } from "../../pipeline/status/rank.ts";

describe("valueRanks: equal results share a rank", () => {
  it("ranks 1, 1, 3 when the first two are equal, higher first", () => {
    expect(valueRanks([20, 20, 15, 9], "increase").map((r) => r.rank)).toEqual([1, 1, 3, 4]);
    expect(valueRanks([20, 20, 15, 9], "increase").map((r) => r.tied)).toEqual([true, true, false, false]);
  });
  it("keeps the input order and skips as many places as shared the one before", () => {
    expect(valueRanks([5, 9, 9, 9, 1], "increase").map((r) => r.rank)).toEqual([4, 1, 1, 1, 5]);
  });
  it("ranks lower first when lower is better", () => {
    expect(valueRanks([3, 1, 1, 2], "decrease").map((r) => r.rank)).toEqual([4, 1, 1, 3]);
  });
  it("gives every entry rank 1 when all are equal, and nothing for no entries", () => {
    expect(valueRanks([7, 7, 7], "increase")).toEqual([1, 1, 1].map((rank) => ({ rank, tied: true })));
    expect(valueRanks([], "increase")).toEqual([]);
    expect(valueRanks([7], "increase")).toEqual([{ rank: 1, tied: false }]);
  });
  it("sharedRanks ranks by any ordering: a share, then fewer overdue as the tie-break", () => {
    const rows = [
      { share: 0.5, overdue: 1 },
      { share: 0.8, overdue: 0 },
      { share: 0.5, overdue: 1 },
      { share: 0.5, overdue: 0 },
    ];
    const ranks = sharedRanks(rows, (a, b) => b.share - a.share || a.overdue - b.overdue);
    expect(ranks).toEqual([
      { rank: 3, tied: true },
      { rank: 1, tied: false },
      { rank: 3, tied: true },
      { rank: 2, tied: false },
    ]);
  });
});

describe("rankWords", () => {
  it("says 并列 / joint for a shared rank", () => {
    expect(rankWords({ rank: 1, tied: true }, "zh")).toBe("并列第1名");
    expect(rankWords({ rank: 3, tied: false }, "zh")).toBe("第3名");
    expect(rankWords({ rank: 1, tied: true }, "en")).toBe("joint 1st");
    expect([2, 3, 4, 11, 12, 13, 21, 22, 101].map((rank) => rankWords({ rank, tied: false }, "en"))).toEqual(["2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]);
  });
});
