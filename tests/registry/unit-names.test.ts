import { describe, expect, it } from "vitest";
import { currentNameColumns, readEntities } from "../../pipeline/registry/tables.ts";
import { renameSource, unitName } from "../../pipeline/registry/names.ts";
import { finderEntries } from "../../pipeline/finder/entries.ts";
import { loadRegistry } from "../../pipeline/registry/load.ts";

// Units renamed after the plan: today's name only with its published source, the plan's name beside it.
const header = `code,name_zh,name_en,aliases,clause,${currentNameColumns.join(",")}`;
const read = (...rows: string[]) => readEntities([header, ...rows].join("\n"), "units.csv", "unit", [], currentNameColumns);
const renamed = "reg,旧局,Old Bureau,旧局简称,附件 第1行,新局,New Bureau,2023-11-01,新局挂牌公告,https://example.gov.cn/notice,2023-11-01";

describe("units.csv: a unit's name as it is today", () => {
  it("reads a renamed unit's current name and its source; a unit without one keeps the plan's name alone", () => {
    const { entities, problems } = read(renamed, "same,同名局,Same Bureau,,附件 第2行,,,,,,");
    expect(problems).toEqual([]);
    const [now, same] = entities as [(typeof entities)[0], (typeof entities)[0]];
    expect(unitName(now, "zh")).toBe("新局（原旧局）");
    expect(unitName(now, "en")).toBe("New Bureau (formerly Old Bureau)");
    expect(renameSource(now)).toEqual({ title: "新局挂牌公告", url: "https://example.gov.cn/notice", date: "2023-11-01" });
    expect([unitName(same, "zh"), unitName(same, "en"), renameSource(same)]).toEqual(["同名局", "Same Bureau", null]);
    expect(same.attrs).toEqual({});
  });

  it("refuses a current name without its source's title, address and date, naming each column", () => {
    const { problems } = read("reg,旧局,Old Bureau,,附件 第1行,新局,New Bureau,,,,");
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["bad_reference", 2, 9],
      ["bad_reference", 2, 10],
      ["bad_reference", 2, 11],
    ]);
  });

  it("reads a units.csv from before these columns as names unchanged", () => {
    const { entities, problems } = readEntities("code,name_zh,name_en,aliases,clause\nreg,旧局,Old Bureau,,附件 第1行\n", "units.csv", "unit", [], currentNameColumns);
    expect(problems).toEqual([]);
    expect(unitName(entities[0]!, "zh")).toBe("旧局");
  });

  it("lists a renamed unit in the finder by today's name and finds it by the plan's", () => {
    const { entities } = read(renamed);
    const [unit] = finderEntries({ settings: {} as never, indicators: [], items: [], entities, selfZone: "" });
    expect(unit!.name).toEqual({ zh: "新局", en: "New Bureau" });
    expect(unit!.also).toEqual(expect.arrayContaining(["旧局", "Old Bureau"]));
  });

  it("data/reference/units.csv gives a current name only with a source (none found yet: every unit keeps the plan's name)", async () => {
    const { registry, problems } = await loadRegistry("data");
    expect(problems).toEqual([]);
    const units = registry!.entities.filter((e) => e.type === "unit");
    for (const u of units) if (u.attrs.current_name_zh) expect(renameSource(u), u.code).not.toBeNull();
    expect(units.find((u) => u.code === "cbirc_yongchuan")!.name.zh).toBe("永川银保监分局");
  });
});
