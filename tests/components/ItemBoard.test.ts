// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { ItemBoard, type ItemRow } from "../../src/components/ItemBoard.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import fixture from "./fixtures/items-board.json" with { type: "json" };

const rows = fixture.rows as unknown as ItemRow[];
const unitNames = new Map([["econ_info", "区经济信息委"], ["pboc_yongchuan", "人行永川中心支行"], ["finance_office", "区金融办"], ["market_regulation", "区市场监管局"], ["commerce", "区商务委"], ["cbirc_yongchuan", "永川银保监分局"], ["tax", "区税务局"], ["housing_construction", "区住房城乡建委"]]);

describe("ItemBoard", () => {
  it("ItemBoard(rows, {groupBy: 'category'}) groups the items by the plan's categories with done / total", async () => {
    const board = ItemBoard(rows, { lang: "zh", groupBy: "category", unitNames, document });
    const groups = [...board.querySelectorAll(".item-group")].map((g) => (g as HTMLElement).dataset.group);
    expect(groups).toEqual(["market_regulation", "finance", "tax", "other"]);
    expect(board.querySelectorAll(".item-row")).toHaveLength(8);
    expect(board.querySelector('[data-group="market_regulation"] h3')!.textContent).toMatch(/^市场监管（\d\/4）$/);
    await expectSvgSnapshot("item-board-category-zh", board, "html");
  });

  it("ItemBoard(rows, {groupBy: 'unit'}) lists an item under each of its units, with its status in words (en)", async () => {
    const board = ItemBoard(rows, { lang: "en", groupBy: "unit", unitNames, document });
    // Item 2 names two units (annex row 2): it appears in both groups.
    expect(board.querySelectorAll('[data-item="2"]')).toHaveLength(2);
    for (const s of board.querySelectorAll(".item-status")) expect(s.textContent).toMatch(/^[★✔◐○—?] [A-Z]/);
    await expectSvgSnapshot("item-board-unit-en", board, "html");
  });
});
