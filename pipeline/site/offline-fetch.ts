// Routes Framework's network traffic to the offline stand-in, and refuses everything else.
//
// Framework 1.13.4 does all of its downloading with the global fetch (npm.js, jsr.js, duckdb.js,
// telemetry.js), in the same process as the CLI, so replacing globalThis.fetch before the CLI
// loads covers it. Data loaders run as child processes and are not affected.

import {syncNpmCache} from "./cache.ts";
import {CDN_ORIGIN, OfflineNpm, OfflineNpmError, REGISTRY_ORIGIN} from "./offline-npm.ts";

/** Loopback requests (Framework's preview talking to itself) still go through. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname;
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Replaces globalThis.fetch; returns a function that puts the original back. */
export function installOfflineFetch(npm: OfflineNpm): () => void {
  const networkFetch = globalThis.fetch;
  globalThis.fetch = async function offlineFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin === CDN_ORIGIN && url.pathname.startsWith("/npm/")) return npm.cdn(url);
    if (url.origin === REGISTRY_ORIGIN) return npm.registry(url);
    if (isLoopback(url)) return networkFetch(input, init);
    // Throwing (rather than answering 404) makes Framework print this message before it fails.
    throw new OfflineNpmError(
      `offline: refused network request to ${url.href} — this site is built with no network. ` +
        (url.hostname.endsWith("duckdb.org")
          ? "DuckDB extensions cannot be downloaded: set them to null under duckdb.extensions in observablehq.config.ts."
          : "Only npm packages installed in node_modules can be used (npm: imports are served from there).")
    );
  };
  return () => {
    globalThis.fetch = networkFetch;
  };
}

/**
 * What every Framework command here starts with: read the root from observablehq.config.ts,
 * index node_modules, drop cache folders node_modules no longer backs, then answer the network.
 */
export async function goOffline(projectDir = process.cwd()): Promise<{root: string; npm: OfflineNpm}> {
  process.env.OBSERVABLE_TELEMETRY_DISABLE ??= "true"; // telemetry would only be refused
  const {readConfig} = await import("@observablehq/framework/dist/config.js");
  const {root} = await readConfig();
  const npm = new OfflineNpm(projectDir);
  const removed = syncNpmCache(root, npm.index);
  if (removed.length) console.log(`offline npm: dropped from the cache (not in node_modules): ${removed.join(", ")}`);
  installOfflineFetch(npm);
  return {root, npm};
}
