// Types for the few internals of Observable Framework 1.13.4 that the offline tooling calls.
// Framework ships no .d.ts files and its package.json has no "exports" map, so these deep
// imports work but are not a public API: package.json pins Framework to an exact version,
// and these signatures were read off node_modules/@observablehq/framework/dist/*.js.
// Re-check them when upgrading Framework.

declare module "@observablehq/framework/dist/npm.js" {
  /** Maps "name[@range][/path]" to a cache path such as "/_npm/d3@7.9.2/_esm.js" (may ask the registry). */
  export function resolveNpmImport(root: string, specifier: string): Promise<string>;
  /** Makes sure src/.observablehq/cache/<path> exists, fetching it from jsDelivr if not; returns the file path. */
  export function populateNpmCache(root: string, path: string): Promise<string>;
  /** Populates <path> and lists the imports of that cached module. */
  export function resolveNpmImports(
    root: string,
    path: string
  ): Promise<Array<{name: string; type: "local" | "global"; method: "static" | "dynamic"}>>;
}

declare module "@observablehq/framework/dist/path.js" {
  /** Resolves `target` relative to the serving path `source` (both absolute, posix). */
  export function resolvePath(source: string, target: string): string;
}

declare module "@observablehq/framework/dist/resolvers.js" {
  /** Specifiers Framework serves from its own bundle (npm:@observablehq/inputs and friends). */
  export const builtins: ReadonlyMap<string, string>;
}

declare module "@observablehq/framework/dist/config.js" {
  export function readConfig(configPath?: string, root?: string): Promise<{root: string; output: string}>;
}

declare module "@observablehq/framework/dist/bin/observable.js" {}
