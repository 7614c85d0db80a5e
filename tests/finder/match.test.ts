import { beforeAll, describe, expect, it } from "vitest";
import { finderEntries, type FinderEntry } from "../../pipeline/finder/entries.ts";
import { findEntries, itemNumber, matchText } from "../../pipeline/finder/match.ts";
import { realRegistry } from "../helpers.ts";

// The finder over the plan's own registry: what a reader types → where the first result takes them.
let entries: FinderEntry[];
beforeAll(async () => {
  entries = finderEntries(await realRegistry());
});

const first = (query: string, lang: "zh" | "en" = "zh") => findEntries(entries, query, lang)[0]?.entry.path;
const paths = (query: string, lang: "zh" | "en" = "zh") => findEntries(entries, query, lang).map((m) => m.entry.path);

describe("the finder's index (finder.json)", () => {
  it("lists every indicator, reform item, responsible unit and park once, each with a place in the site", async () => {
    const registry = await realRegistry();
    const kinds = (k: string) => entries.filter((e) => e.kind === k).length;
    expect([kinds("indicator"), kinds("item"), kinds("unit"), kinds("park")]).toEqual([
      registry.indicators.length,
      33,
      registry.entities.filter((e) => e.type === "unit").length,
      registry.entities.filter((e) => e.type === "park").length,
    ]);
    expect(new Set(entries.map((e) => e.path)).size).toBe(entries.length);
    expect(entries.find((e) => e.kind === "item" && e.code === "19")!.path).toBe("/items#item-19");
    expect(entries.find((e) => e.kind === "park" && e.code === "fenghuanghu")!.path).toBe("/parks?park=fenghuanghu");
  });
});

describe("findEntries(entries, query, lang): typing a few characters finds the page", () => {
  it("finds reform item 19 by its number however it is written: 19, 第19项, 第 19 项, 19项, item 19", () => {
    for (const q of ["19", "第19项", "第 19 项", "19项", "１９", "item 19", "No. 19"]) expect(first(q), q).toBe("/items#item-19");
  });

  it("finds a park from two Chinese characters of its name, and from its alias", () => {
    expect(first("凤凰")).toBe("/parks?park=fenghuanghu");
    expect(first("港桥")).toBe("/parks?park=gangqiao");
  });

  it("finds a Chinese name from characters in order with some left out (凤湖 → 凤凰湖产业园), below closer matches", () => {
    expect(paths("凤湖")).toContain("/parks?park=fenghuanghu");
    expect(findEntries(entries, "凤湖", "zh").find((m) => m.entry.code === "fenghuanghu")!.score).toBeLessThan(findEntries(entries, "凤凰", "zh")[0]!.score);
  });

  it("finds a unit by its short name or its alias (区经信委 → the economy and information commission)", () => {
    expect(first("经信委")).toBe("/units#unit-econ_info");
    expect(first("市场监督管理局")).toBe("/units#unit-market_regulation");
  });

  it("finds in English by a word's beginning, whatever the case and hyphens (Cross border → item 2)", () => {
    expect(first("blockchain", "en")).toBe("/items#item-2");
    expect(first("Cross border", "en")).toBe("/items#item-2");
    expect(first("customs", "en")).toBe("/units#unit-customs");
  });

  it("finds an indicator by its target's code (T23-1) and by its id", () => {
    const withTarget = entries.find((e) => e.kind === "indicator" && e.also.length > 0)!;
    expect(first(withTarget.also[0]!)).toBe(withTarget.path);
    expect(first(withTarget.code, "en")).toBe(withTarget.path);
  });

  it("puts exact names before names that start with the query, and those before names that hold it", () => {
    const units = findEntries(entries, "区商务委", "zh");
    expect(units[0]!.entry.code).toBe("commerce");
    const scores = findEntries(entries, "园", "zh").map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("finds nothing for text no name holds, for one Latin letter inside words, and for an empty query", () => {
    expect(findEntries(entries, "完全不存在的名称", "zh")).toEqual([]);
    expect(findEntries(entries, "   ", "en")).toEqual([]);
    expect(findEntries(entries, "x", "en").every((m) => m.score >= 70)).toBe(true);
  });

  it("returns at most `limit` results", () => {
    expect(findEntries(entries, "区", "zh", 5)).toHaveLength(5);
  });
});

describe("the words a query is read as", () => {
  it("matchText folds full-width letters, case, spaces and punctuation", () => {
    expect(matchText("Ｃross-Border　Finance")).toBe("crossborderfinance");
    expect(matchText("（原永川银保监分局）")).toBe("原永川银保监分局");
  });

  it("itemNumber reads 第19项 and No. 19 as 19, and a name as no number", () => {
    expect([itemNumber("第19项"), itemNumber("No. 19"), itemNumber("#7"), itemNumber("凤凰湖"), itemNumber("T23-1")]).toEqual([19, 19, 7, null, null]);
  });
});
