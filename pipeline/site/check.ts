// Opens every built page in headless Chromium, served from dist/ on 127.0.0.1, and fails unless
// each page loads with no console error, no failed request, no request leaving the machine, and
// shows at least one chart (an <svg> from Plot):
//   node --import tsx pipeline/site/check.ts [--dir dist] [--screenshots /tmp] [--page /formats]
//   node --import tsx pipeline/site/check.ts --origin http://127.0.0.1:3000/ --page / --page /formats
//
// Needs Debian's chromium (apt-get install chromium fonts-noto-cjk); never `playwright install`,
// which downloads a browser. Prints one JSON line per page with the bytes transferred.

import {readdirSync} from "node:fs";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {chromium, type Request} from "playwright-core";
import {isLoopback} from "./offline-fetch.ts";
import {serve} from "./serve.ts";

const {values} = parseArgs({
  options: {
    dir: {type: "string", default: "dist"},
    origin: {type: "string"}, // check an already running server instead (e.g. observable preview)
    screenshots: {type: "string"},
    page: {type: "string", multiple: true},
    chromium: {type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"},
    timeout: {type: "string", default: "60000"}
  }
});

/** "/index", "/formats", … : every .html in dist/ but the 404 page and Framework's own files. */
function builtPages(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: "utf-8"})
    .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
    .map((f) => `/${f.replace(/\.html$/, "")}`)
    .sort();
}

const pages = values.page ?? (values.origin ? ["/"] : builtPages(values.dir));
const timeout = Number(values.timeout);
const served = values.origin ? undefined : await serve(values.dir, 0);
const origin = values.origin ?? served!.url;
// launch() gives Chromium a fresh temporary profile; each page then gets its own context (empty
// cache), so the bytes counted are what a first visit costs.
const browser = await chromium.launch({
  executablePath: values.chromium,
  headless: true,
  // Flags that keep Chromium from calling Google services on a closed network.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync"
  ]
});

let failed = false;
try {
  for (const pagePath of pages) {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}, locale: "zh-CN"});
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: Request[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    const cancelled: string[] = [];
    page.on("requestfailed", async (r) => {
      const error = r.failure()?.errorText ?? "";
      const response = await r.response().catch(() => null);
      // A body the page stopped reading after a good response (Arrow's stream reader stops at the
      // end-of-stream marker) is not a network failure: list it, don't fail on it.
      if (error === "net::ERR_ABORTED" && response && response.status() < 400) cancelled.push(r.url());
      else problems.push(`failed: ${r.url()} (${error})`);
    });
    page.on("request", (r) => {
      requests.push(r);
      const u = new URL(r.url());
      if (/^https?:$/.test(u.protocol) && !isLoopback(u)) problems.push(`left the machine: ${r.url()}`);
    });
    page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    const started = performance.now();
    await page.goto(new URL(pagePath.slice(1), origin).href, {waitUntil: "networkidle", timeout});
    // Framework renders cells asynchronously; wait for Plot's figure, and for any cell error to show.
    const svg = await page
      .locator("#observablehq-main svg[class^='plot']")
      .first()
      .waitFor({timeout})
      .then(() => true, () => false);
    await page.waitForLoadState("networkidle");
    const loadMs = Math.round(performance.now() - started);
    const cellErrors = await page.locator(".observablehq--error").allInnerTexts();
    for (const e of cellErrors) problems.push(`cell error: ${e}`);
    if (!svg) problems.push("no Plot <svg> rendered");
    // transferred: bytes on the wire (gzip'd by serve.ts); bytes: the files' own sizes, for
    // bodies Playwright can read (not those fetched inside workers, such as DuckDB's .wasm).
    let transferred = 0;
    let bytes = 0;
    for (const r of requests) {
      const sizes = await r.sizes().catch(() => undefined);
      if (sizes) transferred += sizes.responseBodySize + sizes.responseHeadersSize;
      const body = await (await r.response())?.body().catch(() => undefined);
      bytes += body?.length ?? 0;
    }
    if (values.screenshots) {
      const name = pagePath === "/" ? "index" : pagePath.slice(1).replaceAll("/", "_");
      await page.screenshot({path: join(values.screenshots, `ftz-${name}.png`), fullPage: true});
    }
    console.log(JSON.stringify({page: pagePath, ok: problems.length === 0, requests: requests.length, transferred, bytes, loadMs, problems, cancelled}));
    if (problems.length) failed = true;
    await context.close();
  }
} finally {
  await browser.close();
  served?.server.close();
}
process.exitCode = failed ? 1 : 0;
