// Fills Framework's npm cache from node_modules, so that plain `observable build` and
// `observable preview` never touch the network:  node --import tsx pipeline/site/prepare.ts
//
// Framework looks in src/.observablehq/cache/_npm/<name>@<version>/ before it goes to jsDelivr,
// and takes versions from those folder names before it asks the npm registry (npm.js). So this
// script calls Framework's *own* resolveNpmImport / resolveNpmImports with fetch answered from
// node_modules: the cache ends up laid out exactly as Framework would lay it out online.
//
// What it fills:
//  - every "npm:…" specifier in Framework's client code and implicit-library table (Plot, d3,
//    htl, Inputs' dependencies, the FileAttachment parsers, DuckDB-Wasm and its .wasm files…);
//    those not installed get an empty "<name>@0.0.0-not-in-node-modules" folder, because Framework
//    resolves a version for each of them while bundling its standard library, used or not;
//  - every "npm:…" specifier written in the pages and modules under the source root;
//  - and, recursively, everything those bundles import.

import {readFileSync, readdirSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, extname, join} from "node:path";
import {goOffline} from "./offline-fetch.ts";
import {MISSING_VERSION, packageName} from "./offline-npm.ts";

const started = performance.now();
const {root} = await goOffline();

const {resolveNpmImport, resolveNpmImports, populateNpmCache} = await import("@observablehq/framework/dist/npm.js");
const {resolvePath} = await import("@observablehq/framework/dist/path.js");
const {builtins} = await import("@observablehq/framework/dist/resolvers.js");

/** String literals "npm:…" in a file (imports, import.meta.resolve, Framework's tables). */
function npmSpecifiers(file: string): string[] {
  const text = readFileSync(file, "utf-8");
  return Array.from(text.matchAll(/["'`]npm:([^"'`\s]+)["'`]/g), (m) => m[1]!);
}

function filesUnder(dir: string, extensions: ReadonlySet<string>): string[] {
  return readdirSync(dir, {recursive: true, encoding: "utf-8"})
    .filter((f) => extensions.has(extname(f)) && !/(^|\/)(\.observablehq|node_modules)(\/|$)/.test(f))
    .map((f) => join(dir, f));
}

const frameworkDist = join(dirname(createRequire(import.meta.url).resolve("@observablehq/framework/package.json")), "dist");
const frameworkFiles = [join(frameworkDist, "libraries.js"), ...filesUnder(join(frameworkDist, "client"), new Set([".js"]))];
const pageFiles = filesUnder(root, new Set([".md", ".js", ".jsx", ".ts", ".tsx", ".mjs"]));

const fromFramework = new Set(frameworkFiles.flatMap(npmSpecifiers));
const fromPages = new Set(pageFiles.flatMap(npmSpecifiers));

const done = new Set<string>();
/** Populates one cache path and, for JavaScript, every module it imports. */
async function fill(path: string): Promise<void> {
  if (done.has(path)) return;
  done.add(path);
  if (!path.endsWith(".js")) {
    await populateNpmCache(root, path);
    return;
  }
  for (const i of await resolveNpmImports(root, path)) {
    if (i.type === "local") await fill(resolvePath(path, i.name));
  }
}

const missing: string[] = [];
const failures: string[] = [];
for (const specifier of new Set([...fromFramework, ...fromPages])) {
  if (builtins.has(`npm:${specifier}`)) continue; // bundled into Framework's own client
  try {
    const path = await resolveNpmImport(root, specifier);
    if (path.includes(`@${MISSING_VERSION}/`)) {
      missing.push(packageName(specifier));
      if (fromPages.has(specifier)) failures.push(`${specifier}: not installed (npm install --save-exact ${packageName(specifier)})`);
      continue;
    }
    await fill(path);
  } catch (error) {
    const message = `${specifier}: ${error instanceof Error ? error.message : String(error)}`;
    if (fromPages.has(specifier)) failures.push(message);
    else console.warn(`offline npm: warning, Framework library ${message}`);
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `offline npm: ${done.size} cache files ready in ${root}/.observablehq/cache/_npm (${seconds} s); ` +
    `not installed, placeholder version only: ${[...new Set(missing)].sort().join(", ") || "none"}`
);
if (failures.length) {
  console.error(`offline npm: pages import packages that cannot be served:\n  ${failures.join("\n  ")}`);
  process.exitCode = 1;
}
