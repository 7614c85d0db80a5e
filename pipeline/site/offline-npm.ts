// An offline stand-in for the two network services Observable Framework 1.13.4 talks to:
//
//   https://registry.npmjs.org/<name>[/<tag>]   — to turn "npm:d3" into a version (npm.js resolveNpmVersion)
//   https://cdn.jsdelivr.net/npm/<name>@<v>/<p> — to get the code: "+esm" bundles, or raw files such as
//                                                   .wasm, .css, package.json (npm.js populateNpmCache)
//
// Both are answered from node_modules, so the site builds where there is no internet (government
// intranets). Only what is installed can be served: package-lock.json stays the single list of
// third-party code that reaches the browser.
//
// "+esm" is imitated the way jsDelivr builds it: the package's browser ESM entry is bundled with
// esbuild, and every *other* package it imports stays an import of "/npm/<dep>@<version>/+esm".
// Framework then rewrites those imports to its cache layout itself (npm.js rewriteNpmImports),
// fetching each dependency in turn, so Plot and d3 share one copy of d3-array in the browser.

import {build, version as esbuildVersion, type BuildOptions, type Plugin} from "esbuild";
import {existsSync, readdirSync, readFileSync, realpathSync, statSync} from "node:fs";
import {isBuiltin, createRequire} from "node:module";
import {dirname, extname, join, relative, sep} from "node:path";

export const CDN_ORIGIN = "https://cdn.jsdelivr.net";
export const REGISTRY_ORIGIN = "https://registry.npmjs.org";

/**
 * The version the registry stand-in gives for a package that is not installed. Framework asks for
 * versions of every library its client code *could* load (lodash, arquero, echarts, react, …)
 * even when no page uses them, only to write lazy import paths; failing there would fail every
 * build. A page that really imports such a package fails on the CDN request, with a message
 * saying what to install.
 */
export const MISSING_VERSION = "0.0.0-not-in-node-modules";

/** Bumped when the bundling below changes, so caches filled by an older version are refilled. */
export const TOOL_VERSION = `offline-npm 1; esbuild ${esbuildVersion}`;

export class OfflineNpmError extends Error {
  override name = "OfflineNpmError";
}

interface PackageJson {
  name?: string;
  version?: string;
}

export interface InstalledPackage {
  /** The name it is imported by (its folder under node_modules). */
  readonly name: string;
  readonly version: string;
  /** Real path of the package folder. */
  readonly dir: string;
  /** True for node_modules/<name> directly under the project (what `npm:<name>` means). */
  readonly hoisted: boolean;
}

/** Every package folder under <project>/node_modules, nested node_modules included. */
export class NodeModulesIndex {
  private readonly byName = new Map<string, InstalledPackage[]>();
  private readonly byDir = new Map<string, InstalledPackage>();

  constructor(readonly projectDir: string) {
    this.scan(join(projectDir, "node_modules"), true, new Set());
  }

  private scan(nodeModules: string, top: boolean, seen: Set<string>): void {
    if (!existsSync(nodeModules)) return;
    const real = realpathSync(nodeModules);
    if (seen.has(real)) return; // symlink loops
    seen.add(real);
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith(".")) continue; // .bin, .package-lock.json, .cache
      if (entry.startsWith("@")) {
        const scope = join(nodeModules, entry);
        if (!statSync(scope).isDirectory()) continue;
        for (const sub of readdirSync(scope)) this.add(`${entry}/${sub}`, join(scope, sub), top, seen);
      } else {
        this.add(entry, join(nodeModules, entry), top, seen);
      }
    }
  }

  private add(name: string, folder: string, top: boolean, seen: Set<string>): void {
    let json: PackageJson;
    try {
      json = JSON.parse(readFileSync(join(folder, "package.json"), "utf-8")) as PackageJson;
    } catch {
      return; // not a package (stray folder, broken install)
    }
    if (typeof json.version !== "string") return;
    const pkg: InstalledPackage = {name, version: json.version, dir: realpathSync(folder), hoisted: top};
    const list = this.byName.get(name) ?? [];
    if (!list.some((p) => p.version === pkg.version)) list.push(pkg);
    this.byName.set(name, list);
    this.byDir.set(pkg.dir, pkg);
    this.scan(join(folder, "node_modules"), false, seen);
  }

  versions(name: string): string[] {
    return (this.byName.get(name) ?? []).map((p) => p.version);
  }

  find(name: string, version: string): InstalledPackage | undefined {
    return this.byName.get(name)?.find((p) => p.version === version);
  }

  /** What "latest" means offline: the copy a plain `import "name"` gets from the project. */
  latest(name: string): string | undefined {
    const list = this.byName.get(name);
    return (list?.find((p) => p.hoisted) ?? list?.[0])?.version;
  }

  /** The package folder that holds a file (nearest enclosing package). */
  owner(file: string): InstalledPackage | undefined {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
      const pkg = this.byDir.get(dir);
      if (pkg) return pkg;
    }
    return undefined;
  }
}

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".cjs": "application/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf"
};

/** Marks esbuild.resolve calls made by our own plugin, so the plugin does not see them again. */
const INNER = Symbol("offline-npm inner resolve");

export class OfflineNpm {
  readonly index: NodeModulesIndex;

  constructor(projectDir: string) {
    this.index = new NodeModulesIndex(projectDir);
  }

  /** GET https://registry.npmjs.org/<name> (version list) or /<name>/<dist-tag>. */
  registry(url: URL): Response {
    const parts = url.pathname.slice(1).split("/").map(decodeURIComponent);
    const scoped = parts[0]?.startsWith("@") ?? false;
    const name = (scoped ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
    const tag = parts[scoped ? 2 : 1];
    const installed = this.index.versions(name);
    const versions = installed.length ? installed : [MISSING_VERSION];
    const latest = this.index.latest(name) ?? MISSING_VERSION;
    if (tag !== undefined && tag !== "latest") {
      return new Response(`offline registry: only the "latest" tag is known (${url.href})`, {status: 404});
    }
    const body =
      tag === undefined
        ? {name, "dist-tags": {latest}, versions: Object.fromEntries(versions.map((v) => [v, {name, version: v}]))}
        : {name, version: latest};
    return Response.json(body);
  }

  /** GET https://cdn.jsdelivr.net/npm/<name>@<version>/<path>. */
  async cdn(url: URL): Promise<Response> {
    const match = /^\/npm\/((?:@[^/]+\/)?[^/@]+)@([^/]+)(?:\/(.*))?$/.exec(decodeURIComponent(url.pathname));
    if (!match) throw new OfflineNpmError(`offline CDN: cannot parse ${url.href}`);
    const [, name, version, path = ""] = match as unknown as [string, string, string, string | undefined];
    const pkg = this.index.find(name, version);
    if (!pkg) {
      const have = this.index.versions(name);
      throw new OfflineNpmError(
        have.length
          ? `offline CDN: ${name}@${version} is not in node_modules (installed: ${have.join(", ")}); ` +
            `asked for ${url.href}. Clear src/.observablehq/cache/_npm or install that version.`
          : `offline CDN: the package "${name}" is not in node_modules, so it cannot be served ` +
            `(${url.href}). Add it with \`npm install --save-exact ${name}\` and build again.`
      );
    }
    if (path === "+esm" || path.endsWith("/+esm")) {
      const subpath = path === "+esm" ? "" : path.slice(0, -"/+esm".length);
      const code = await this.bundle(pkg, subpath);
      return new Response(code, {headers: {"content-type": CONTENT_TYPES[".js"]!}});
    }
    const file = join(pkg.dir, path);
    if (!path || !file.startsWith(pkg.dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return new Response(`offline CDN: no file ${path} in ${name}@${version}`, {status: 404});
    }
    const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
    return new Response(readFileSync(file), {headers: {"content-type": type}});
  }

  /** Bundles one entry of a package to browser ESM, leaving other packages as /npm/ imports. */
  async bundle(pkg: InstalledPackage, subpath: string): Promise<string> {
    const entry = await this.resolveEntry(pkg, subpath);
    const common = {
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022", // what Framework's own client bundles target
      minify: true,
      metafile: true,
      logLevel: "silent",
      absWorkingDir: pkg.dir,
      define: {"process.env.NODE_ENV": '"production"', global: "globalThis"},
      plugins: [this.dependencyPlugin(pkg)]
    } satisfies BuildOptions;
    let result = await build({...common, entryPoints: [entry]});
    if (result.metafile.inputs[relative(pkg.dir, entry).split(sep).join("/")]?.format === "cjs") {
      // esbuild gives a CommonJS entry a default export only; jsDelivr also offers its
      // properties as named exports, and pages may write `import {parse} from "npm:papaparse"`.
      result = await build({...common, stdin: {contents: cjsFacade(entry), resolveDir: pkg.dir, loader: "js"}});
    }
    return result.outputFiles[0]!.text;
  }

  /** The file `import "<name>/<subpath>"` means for a browser, for this copy of the package. */
  private async resolveEntry(pkg: InstalledPackage, subpath: string): Promise<string> {
    const specifier = subpath ? `${pkg.name}/${subpath}` : pkg.name;
    // Resolve from the folder that holds this copy's node_modules, so nested copies (a second
    // version under another package) resolve to themselves, honouring "exports"/"browser".
    const from = dirname(pkg.name.includes("/") ? dirname(dirname(pkg.dir)) : dirname(pkg.dir));
    let found: string | undefined;
    await build({
      stdin: {contents: `import ${JSON.stringify(specifier)};`, resolveDir: from},
      bundle: true,
      write: false,
      platform: "browser",
      logLevel: "silent",
      plugins: [
        {
          name: "offline-npm-entry",
          setup(b) {
            b.onResolve({filter: /.*/}, async (args) => {
              if (args.pluginData === INNER) return undefined;
              const r = await b.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, pluginData: INNER});
              if (!r.errors.length && r.path) found = r.path;
              return {path: args.path, external: true};
            });
          }
        }
      ]
    });
    if (found && found.startsWith(pkg.dir + sep)) return found;
    // jsDelivr also bundles any file by path (npm:foo/lib/x.js/+esm), "exports" or not.
    const file = join(pkg.dir, subpath);
    if (subpath && file.startsWith(pkg.dir + sep) && existsSync(file) && statSync(file).isFile()) return file;
    throw new OfflineNpmError(`offline CDN: cannot find the browser entry of ${specifier} in ${pkg.dir}`);
  }

  /** Keeps imports of other packages as "/npm/<dep>@<installed version>/+esm"; stubs Node built-ins. */
  private dependencyPlugin(pkg: InstalledPackage): Plugin {
    const index = this.index;
    return {
      name: "offline-npm-dependencies",
      setup(b) {
        b.onResolve({filter: /^[^./#]/}, async (args) => {
          if (args.pluginData === INNER) return undefined;
          const name = packageName(args.path);
          if (name === pkg.name) return undefined; // a package importing itself by name
          const r = await b.resolve(args.path, {
            kind: args.kind,
            importer: args.importer,
            resolveDir: args.resolveDir,
            pluginData: INNER
          });
          const file = !r.errors.length && r.namespace === "file" && r.path ? r.path : undefined;
          if (!file) {
            // Not an installed package: a Node built-in ("fs", "node:path") gets an empty module;
            // "browser": {"x": false} mappings are left to esbuild; anything else is an error.
            if (isBuiltin(args.path)) return {path: args.path, namespace: "offline-npm-builtin"};
            return r.errors.length ? {errors: r.errors} : undefined;
          }
          // require() of a dependency cannot become an ES import: bundle that dependency inline.
          if (args.kind === "require-call" || args.kind === "require-resolve") return undefined;
          const dep = index.owner(file);
          if (!dep) return undefined;
          const sub = args.path.slice(name.length + 1);
          return {path: `/npm/${name}@${dep.version}${sub ? `/${sub}` : ""}/+esm`, external: true};
        });
        // Node built-ins have no browser meaning: an empty module, as jsDelivr's polyfill-free build.
        b.onLoad({filter: /.*/, namespace: "offline-npm-builtin"}, () => ({contents: "module.exports = {};", loader: "js"}));
      }
    };
  }
}

/** `export default module.exports` plus one named export per own property, for CommonJS entries. */
function cjsFacade(entry: string): string {
  let names: string[] = [];
  try {
    // Loading it in Node is the reliable way to learn a UMD/CJS module's exports; a module that
    // needs a browser to load simply gets no named exports.
    const mod: unknown = createRequire(entry)(entry);
    if ((typeof mod === "object" || typeof mod === "function") && mod !== null) {
      names = Object.keys(mod).filter((k) => k !== "default" && /^[A-Za-z_$][\w$]*$/.test(k));
    }
  } catch {
    names = [];
  }
  const lines = [`import __m from ${JSON.stringify(entry)};`, "export default __m;"];
  names.forEach((n, i) => lines.push(`const __e${i} = __m[${JSON.stringify(n)}];`));
  if (names.length) lines.push(`export {${names.map((n, i) => `__e${i} as ${n}`).join(", ")}};`);
  return lines.join("\n");
}
