// @vitest-environment jsdom
// The as-of date and filters in the URL: read back with a fallback, written without a new history
// step, and carried by the nav (the as-of only) and the language switch (the whole query).
import { beforeEach, describe, expect, it } from "vitest";
import { Nav } from "../../src/components/nav.ts";
import { AsOfSelect } from "../../src/components/AsOfSelect.ts";
import { keepInUrl, setUrlParams, urlChoice, urlParam } from "../../src/components/urlState.ts";

beforeEach(() => {
  history.replaceState(null, "", "/zh/parks");
  document.body.replaceChildren();
});

describe("the view in the URL", () => {
  it("urlChoice falls back when the URL names a date the page does not offer", () => {
    history.replaceState(null, "", "/zh/parks?asof=2025-06-30");
    expect(urlChoice("asof", ["2025-06-30", "2025-09-30"], "2025-09-30")).toBe("2025-06-30");
    history.replaceState(null, "", "/zh/parks?asof=2099-01-01");
    expect(urlChoice("asof", ["2025-06-30", "2025-09-30"], "2025-09-30")).toBe("2025-09-30");
  });

  it("AsOfSelect starts at the URL's date and writes the reader's choice back, replacing the history entry", () => {
    history.replaceState(null, "", "/zh/?asof=2023-12-31");
    const before = history.length;
    const el = AsOfSelect(["2023-12-31", "2024-03-31"], { lang: "zh", value: "2024-03-31", document });
    const select = el.querySelector("select")!;
    expect(select.value).toBe("2023-12-31");
    select.value = "2024-03-31";
    select.dispatchEvent(new Event("change"));
    expect(urlParam("asof")).toBe("2024-03-31");
    expect(history.length).toBe(before);
  });

  it("the nav's links carry the as-of only; the language switch carries the whole query, and both follow changes", () => {
    history.replaceState(null, "", "/zh/parks?asof=2025-06-30&indicator=x");
    const nav = Nav({ lang: "zh", route: "/parks", sample: false, document });
    document.body.append(nav);
    const units = () => [...nav.querySelectorAll("nav a")].find((a) => a.textContent === "责任单位")!.getAttribute("href");
    const other = () => nav.querySelector("a.lang-switch")!.getAttribute("href");
    expect(units()).toBe("../zh/units?asof=2025-06-30");
    expect(other()).toBe("../en/parks?asof=2025-06-30&indicator=x");
    setUrlParams({ asof: "2024-12-31", indicator: null });
    expect(units()).toBe("../zh/units?asof=2024-12-31");
    expect(other()).toBe("../en/parks?asof=2024-12-31");
    setUrlParams({ asof: null });
    expect([units(), other()]).toEqual(["../zh/units", "../en/parks"]);
  });

  it("keepInUrl writes an input's value whenever it changes", () => {
    const input = document.createElement("input");
    keepInUrl(input, (v) => ({ indicator: String(v) }));
    input.value = "foreign_trade_value";
    input.dispatchEvent(new Event("input"));
    expect(urlParam("indicator")).toBe("foreign_trade_value");
  });
});
