// Every page asks for the data files it reads at once with <link rel="preload">, so they download
// beside the page's modules instead of after them (the overview's first chart waited ≈ 150 ms for
// them on an idle machine). A preload the page never reads would be a wasted download, and one that
// does not match the page's fetch (as="fetch" with crossorigin) would be a second download: both are
// checked here, on the pages' sources.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

const root = "src/[lang]";
const pages = [...readdirSync(root).filter((f) => f.endsWith(".md")), ...readdirSync(join(root, "indicators")).map((f) => join("indicators", f))];

/** The files a page reads as soon as it runs: `FileAttachment("…").json()` (downloads are only named). */
const readAtOnce = (source: string) => [...source.matchAll(/FileAttachment\("([^"]+)"\)\.json\(\)/g)].map((m) => m[1]!);
const preloaded = (source: string) => [...source.matchAll(/<link rel="preload"([^>]*)>/g)].map((m) => m[1]!);

describe("preloaded data files", () => {
  it("covers the site's pages", () => {
    expect(pages).toContain("index.md");
    expect(pages).toContain(join("indicators", "[id].md"));
  });

  it.each(pages)("%s preloads exactly the files it reads at once, as fetch() asks for them", (page) => {
    const source = readFileSync(join(root, page), "utf8");
    const links = preloaded(source);
    for (const attributes of links) expect(attributes).toMatch(/^ as="fetch" crossorigin href="[^"]+"$/);
    const hrefs = links.map((a) => /href="([^"]+)"/.exec(a)![1]);
    expect(hrefs.sort()).toEqual(readAtOnce(source).sort());
  });
});
