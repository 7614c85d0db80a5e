// Serves the built site (dist/) on the loopback interface:
//   node --import tsx pipeline/site/serve.ts [--port 3000] [--host 127.0.0.1] [--dir dist]
//
// Framework writes clean links (/formats, not /formats.html), so a plain static server such as
// Python's http.server breaks navigation; this maps /foo → foo.html and /dir/ → dir/index.html.
// It binds 127.0.0.1 by default: putting the site on the intranet is the job of the department's
// web server (copy dist/ there, with the same clean-URL rule). Text is gzip-compressed, as such a
// server would, and Framework's content-hashed files are cached for a year.

import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {extname, join, normalize, resolve, sep} from "node:path";
import {pathToFileURL} from "node:url";
import {parseArgs} from "node:util";
import {createGzip} from "node:zlib";

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

/** The file a URL path stands for under `dir`, or undefined (404). */
export function resolveFile(dir: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const base = resolve(dir);
  const file = normalize(join(base, path));
  if (file !== base && !file.startsWith(base + sep)) return undefined; // ../ escapes
  const candidates = path.endsWith("/") ? [join(file, "index.html")] : [file, `${file}.html`, join(file, "index.html")];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}

export function createSiteServer(dir: string): Server {
  return createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, {allow: "GET, HEAD"}).end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    // Chinese first: the site's root opens the Chinese overview (the root page links both languages
    // for servers that copy dist/ without this rule).
    if (url.pathname === "/") {
      res.writeHead(302, {location: "/zh/"}).end();
      return;
    }
    const found = resolveFile(dir, url.pathname);
    const file = found ?? resolveFile(dir, "/404.html");
    if (!file) {
      res.writeHead(404, {"content-type": TYPES[".txt"]!}).end("not found\n");
      return;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const hashed = /^\/_(npm|observablehq|file|import|node|jsr|duckdb)\//.test(url.pathname);
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(found ? 200 : 404, {
      "content-type": type,
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      ...(gzip ? {"content-encoding": "gzip", vary: "accept-encoding"} : {"content-length": statSync(file).size})
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  });
}

/** Starts the server; resolves with its URL once it listens (port 0 picks a free port). */
export function serve(dir: string, port: number, host = "127.0.0.1"): Promise<{server: Server; url: string}> {
  const server = createSiteServer(dir);
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolvePromise({server, url: `http://${host.includes(":") ? `[${host}]` : host}:${actual}/`});
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const {values} = parseArgs({
    options: {
      port: {type: "string", default: process.env.PORT ?? "3000"},
      host: {type: "string", default: "127.0.0.1"},
      dir: {type: "string", default: "dist"}
    }
  });
  if (!existsSync(values.dir)) {
    console.error(`no ${values.dir}/ folder: build the site first (npm run build)`);
    process.exit(1);
  }
  const {url} = await serve(values.dir, Number(values.port), values.host);
  console.log(`serving ${values.dir}/ at ${url}`);
}
