// The offline CDN/registry stand-in behind the Framework site build (pipeline/site). Fast checks,
// no browser and no network; the end-to-end proof is pipeline/site/check.ts on a built dist/.
import {mkdtempSync, mkdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {installOfflineFetch} from "../../pipeline/site/offline-fetch.ts";
import {MISSING_VERSION, OfflineNpm, OfflineNpmError} from "../../pipeline/site/offline-npm.ts";
import {resolveFile} from "../../pipeline/site/serve.ts";

const npm = new OfflineNpm(process.cwd());
const version = (name: string): string => npm.index.latest(name)!;

describe("offline npm registry", () => {
  it("answers versions of installed packages, hoisted copy as latest", async () => {
    const body = (await npm.registry(new URL("https://registry.npmjs.org/d3")).json()) as {
      "dist-tags": {latest: string};
      versions: Record<string, unknown>;
    };
    expect(body["dist-tags"].latest).toBe(version("d3"));
    expect(Object.keys(body.versions)).toContain(version("d3"));
    const tag = (await npm.registry(new URL("https://registry.npmjs.org/@observablehq/plot/latest")).json()) as {version: string};
    expect(tag.version).toBe(version("@observablehq/plot"));
  });

  it("gives a placeholder version for packages that are not installed", async () => {
    const body = (await npm.registry(new URL("https://registry.npmjs.org/no-such-package-xyz/latest")).json()) as {version: string};
    expect(body.version).toBe(MISSING_VERSION);
  });
});

describe("offline npm CDN", () => {
  it("bundles an ES package, keeping other packages as /npm/ imports", async () => {
    const res = await npm.cdn(new URL(`https://cdn.jsdelivr.net/npm/@observablehq/plot@${version("@observablehq/plot")}/+esm`));
    expect(res.headers.get("content-type")).toMatch(/^application\/javascript/);
    const code = await res.text();
    expect(code).toContain(`"/npm/d3@${version("d3")}/+esm"`);
    expect(code).not.toMatch(/from\s*"d3"/);
  });

  it("gives a CommonJS package a default export and named exports", async () => {
    const code = await (await npm.cdn(new URL(`https://cdn.jsdelivr.net/npm/papaparse@${version("papaparse")}/+esm`))).text();
    expect(code).toMatch(/as default\b/);
    expect(code).toMatch(/as parse\b/);
  });

  it("serves raw files, and refuses packages that are not installed", async () => {
    const v = version("@duckdb/duckdb-wasm");
    const wasm = await npm.cdn(new URL(`https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm@${v}/dist/duckdb-eh.wasm`));
    expect(wasm.headers.get("content-type")).toBe("application/wasm");
    await expect(npm.cdn(new URL(`https://cdn.jsdelivr.net/npm/lodash@${MISSING_VERSION}/+esm`))).rejects.toThrow(
      /npm install --save-exact lodash/
    );
  });
});

describe("offline fetch", () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("routes CDN and registry to node_modules and refuses any other host", async () => {
    restore = installOfflineFetch(npm);
    expect((await fetch("https://registry.npmjs.org/htl/latest")).ok).toBe(true);
    await expect(fetch("https://fonts.googleapis.com/css2")).rejects.toBeInstanceOf(OfflineNpmError);
    await expect(fetch("https://extensions.duckdb.org/v1.1.1/wasm_eh/json.duckdb_extension.wasm")).rejects.toThrow(/duckdb\.extensions/);
  });
});

describe("dist server paths", () => {
  const dir = mkdtempSync(join(tmpdir(), "ftz-dist-"));
  mkdirSync(join(dir, "parks"));
  for (const f of ["index.html", "formats.html", "parks/index.html"]) writeFileSync(join(dir, f), "<!doctype html>");

  it("maps clean URLs to .html files and stays inside the folder", () => {
    expect(resolveFile(dir, "/")).toBe(join(dir, "index.html"));
    expect(resolveFile(dir, "/formats")).toBe(join(dir, "formats.html"));
    expect(resolveFile(dir, "/parks/")).toBe(join(dir, "parks", "index.html"));
    expect(resolveFile(dir, "/parks")).toBe(join(dir, "parks", "index.html"));
    expect(resolveFile(dir, "/../../etc/passwd")).toBeUndefined();
    expect(resolveFile(dir, "/missing")).toBeUndefined();
  });
});
