// @vitest-environment jsdom
// Long tables are collapsed with their total (issue 12: not a 9,000 px page); data text in Chinese is
// marked as such on English pages; codes are code.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataTable } from "../../src/components/DataTable.ts";

const rows = Array.from({ length: 120 }, (_, i) => ({ no: i + 1, title: `事项${i + 1}`, file: `data/x.csv:${i + 2}` }));
const columns = [
  { key: "no" as const, label: "No.", number: true },
  { key: "title" as const, label: "Title", original: true },
  { key: "file" as const, label: "File:line", code: true },
];

describe("DataTable", () => {
  it("shows the first 50 of 120 rows and a button naming all 120, which shows the rest", () => {
    const el = DataTable(rows, { lang: "en", filename: "t.csv", columns, document });
    const visible = () => [...el.querySelectorAll("tbody tr")].filter((tr) => !(tr as HTMLElement).hidden).length;
    expect(visible()).toBe(50);
    const button = el.querySelector<HTMLButtonElement>("button.show-all")!;
    expect(button.textContent).toBe("Show all 120 rows (showing the first 50)");
    button.click();
    expect(visible()).toBe(120);
    expect(el.querySelector("button.show-all")).toBeNull();
  });

  it("does not collapse a table only a few rows longer than a page", () => {
    const el = DataTable(rows.slice(0, 55), { lang: "zh", filename: "t.csv", columns, document });
    expect(el.querySelector("button.show-all")).toBeNull();
    expect([...el.querySelectorAll("tbody tr")].every((tr) => !(tr as HTMLElement).hidden)).toBe(true);
  });

  it("says there is no data under the header of a table of no rows, and nothing of the kind when there are rows", () => {
    for (const lang of ["zh", "en"] as const) {
      const empty = DataTable([], { lang, filename: "t.csv", columns, document });
      expect(empty.querySelectorAll("tbody tr").length).toBe(0);
      expect(empty.querySelector("table + p.table-empty")?.textContent).toBe(lang === "zh" ? "暂无数据。" : "No data yet.");
    }
    expect(DataTable(rows.slice(0, 1), { lang: "zh", filename: "t.csv", columns, document }).querySelector(".table-empty")).toBeNull();
  });

  it("links a cell to the address its column gives for the row (a figure's source), as plain text where there is none", () => {
    const linked = [{ title: "【样例】公报", url: "https://www.example.cn/sample/a.html" }, { title: "无链接的来源", url: null }];
    const el = DataTable(linked, { lang: "en", filename: "t.csv", columns: [{ key: "title" as const, label: "Title", original: true, href: (r: (typeof linked)[number]) => r.url }], document });
    const [a, b] = [...el.querySelectorAll("tbody td")];
    expect(a!.querySelector("a")?.getAttribute("href")).toBe("https://www.example.cn/sample/a.html");
    expect(a!.querySelector("a")?.textContent).toBe("【样例】公报");
    expect(a!.getAttribute("lang")).toBe("zh-CN");
    expect(b!.querySelector("a")).toBeNull();
    expect(b!.textContent).toBe("无链接的来源");
  });

  it("marks Chinese data text lang=zh-CN on an English page only, and sets codes as <code>", () => {
    const en = DataTable(rows.slice(0, 1), { lang: "en", filename: "t.csv", columns, document });
    const td = en.querySelectorAll("tbody td");
    expect(td[1]!.getAttribute("lang")).toBe("zh-CN");
    expect(td[2]!.querySelector("code")?.textContent).toBe("data/x.csv:2");
    const zh = DataTable(rows.slice(0, 1), { lang: "zh", filename: "t.csv", columns, document });
    expect(zh.querySelectorAll("tbody td")[1]!.hasAttribute("lang")).toBe(false);
  });

  it("saves the columns shown by default, and the download's own header and rows when given (the indicator page: every field of each figure)", async () => {
    const saved: Blob[] = [];
    const blobs = new Map<string, Blob>();
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => (blobs.set(`blob:${blobs.size}`, blob as Blob), `blob:${blobs.size - 1}`));
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(blobs.get(this.href)!);
    });
    const click = (el: HTMLElement) => (el.querySelector("button.csv-download") as HTMLButtonElement).click();
    click(DataTable(rows.slice(0, 1), { lang: "en", filename: "t.csv", columns, document }));
    click(DataTable(rows.slice(0, 1), { lang: "en", filename: "t.csv", columns, document, download: { header: ["no", "qualifier"], rows: [[1, "超"]] } }));
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    const texts = await Promise.all(saved.map((b) => b.text()));
    expect(texts).toEqual(["No.,Title,File:line\r\n1,事项1,data/x.csv:2", "no,qualifier\r\n1,超"]);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
