// The pieces that keep the site's build independent of the number of indicators, and builds from
// reading each other's export: fast checks on temporary folders, no Framework.
import {mkdir, mkdtemp, readFile, readdir, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {copyIndicatorPages, exportedIndicators, indicatorFilesSource, writeIndicatorFiles} from "../../pipeline/site/indicators.ts";
import {lockBuild} from "../../pipeline/site/lock.ts";
import {exportArguments} from "../../pipeline/site/export.ts";

const temp = () => mkdtemp(join(tmpdir(), "ftz-site-unit-"));

describe("indicator pages", () => {
  it("names every exported indicator's file with a static FileAttachment, sorted", async () => {
    const dir = await temp();
    await mkdir(join(dir, "data", "indicators"), {recursive: true});
    for (const id of ["b_two", "a_one"]) await writeFile(join(dir, "data", "indicators", `${id}.json`), "{}");
    await writeFile(join(dir, "data", "indicators", "notes.txt"), "");
    expect(await exportedIndicators(join(dir, "data"))).toEqual(["a_one", "b_two"]);
    const out = join(dir, "indicatorFiles.js");
    await writeIndicatorFiles(join(dir, "data"), out);
    const source = await readFile(out, "utf8");
    expect(source).toBe(indicatorFilesSource(["a_one", "b_two"]));
    expect(source).toContain('"a_one": FileAttachment("../data/indicators/a_one.json"),');
    expect(source).toContain('import {FileAttachment} from "observablehq:stdlib";');
  });

  it("gives no indicator when the export has none", async () => {
    expect(await exportedIndicators(await temp())).toEqual([]);
  });

  it("writes every other indicator's page as a copy of the built one, in each language", async () => {
    const dir = await temp();
    for (const lang of ["zh", "en"]) {
      await mkdir(join(dir, lang, "indicators"), {recursive: true});
      await writeFile(join(dir, lang, "indicators", "a.html"), `<p>${lang}</p>`);
    }
    expect(await copyIndicatorPages(dir, ["zh", "en"], "a", ["a", "b", "c"])).toBe(4);
    expect((await readdir(join(dir, "en", "indicators"))).sort()).toEqual(["a.html", "b.html", "c.html"]);
    expect(await readFile(join(dir, "zh", "indicators", "c.html"), "utf8")).toBe("<p>zh</p>");
  });

  it("has each page preload its own indicator's hashed file, as the built indicatorFiles module names it", async () => {
    const dir = await temp();
    await mkdir(join(dir, "_import", "components"), {recursive: true});
    // As Framework writes the module: each FileAttachment with its hashed path from the module's folder.
    const entry = (id: string, hash: string) => `FileAttachment({"name":"../../data/indicators/${id}.json","mimeType":"application/json","path":"../../_file/data/indicators/${id}.${hash}.json","lastModified":1,"size":2}, import.meta.url)`;
    await writeFile(join(dir, "_import", "components", "indicatorFiles.0123abcd.js"), `export const indicatorFiles = {"a": ${entry("a", "11111111")}, "b": ${entry("b", "22222222")}};`);
    for (const lang of ["zh", "en"]) {
      await mkdir(join(dir, lang, "indicators"), {recursive: true});
      await writeFile(join(dir, lang, "indicators", "a.html"), `<head>\n<link rel="modulepreload" href="../../_import/components/indicatorFiles.0123abcd.js">\n</head><p>${lang}</p>`);
    }
    expect(await copyIndicatorPages(dir, ["zh", "en"], "a", ["a", "b", "c"])).toBe(4);
    const page = (lang: string, id: string) => readFile(join(dir, lang, "indicators", `${id}.html`), "utf8");
    const preloads = (html: string) => [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
    expect(preloads(await page("zh", "a"))).toEqual(["../../_file/data/indicators/a.11111111.json"]);
    expect(preloads(await page("en", "b"))).toEqual(["../../_file/data/indicators/b.22222222.json"]);
    // An indicator the module does not name (no file exported): the page as built, nothing preloaded.
    expect(preloads(await page("zh", "c"))).toEqual([]);
    expect(await page("en", "b")).toContain("<p>en</p>");
  });
});

describe("one export per build", () => {
  it("passes the build's settings to ftz export", () => {
    expect(exportArguments({})).toEqual(["export", "--out", "src/data"]);
    expect(exportArguments({FTZ_DATA: "d", FTZ_AS_OF: "2026-11-27", FTZ_TODAY: "2026-11-28"}, "o")).toEqual(["export", "--out", "o", "--data", "d", "--as-of", "2026-11-27", "--today", "2026-11-28"]);
  });

  it("lets one build at a time hold the lock; the next waits until it is freed", async () => {
    const lock = join(await temp(), "build.lock");
    const free = await lockBuild(lock);
    const order: string[] = [];
    let told = 0;
    const second = lockBuild(lock, () => told++).then((f) => (order.push("second"), f));
    await new Promise((r) => setTimeout(r, 500));
    order.push("first done");
    await free();
    await (await second)();
    expect(order).toEqual(["first done", "second"]);
    expect(told).toBe(1);
  });

  it("takes over the lock of a process that died", async () => {
    const lock = join(await temp(), "build.lock");
    await mkdir(lock);
    await writeFile(join(lock, "pid"), "2147483646"); // no such process
    const free = await lockBuild(lock);
    expect(await readFile(join(lock, "pid"), "utf8")).toBe(String(process.pid));
    await free();
  });
});
