// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { chartDownloads, chartSvg, csvDownloadButton, downloadText, serializeSvg } from "../../src/components/download.ts";
import { StatusStrip } from "../../src/components/StatusStrip.ts";

const counts = { achieved: 4, on_track: 1, lagging: 0, off_track: 2, missed: 2, no_data: 0 };

/** Catches what a download would save: the <a download> clicked and the Blob behind its URL. */
function captureDownloads() {
  const saved: { filename: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ filename: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("download", () => {
  it("chartDownloads(chart, {filename, lang}) gives two buttons labelled in the page's language", () => {
    const chart = StatusStrip(counts, { width: 640, lang: "zh", document });
    const zh = chartDownloads(chart, { filename: "status", lang: "zh" });
    expect(zh.className).toBe("chart-downloads");
    expect([...zh.querySelectorAll("button")].map((b) => [b.type, b.textContent])).toEqual([
      ["button", "下载 SVG"],
      ["button", "下载 PNG"],
    ]);
    const en = chartDownloads(chart, { filename: "status", lang: "en" });
    expect([...en.querySelectorAll("button")].map((b) => b.textContent)).toEqual(["Download SVG", "Download PNG"]);
  });

  it("serializeSvg(svg) writes a standalone SVG: namespaces, size, light colours and a white background rect first", () => {
    const chart = StatusStrip(counts, { width: 640, lang: "zh", document }) as SVGSVGElement;
    const before = chart.outerHTML;
    const text = serializeSvg(chart);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text.match(/xmlns="/g)).toHaveLength(1);
    expect(text).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
    const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
    expect(parsed.querySelector("parsererror")).toBeNull();
    const root = parsed.documentElement;
    expect(root.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect([root.getAttribute("width"), root.getAttribute("height")]).toEqual(["640", chart.getAttribute("height")]);
    expect(root.getAttribute("style")).toContain("color: #1b1e23");
    expect(root.getAttribute("style")).toContain("--theme-foreground-muted: #6d6d6d");
    const first = root.firstElementChild!;
    expect(first.localName).toBe("rect");
    expect([first.getAttribute("width"), first.getAttribute("height"), first.getAttribute("fill")]).toEqual(["100%", "100%", "#ffffff"]);
    // Data text is kept as text, and the page's element is left as it was.
    expect(root.textContent).toContain("✔ 已完成 4");
    expect(chart.outerHTML).toBe(before);
  });

  it("chartDownloads(chart, options) saves the serialised SVG as <filename>.svg when its SVG button is clicked", async () => {
    const saved = captureDownloads();
    const chart = StatusStrip(counts, { width: 640, lang: "en", document });
    const wrapper = document.createElement("figure");
    wrapper.append(chart);
    const [svgButton] = chartDownloads(wrapper, { filename: "status-2024-06-30", lang: "en" }).querySelectorAll("button");
    svgButton!.click();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.filename).toBe("status-2024-06-30.svg");
    expect(saved[0]!.blob.type).toBe("image/svg+xml;charset=utf-8");
    expect(await saved[0]!.blob.text()).toBe(serializeSvg(chart));
    expect(chartSvg(wrapper)).toBe(chart);
  });

  it("downloadText(text, filename, mime) saves the text through a temporary <a download>", async () => {
    const saved = captureDownloads();
    downloadText("a,b\r\n1,2\r\n", "x.csv", "text/csv;charset=utf-8");
    expect(saved.map((s) => s.filename)).toEqual(["x.csv"]);
    expect(saved[0]!.blob.type).toBe("text/csv;charset=utf-8");
    expect(await saved[0]!.blob.text()).toBe("a,b\r\n1,2\r\n");
    expect(document.querySelector("a[download]")).toBeNull();
  });

  it("csvDownloadButton(header, rows, options) saves spreadsheet CSV (BOM, CRLF, formulas neutralised) under a language's label", async () => {
    const saved = captureDownloads();
    const zh = csvDownloadButton(["园区", "数值"], [["凤凰湖产业园", 12], ["=1+1", null]], { filename: "parks.csv", lang: "zh" });
    expect(zh.textContent).toBe("下载 CSV");
    expect(csvDownloadButton(["a"], [], { filename: "x", lang: "en" }).textContent).toBe("Download CSV");
    zh.click();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.filename).toBe("parks.csv");
    const bytes = new Uint8Array(await saved[0]!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // (Blob.text() decodes UTF-8 and drops the BOM checked above.)
    expect(await saved[0]!.blob.text()).toBe("园区,数值\r\n凤凰湖产业园,12\r\n'=1+1,");
  });
});
