// Keeps Framework's npm cache (src/.observablehq/cache/_npm) in step with node_modules.
//
// Framework picks versions from the folder names in that cache before it asks the registry
// (npm.js initializeNpmVersionCache), so a folder left from an older install would silently win
// over what package-lock.json says. Offline, node_modules is the truth: drop what it lacks.

import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {MISSING_VERSION, TOOL_VERSION, type NodeModulesIndex} from "./offline-npm.ts";

/** Lives next to _npm, not inside it: Framework reads every entry of _npm as "<name>@<version>". */
const STAMP = ".offline-npm-stamp.json";

export function npmCacheDir(root: string): string {
  return join(root, ".observablehq", "cache", "_npm");
}

/** Returns the "<name>@<version>" folders removed. */
export function syncNpmCache(root: string, index: NodeModulesIndex): string[] {
  const cacheDir = join(root, ".observablehq", "cache");
  const npmDir = npmCacheDir(root);
  const stampPath = join(cacheDir, STAMP);
  const stamp = existsSync(stampPath) ? (JSON.parse(readFileSync(stampPath, "utf-8")) as {tool?: string}).tool : undefined;
  const removed: string[] = [];
  if (stamp !== TOOL_VERSION && existsSync(npmDir)) {
    // Filled by another bundler version (or by the real CDN): refill it all.
    rmSync(npmDir, {recursive: true, force: true});
    removed.push("_npm/*");
  }
  if (existsSync(npmDir)) {
    const entries = readdirSync(npmDir).flatMap((e) =>
      e.startsWith("@") ? readdirSync(join(npmDir, e)).map((s) => `${e}/${s}`) : [e]
    );
    for (const entry of entries) {
      const at = entry.lastIndexOf("@");
      if (at <= 0) continue;
      const name = entry.slice(0, at);
      const version = entry.slice(at + 1);
      const installed = index.versions(name);
      const keep = installed.includes(version) || (version === MISSING_VERSION && installed.length === 0);
      if (!keep) {
        rmSync(join(npmDir, entry), {recursive: true, force: true});
        removed.push(entry);
      }
    }
  }
  mkdirSync(cacheDir, {recursive: true});
  writeFileSync(stampPath, JSON.stringify({tool: TOOL_VERSION}) + "\n");
  return removed;
}
