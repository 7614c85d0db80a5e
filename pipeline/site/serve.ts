// Serves the built site (dist/) on the loopback interface:
//   PORT=3000 HOST=127.0.0.1 node --import tsx pipeline/site/serve.ts [--dir dist] [--check]
//
// Framework writes clean links (/formats, not /formats.html), so a plain static server such as
// Python's http.server breaks navigation; this maps /foo → foo.html and /dir/ → dir/index.html.
// It binds 127.0.0.1 by default: putting the site on the intranet is the job of the department's
// web server (copy dist/ there, with the same clean-URL rule). Text is gzip-compressed, as such a
// server would, and Framework's content-hashed files are cached for a year.

import {existsSync, statSync} from "node:fs";
import {open} from "node:fs/promises";
import {createServer, type IncomingMessage, type Server, type ServerResponse} from "node:http";
import {pipeline} from "node:stream/promises";
import {extname, join, normalize, resolve, sep} from "node:path";
import {pathToFileURL} from "node:url";
import {parseArgs, promisify} from "node:util";
import {createGzip, gzip as gzipCallback} from "node:zlib";

const gzipBuffer = promisify(gzipCallback);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".arrow": "application/vnd.apache.arrow.stream",
  ".parquet": "application/vnd.apache.parquet"
};

/** Worth compressing: text formats, plus .wasm and .arrow, which shrink well. */
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|vnd\.apache\.arrow)|image\/svg)/;

/** The file a URL path stands for under `dir`, or undefined (404). Never throws: any text is a path asked for. */
export function resolveFile(dir: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined; // %E0%A4%A or %ff: no file is named by bytes that are not UTF-8
  }
  if (path.includes("\0")) return undefined;
  const base = resolve(dir);
  const file = normalize(join(base, path));
  if (file !== base && !file.startsWith(base + sep)) return undefined; // ../ escapes
  const candidates = path.endsWith("/") ? [join(file, "index.html")] : [file, `${file}.html`, join(file, "index.html")];
  return candidates.find((f) => {
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

/** The answer to a path that names nothing: a small page in both languages, linking both overviews. */
export const notFoundPage = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>找不到页面 · Page not found</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em">
<h1>找不到页面 <span lang="en">· Page not found</span></h1>
<p>此地址没有页面，可能已移动或拼写有误。 <span lang="en">There is no page at this address: it may have moved, or the address may be mistyped.</span></p>
<p><a href="/zh/">返回总览</a> · <a href="/en/" lang="en">Back to the overview</a></p>
</body></html>
`;

/** The path part of a request target, without its query or fragment ("/a?b" → "/a"); any text is accepted. */
function pathOf(target: string): string {
  const path = target.split(/[?#]/, 1)[0] ?? "";
  return path.startsWith("/") ? path : `/${path}`;
}

/**
 * Compressed bodies of content-hashed files (their name changes with their content), made once per
 * server rather than once per request: gzip of the overview's files cost the server more CPU than
 * the browser spent parsing them. Keyed by path, size and mtime (a rebuild swaps dist/ whole); files
 * over 64 MB stream as before, and the cache stops growing at 256 MB of compressed bytes.
 */
class GzipCache {
  private readonly bodies = new Map<string, Promise<Buffer>>();
  private bytes = 0;
  static readonly FILE_LIMIT = 64 * 1024 * 1024;
  static readonly TOTAL_LIMIT = 256 * 1024 * 1024;

  get(key: string, size: number, read: () => Promise<Buffer>): Promise<Buffer> | undefined {
    const known = this.bodies.get(key);
    if (known || size > GzipCache.FILE_LIMIT || this.bytes >= GzipCache.TOTAL_LIMIT) return known;
    const body = read().then((raw) => gzipBuffer(raw));
    this.bodies.set(key, body);
    body.then((b) => (this.bytes += b.length), () => this.bodies.delete(key));
    return body;
  }
}

export function createSiteServer(dir: string): Server {
  const cache = new GzipCache();
  return createServer((req, res) => {
    answer(dir, req, res, cache).catch(() => {
      // Whatever went wrong with one request (a file gone mid-answer, a client gone), the server stays up.
      if (!res.headersSent) res.writeHead(500, {"content-type": TYPES[".txt"]!}).end("server error\n");
      else res.destroy();
    });
  });
}

async function answer(dir: string, req: IncomingMessage, res: ServerResponse, cache: GzipCache): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, {allow: "GET, HEAD"}).end();
    return;
  }
  const path = pathOf(req.url ?? "/");
  // Chinese first: the site's root opens the Chinese overview (the root page links both languages
  // for servers that copy dist/ without this rule).
  if (path === "/") {
    res.writeHead(302, {location: "/zh/"}).end();
    return;
  }
  const found = resolveFile(dir, path);
  // Opened before anything is sent: a rebuild may swap dist/ at any moment, and an open file stays
  // readable whole while its name goes; if it went before the open, this is a 404, not a crash.
  const handle = found ? await open(found, "r").catch(() => undefined) : undefined;
  if (!found || !handle) {
    const body = req.method === "HEAD" ? "" : notFoundPage;
    res.writeHead(404, {"content-type": TYPES[".html"]!, "cache-control": "no-cache"}).end(body);
    return;
  }
  try {
    const {size, mtimeMs} = await handle.stat();
    const type = TYPES[extname(found)] ?? "application/octet-stream";
    const hashed = /^\/_(npm|observablehq|file|import|node|jsr|duckdb)\//.test(path);
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const cached = gzip && hashed ? await cache.get(`${found}\0${size}\0${mtimeMs}`, size, () => handle.readFile()) : undefined;
    res.writeHead(200, {
      "content-type": type,
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      ...(gzip ? {"content-encoding": "gzip", vary: "accept-encoding"} : {"content-length": size}),
      ...(cached ? {"content-length": cached.length} : {})
    });
    if (req.method === "HEAD" || cached) {
      res.end(req.method === "HEAD" ? undefined : cached);
      return;
    }
    const stream = handle.createReadStream();
    await pipeline(gzip ? [stream, createGzip(), res] : [stream, res]);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** Starts the server; resolves with its URL once it listens (port 0 picks a free port). */
export function serve(dir: string, port: number, host = "127.0.0.1"): Promise<{server: Server; url: string}> {
  const server = createSiteServer(dir);
  return new Promise((resolvePromise, reject) => {
    server.once("error", (e) => reject(portError(e, port, host)));
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolvePromise({server, url: `http://${host.includes(":") ? `[${host}]` : host}:${actual}/`});
    });
  });
}

/** A port that cannot be had, as one line (zh / en) naming it and the way to choose another. */
export function portError(e: unknown, port: number, host: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  const other = port === 0 || port >= 65535 ? 3000 : port + 1;
  if (code === "EADDRINUSE") {
    return new Error(`端口 ${port}（${host}）已被占用，请换一个端口，如 PORT=${other} npm start / port ${port} on ${host} is in use: choose another, e.g. PORT=${other} npm start`);
  }
  if (code === "EACCES") {
    return new Error(`无权使用端口 ${port}（${host}），请换一个 1024 以上的端口，如 PORT=${other} npm start / no permission to use port ${port} on ${host}: choose one above 1024, e.g. PORT=${other} npm start`);
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new Error(`本机没有地址 ${host}，请检查 HOST（默认 127.0.0.1）/ ${host} is not an address of this machine: check HOST (default 127.0.0.1)`);
  }
  return e as Error;
}

/** The port and host asked for: PORT and HOST (defaults 3000 and 127.0.0.1), or one line saying what is wrong. */
export function listenAddress(env: Record<string, string | undefined>): {port: number; host: string} | {problem: string} {
  const text = env.PORT ?? "3000";
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    return {problem: `PORT 应为 1 到 65535 的整数，实际为 "${text}" / PORT must be a whole number from 1 to 65535, got "${text}"`};
  }
  return {port, host: env.HOST || "127.0.0.1"};
}

/** Whether the port can be had now (it is let go again at once): `npm start` asks before its build. */
export async function checkPort(port: number, host: string): Promise<void> {
  const {server} = await serve(".", port, host);
  await new Promise((r) => server.close(r));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npm start`: --check before the build (a busy port is told in a second, not after the build), then serving.
  const {values} = parseArgs({options: {check: {type: "boolean", default: false}, dir: {type: "string", default: "dist"}}});
  const address = listenAddress(process.env);
  try {
    if ("problem" in address) throw new Error(address.problem);
    if (values.check) await checkPort(address.port, address.host);
    else {
      if (!existsSync(values.dir)) throw new Error(`没有 ${values.dir}/ 文件夹，请先构建网站（npm run build）/ no ${values.dir}/ folder: build the site first (npm run build)`);
      const {url} = await serve(values.dir, address.port, address.host);
      console.log(`serving ${values.dir}/ at ${url} / 网站地址 ${url}`);
    }
  } catch (e) {
    console.error(`ftz: ${(e as Error).message}`);
    process.exit(4);
  }
}
