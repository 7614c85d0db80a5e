// @ts-check
// The compiled CLI: pipeline/cli/main.ts and the modules it reaches, bundled once by esbuild into
// build/cli/ (gitignored) so that no TypeScript is transpiled when someone runs `ftz`. `npm ci` builds
// it (the `prepare` script runs this file); bin/ftz.js asks compiledMain() for it on every run.
//
// Never stale: the build records the source files it was made from and when it started. If any of
// them (or package.json, this file, the installed packages) changed since, compiledMain() rebuilds
// before running — a developer who edited a .ts file runs their edit, compiled as users run it, at the
// cost of one rebuild (≈ 0.3 s) instead of the TypeScript loader on every call. Each build goes in a
// folder of its own and build/cli/current.json names the current one (written whole, then renamed),
// so processes that start while another rebuilds never read half a build.
//
// Code splitting: every command is a lazy import in main.ts, so it becomes a chunk of its own and a
// run loads only the chunks of its command. Native and heavy packages stay outside the bundle, loaded
// from node_modules by Node when (and only when) a command imports them.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
export const buildRoot = join(projectRoot, "build", "cli");
const manifestPath = join(buildRoot, "current.json");

/** Packages Node loads from node_modules: native code, large libraries, and tools a command runs. */
const external = ["@duckdb/node-api", "apache-arrow", "playwright-core", "@observablehq/framework", "esbuild", "tsx"];

/** Besides the bundle's own inputs, files whose change calls for a rebuild. */
const alsoWatched = ["package.json", "bin/cli-build.js", "node_modules/.package-lock.json"];

/** A build folder replaced this long ago is removed: a process still running from it has finished. */
const keepReplacedMs = 60 * 60 * 1000;

/**
 * @typedef {{ dir: string, startedAt: number, inputs: string[] }} Manifest
 * dir: the build's folder under build/cli; startedAt: when it began reading its sources (ms since
 * 1970); inputs: the files it was made from, relative to the project.
 */

/** The URL of the compiled main module, rebuilt first when missing or older than its sources. */
export async function compiledMain() {
  const manifest = readManifest();
  const dir = manifest && !isStale(manifest) ? manifest.dir : (await buildCli()).dir;
  return pathToFileURL(join(buildRoot, dir, "main.js")).href;
}

/** @returns {Manifest | undefined} */
function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * True when a file the build was made from is gone or was modified after the build began reading.
 * A second of slack for the sources: file times come from a coarse clock that may lag the one
 * Date.now() reads, and an extra rebuild costs less than a stale run.
 * @param {Manifest} manifest
 */
export function isStale(manifest) {
  try {
    if (!statSync(join(buildRoot, manifest.dir, "main.js")).isFile()) return true;
  } catch {
    return true;
  }
  /** @param {string} file @param {number} slack */
  const changedSince = (file, slack) => {
    try {
      return statSync(join(projectRoot, file)).mtimeMs > manifest.startedAt - slack;
    } catch {
      return !file.startsWith("node_modules/"); // a source gone is a change; no lockfile in node_modules is nothing to compare
    }
  };
  // The sources, with the slack; the package files are never written while a build reads its sources.
  return manifest.inputs.some((f) => changedSince(f, 1000)) || alsoWatched.some((f) => changedSince(f, 0));
}

/** Bundle the CLI into a new folder and make it the current build. @returns {Promise<Manifest>} */
export async function buildCli() {
  const { build } = await import("esbuild");
  const startedAt = Date.now();
  const dir = `b${startedAt}-${process.pid}`;
  const outdir = join(buildRoot, dir);
  mkdirSync(buildRoot, { recursive: true });
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: { main: "pipeline/cli/main.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external,
    // Bundled CommonJS packages (papaparse) may call require(): give the ESM chunks one.
    banner: { js: 'import { createRequire as __ftzCreateRequire } from "node:module"; const require = __ftzCreateRequire(import.meta.url);' },
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
  });
  /** @type {Manifest} */
  const manifest = {
    dir,
    startedAt,
    inputs: Object.keys(result.metafile.inputs)
      .filter((f) => !f.startsWith("node_modules/"))
      .sort(),
  };
  // What each chunk imports, kept for the tests that hold --help and a small validate to their chunks.
  writeFileSync(join(outdir, "meta.json"), JSON.stringify(result.metafile));
  const tmp = `${manifestPath}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, manifestPath);
  removeReplaced(dir);
  return manifest;
}

/** Remove build folders other than `current` that were written over an hour ago. @param {string} current */
function removeReplaced(current) {
  for (const entry of readdirSync(buildRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const path = join(buildRoot, entry.name);
    if (Date.now() - statSync(path).mtimeMs > keepReplacedMs) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const m = await buildCli();
  console.log(`ftz: 已编译命令行到 ${relative(projectRoot, join(buildRoot, m.dir))} / compiled the CLI into ${relative(projectRoot, join(buildRoot, m.dir))}`);
}
