// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from "vitest";
import { entryHref, Finder, revealHash } from "../../src/components/Finder.ts";
import { Nav } from "../../src/components/nav.ts";
import { finderEntries, type FinderEntry } from "../../pipeline/finder/entries.ts";
import { realRegistry } from "../helpers.ts";

let entries: FinderEntry[];
beforeAll(async () => {
  entries = finderEntries(await realRegistry());
});

/** A finder in the page, its entries loaded, and where it went. */
async function finder(lang: "zh" | "en", here = `/${lang}/parks`) {
  const went: string[] = [];
  let loads = 0;
  const box = Finder({ lang, here, load: async () => (loads++, entries), document, go: (h) => went.push(h) });
  document.body.replaceChildren(box);
  const input = box.querySelector("input")!;
  input.dispatchEvent(new Event("focus"));
  await new Promise((r) => setTimeout(r, 0));
  const type = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input"));
  };
  const key = (k: string) => input.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  const options = () => [...box.querySelectorAll('[role="option"]')].map((o) => o.textContent);
  return { box, input, type, key, options, went, loads: () => loads };
}

describe("Finder: the combobox in every page's header", () => {
  it("typing 第19项 lists reform item 19 first, and Enter goes to its row on the items page", async () => {
    const f = await finder("zh");
    f.type("第19项");
    expect(f.options()[0]).toBe("改革事项第19项 美元快付平台");
    expect(f.input.getAttribute("aria-expanded")).toBe("true");
    expect(f.box.querySelector('[role="status"]')!.textContent).toContain("找到 1 项");
    f.key("Enter");
    expect(f.went).toEqual(["../zh/items#item-19"]);
  });

  it("arrow keys move the chosen option (aria-activedescendant, aria-selected), wrapping round; Enter goes to it", async () => {
    const f = await finder("en", "/en/");
    f.type("park");
    const n = f.options().length;
    expect(n).toBeGreaterThan(1);
    f.key("ArrowDown");
    f.key("ArrowDown");
    const chosen = f.box.querySelector('[aria-selected="true"]')!;
    expect(f.input.getAttribute("aria-activedescendant")).toBe(chosen.id);
    expect([...f.box.querySelectorAll('[role="option"]')].indexOf(chosen)).toBe(1);
    f.key("ArrowUp");
    f.key("ArrowUp");
    expect([...f.box.querySelectorAll('[role="option"]')].indexOf(f.box.querySelector('[aria-selected="true"]')!)).toBe(n - 1);
    f.key("Enter");
    expect(f.went).toHaveLength(1);
    expect(f.went[0]).toMatch(/^\.\.\/en\/parks\?park=/);
  });

  it("Esc closes the list, and a second Esc clears the box", async () => {
    const f = await finder("zh");
    f.type("凤凰");
    f.key("Escape");
    expect([f.input.getAttribute("aria-expanded"), (f.box.querySelector('[role="listbox"]') as HTMLElement).hidden, f.input.value]).toEqual(["false", true, "凤凰"]);
    f.key("Escape");
    expect(f.input.value).toBe("");
  });

  it("says so when nothing matches, and reads its entries once however much is typed", async () => {
    const f = await finder("en");
    f.type("zzzz");
    expect(f.options()).toEqual([]);
    expect(f.box.querySelector('[role="status"]')!.textContent).toBe("Nothing found");
    f.type("blockchain");
    f.type("customs");
    expect(f.loads()).toBe(1);
  });

  it("carries the page's as-of date to where it goes, before the #hash, from an indicator page two folders deep", () => {
    const unit = entries.find((e) => e.kind === "unit")!;
    expect(entryHref(unit, "zh", "/zh/indicators/x", "?asof=2025-06-30")).toBe(`../../zh/units?asof=2025-06-30#unit-${unit.code}`);
    const park = entries.find((e) => e.kind === "park")!;
    expect(entryHref(park, "en", "/en/", "?asof=2025-06-30&other=1")).toBe(`../en/parks?park=${park.code}&asof=2025-06-30`);
  });

  it("Nav(options) places the finder, labelled in the page's language, only when given its entries", () => {
    const nav = Nav({ lang: "en", route: "/units", sample: false, finder: { json: async () => entries }, document });
    expect(nav.querySelector(".finder label")!.textContent).toBe("Find");
    expect(nav.querySelector('.finder input[role="combobox"]')!.getAttribute("aria-controls")).toBe(nav.querySelector('.finder [role="listbox"]')!.id);
    expect(Nav({ lang: "zh", route: "/", sample: false, document }).querySelector(".finder")).toBeNull();
  });
});

describe("revealHash: a finder link's #hash shown once the page has drawn it", () => {
  it("opens and focuses the element the hash names when it appears after the page loaded", async () => {
    document.body.replaceChildren();
    window.history.replaceState(null, "", "#item-7");
    Element.prototype.scrollIntoView ??= function () {};
    revealHash(document, 2_000);
    const row = document.createElement("li");
    row.id = "item-7";
    row.append(document.createElement("details"));
    document.body.append(row);
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(row);
    expect(row.querySelector("details")!.open).toBe(true);
    // The cell runs again and draws the row anew: the new row is the one shown.
    const again = row.cloneNode(true) as HTMLElement;
    again.querySelector("details")!.open = false;
    row.replaceWith(again);
    await new Promise((r) => setTimeout(r, 0));
    expect([document.activeElement === again, again.querySelector("details")!.open]).toEqual([true, true]);
    window.history.replaceState(null, "", "#");
  });
});
