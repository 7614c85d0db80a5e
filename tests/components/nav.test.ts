// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { Nav, pageName, relativeHref } from "../../src/components/nav.ts";
import { AsOfSelect } from "../../src/components/AsOfSelect.ts";
import { DataTable } from "../../src/components/DataTable.ts";
import { formatNumber, formatDate, otherLangPath } from "../../src/components/i18n.ts";
import { expectSvgSnapshot } from "./snapshot.ts";

describe("Nav", () => {
  it("relativeHref(from, to) links relatively, so the site works under any folder", () => {
    expect(relativeHref("/zh/", "/zh/parks")).toBe("../zh/parks");
    expect(relativeHref("/zh/parks", "/en/parks")).toBe("../en/parks");
    expect(relativeHref("/zh/indicators/x", "/zh/indicators/")).toBe("../../zh/indicators/");
  });
  it("Nav(options) links the same page in the other language and shows the sample banner", async () => {
    const nav = Nav({ lang: "zh", route: "/parks", sample: true, document });
    expect(nav.querySelector("a.lang-switch")!.getAttribute("href")).toBe("../en/parks");
    expect(nav.querySelector('[aria-current="page"]')!.textContent).toBe("园区对比");
    expect(nav.querySelector(".sample-banner")!.textContent).toContain("样例数据");
    expect(Nav({ lang: "en", route: "/", sample: false, document }).querySelector(".sample-banner")).toBeNull();
    await expectSvgSnapshot("nav-zh-parks", nav, "html");
  });
});

describe("i18n", () => {
  it("formatNumber(value, 'zh') reads ten thousands in 万 and hundred millions in 亿", () => {
    expect(formatNumber(12345, "zh")).toBe("1.23万");
    expect(formatNumber(230000000, "zh")).toBe("2.3亿");
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(null, "zh")).toBe("—");
  });
  it("formatDate(iso, lang) writes 2023年12月31日 and 31 Dec 2023", () => {
    expect(formatDate("2023-12-31", "zh")).toBe("2023年12月31日");
    expect(formatDate("2023-12-31", "en")).toBe("31 Dec 2023");
  });
  it("otherLangPath(path, lang) swaps the language segment only", () => {
    expect(otherLangPath("/zh/indicators/zh_thing", "zh")).toBe("/en/indicators/zh_thing");
  });
});

describe("AsOfSelect and DataTable", () => {
  it("AsOfSelect(dates, options) offers the dates newest first and reports the choice as its value", () => {
    const el = AsOfSelect(["2023-12-31", "2024-03-31"], { lang: "zh", value: "2024-03-31", document });
    const select = el.querySelector("select")!;
    expect([...select.options].map((o) => o.textContent)).toEqual(["2024年3月31日", "2023年12月31日"]);
    let fired = 0;
    el.addEventListener("input", () => fired++);
    select.value = "2023-12-31";
    select.dispatchEvent(new Event("change"));
    expect([el.value, fired]).toEqual(["2023-12-31", 1]);
  });
  it("DataTable(rows, options) sets cells as text and formats numbers in the page's language", async () => {
    const el = DataTable([{ name: "<b>凤凰湖</b>", value: 12345 }], { lang: "zh", filename: "t.csv", columns: [{ key: "name", label: "园区" }, { key: "value", label: "数值", number: true }], document });
    expect(el.querySelector("b")).toBeNull();
    expect([...el.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["<b>凤凰湖</b>", "1.23万"]);
    expect(el.querySelector("button")!.textContent).toBe("下载 CSV");
    await expectSvgSnapshot("data-table-zh", el, "html");
  });
});

describe("pageName", () => {
  it("reads the indicator of an indicator page from its URL, with or without .html", () => {
    expect(pageName("/zh/indicators/ftz_aligned_cases")).toBe("ftz_aligned_cases");
    expect(pageName("/site/en/indicators/foreign_trade_value.html")).toBe("foreign_trade_value");
    expect(pageName("/zh/indicators/a%20b")).toBe("a b");
  });
});
