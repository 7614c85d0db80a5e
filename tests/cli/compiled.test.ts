// The compiled CLI (bin/cli-build.js): what `ftz` runs is the build, each command in its own chunk, and
// never a build older than its sources — a copy of the project whose source is edited runs the edit.

import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ftz = (root: string, ...args: string[]) => run(process.execPath, [join(root, "bin/ftz.js"), ...args], { cwd: process.cwd() });

interface Manifest {
  dir: string;
  inputs: string[];
}
interface Meta {
  inputs?: Record<string, unknown>;
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
}

const manifestOf = (root: string): Manifest => JSON.parse(readFileSync(join(root, "build/cli/current.json"), "utf8"));

/** Everything a chunk loads before its code runs: its static imports, transitively (dynamic ones are loaded only when reached). */
function loadedWith(meta: Meta, output: string): Set<string> {
  const seen = new Set<string>();
  const visit = (o: string) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const i of meta.outputs[o]?.imports ?? []) if (i.kind === "import-statement") visit(i.path);
  };
  visit(output);
  return seen;
}

describe("the compiled CLI", async () => {
  // Whatever the current build, bring it up to date first (as bin/ftz.js does on every run).
  await ftz(process.cwd(), "--help");
  const manifest = manifestOf(process.cwd());
  const buildDir = `build/cli/${manifest.dir}`;
  const meta: Meta = JSON.parse(readFileSync(join(buildDir, "meta.json"), "utf8"));
  const chunkOf = (entry: string) => Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entry)![0];
  /** The packages and sources a chunk loads before its code runs. */
  const reach = (entry: string) => {
    const outputs = [...loadedWith(meta, chunkOf(entry))];
    const packages = outputs.filter((o) => !o.startsWith("build/") && !o.startsWith("node:"));
    const sources = outputs.flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
    return { packages, sources };
  };
  /**
   * Whether a chunk loads DuckDB: pipeline/warehouse/db.ts loads @duckdb/node-api with require() when it
   * is loaded (cheaper than an import; esbuild's metafile does not list it), and nothing else may load it.
   */
  const loadsDuckdb = (entry: string) => reach(entry).sources.includes("pipeline/warehouse/db.ts");
  it("only pipeline/warehouse/db.ts loads DuckDB, and it stays outside the bundle", () => {
    const chunks = Object.keys(meta.outputs).filter((o) => o.endsWith(".js"));
    const loading = chunks.filter((o) => readFileSync(o, "utf8").includes('("@duckdb/node-api")'));
    expect(loading.map((o) => Object.keys(meta.outputs[o]!.inputs))).toEqual([expect.arrayContaining(["pipeline/warehouse/db.ts"])]);
    for (const o of chunks) expect(meta.outputs[o]!.imports.map((i) => i.path)).not.toContain("@duckdb/node-api");
    expect(Object.keys(meta.inputs ?? {}).filter((i) => i.includes("@duckdb/"))).toEqual([]);
  });

  it("bin/ftz.js runs the build: --help prints the usage and exits 0", async () => {
    const r = await ftz(process.cwd(), "--help");
    expect(r.stdout).toContain("用法 Usage: ftz <命令 command> [选项 options]");
    expect(manifest.inputs).toContain("pipeline/cli/main.ts");
  });

  it("--help loads no command, no DuckDB, no Arrow and no registry code", () => {
    const { packages, sources } = reach("pipeline/cli/main.ts");
    expect(packages).toEqual([]);
    expect(sources).toContain("pipeline/cli/main.ts");
    for (const s of sources) expect(s).not.toMatch(/node_modules\/yaml|registry\/|warehouse\/|pipeline\/cli\/(validate|ingest|status|diff|report|export|sample)\.ts/);
  });

  it("validate loads the JavaScript rules and the registry, and DuckDB only through its large-input chunk", () => {
    const validate = reach("pipeline/cli/validate.ts");
    expect(validate.packages).toEqual([]);
    expect(validate.sources).toEqual(expect.arrayContaining(["pipeline/validate/index.ts", "pipeline/registry/load.ts"]));
    expect(validate.sources.filter((s) => s.startsWith("pipeline/warehouse/"))).toEqual([]);
    expect(reach("pipeline/cli/scratch.ts").packages).toEqual([]);
    expect(loadsDuckdb("pipeline/cli/scratch.ts")).toBe(true);
    expect(loadsDuckdb("pipeline/cli/validate.ts")).toBe(false);
  });

  it("each command that reads the warehouse loads DuckDB, and only the report loads Chromium's driver", () => {
    for (const c of ["ingest", "status", "diff", "export"]) {
      const { packages } = reach(`pipeline/cli/${c}.ts`);
      expect(loadsDuckdb(`pipeline/cli/${c}.ts`), c).toBe(true);
      expect(packages).not.toContain("playwright-core");
    }
    expect(reach("pipeline/cli/report.ts").packages).toContain("playwright-core");
  });

  describe("never stale: a copy of the project, its sources edited", () => {
    const copy = mkdtempSync(join(tmpdir(), "ftz-compiled-"));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    // The sources keep their times (older than any build); packages are the project's own.
    for (const part of ["bin", "pipeline", "package.json"]) cpSync(part, join(copy, part), { recursive: true, preserveTimestamps: true });
    symlinkSync(resolve("node_modules"), join(copy, "node_modules"));

    it("the first run builds, the next runs reuse the build", async () => {
      expect((await ftz(copy, "--help")).stdout).toContain("ftz — 联动创新区监测平台 ftz-monitor");
      const first = manifestOf(copy).dir;
      await ftz(copy, "--help");
      expect(manifestOf(copy).dir).toBe(first);
    });

    it("after a source is edited, the next run rebuilds and runs the edit; runs at the same time all do", async () => {
      const before = manifestOf(copy).dir;
      const main = join(copy, "pipeline/cli/main.ts");
      writeFileSync(main, readFileSync(main, "utf8").replace("ftz — 联动创新区监测平台 ftz-monitor", "ftz — 已修改 edited"));
      const runs = await Promise.all([1, 2, 3].map(() => ftz(copy, "--help")));
      for (const r of runs) expect(r.stdout).toContain("ftz — 已修改 edited");
      expect(manifestOf(copy).dir).not.toBe(before);
    });

    it("a source the build was made from that is gone makes it rebuild (and fail loudly, not run the old code)", async () => {
      rmSync(join(copy, "pipeline/files.ts"));
      const failed = await ftz(copy, "--help").then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).not.toBe(0);
      expect(failed?.stderr).toContain("files.ts");
    });
  });
});
