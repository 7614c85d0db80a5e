import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../pipeline/registry/load.ts";

const { registry, problems } = await loadRegistry("data");

describe("the plan as data (data/reference, data/indicators.yml)", () => {
  it("loads with no problem", () => {
    expect(problems).toEqual([]);
    expect(registry).toBeDefined();
  });

  const count = (type: string) => registry!.entities.filter((e) => e.type === type).length;

  it("holds the six parks of 二（一）, the five functional areas and eight industries of 二（二）", () => {
    expect(count("park")).toBe(6);
    expect(count("area")).toBe(5);
    expect(count("industry")).toBe(8);
    const industries = registry!.entities.filter((e) => e.type === "industry");
    expect(industries.filter((e) => e.attrs.group === "pillar")).toHaveLength(5);
    expect(industries.filter((e) => e.attrs.group === "emerging")).toHaveLength(3);
  });

  it("holds all 33 annex items, each with at least one responsible unit that exists", () => {
    expect(registry!.items.map((i) => i.no)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    const units = new Set(registry!.entities.filter((e) => e.type === "unit").map((e) => e.code));
    for (const item of registry!.items) {
      expect(item.units.length, `item ${item.no}`).toBeGreaterThan(0);
      for (const u of item.units) expect(units.has(u), `item ${item.no} unit ${u}`).toBe(true);
    }
  });

  it("names more than one unit exactly on annex rows 2, 6, 7, 8, 17, 20 and 23", () => {
    expect(registry!.items.filter((i) => i.units.length > 1).map((i) => i.no)).toEqual([2, 6, 7, 8, 17, 20, 23]);
  });

  it("holds every responsible unit of the annex (17), each used by an item or the plan's 四（一）", () => {
    const units = registry!.entities.filter((e) => e.type === "unit");
    expect(units).toHaveLength(17);
    const used = new Set(registry!.items.flatMap((i) => i.units));
    for (const u of units) expect(used.has(u.code), u.code).toBe(true);
  });

  it("holds the four task lists of 四（二） and the ten peer zones of the first batch, one of them this zone", () => {
    expect(count("list")).toBe(4);
    expect(count("peer")).toBe(10);
    expect(registry!.selfZone).toBe("yongchuan");
  });

  it("holds every target T23-1 … T23-6 and T25-1 … T25-3, each with a deadline, clause and quote", () => {
    const targets = registry!.indicators.flatMap((i) => i.targets);
    expect(targets.map((t) => t.id).sort()).toEqual(["T23-1", "T23-2", "T23-3", "T23-4", "T23-5", "T23-6", "T25-1", "T25-2", "T25-3"]);
    for (const t of targets) {
      expect(t.deadline).toBe(t.id.startsWith("T23") ? "2023-12-31" : "2025-12-31");
      expect(t.clause).toMatch(/^一（三）/);
      expect(t.quote.zh.length).toBeGreaterThan(5);
    }
  });

  it("takes T23-2's rank threshold from a visible setting, since the plan names no number", () => {
    const t = registry!.indicators.flatMap((i) => i.targets).find((t) => t.id === "T23-2")!;
    expect(t.valueSetting).toBe("front_rank");
    expect(t.value).toBe(registry!.settings.named.front_rank!.value);
  });

  it("has the indicator ids files and tests rely on", () => {
    const ids = registry!.indicators.map((i) => i.id);
    for (const id of ["reform_items_replicated", "powers_delegated", "measure_sharing_mechanism", "ftz_aligned_cases", "tech_facilities_landed", "innovation_cases", "replicable_experiences", "enterprises_attracted"]) {
      expect(ids).toContain(id);
    }
  });

  it("cites a source on every entity, item and indicator", () => {
    for (const e of registry!.entities) expect(e.clause, e.code).not.toBe("");
    for (const i of registry!.items) expect(i.clause, String(i.no)).toMatch(/附件 第\d+行/);
    // The plan's clause; a context figure with no target may cite its source instead.
    for (const i of registry!.indicators) expect(i.clause || (i.targets.length ? "" : i.source), i.id).not.toBe("");
  });
});
