// Opening one built page in headless Chromium and measuring what a first visit costs: bytes on the
// wire, requests, time to the first chart, and everything that went wrong (console errors, page
// errors, cell errors, failed requests, requests leaving the machine). Shared by the browser test
// (tests/browser/site.ts), pipeline/site/check.ts and the benchmark.
//
// Needs Debian's chromium (apt-get install chromium fonts-noto-cjk); never `playwright install`,
// which downloads a browser.

import {existsSync, readdirSync} from "node:fs";
import {mkdir} from "node:fs/promises";
import {dirname} from "node:path";
import {chromium, type Browser, type Page, type Request} from "playwright-core";
import {isLoopback} from "./offline-fetch.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium from calling Google services on a closed network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

/** Where a page's charts are: Plot's <svg> inside a `.chart` element or a <figure>. */
export const CHART_SELECTOR = ".chart svg, figure svg";

/**
 * Launches Debian's headless Chromium. launch() gives it a fresh temporary user data dir (profile),
 * deleted on close. Throws, saying what to install, when the executable is missing.
 */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}: the browser tests need Debian's Chromium and CJK fonts — run ` +
        "`apt-get install chromium fonts-noto-cjk` (as root; never `npx playwright install`, which downloads a browser)"
    );
  }
  return chromium.launch({executablePath, headless: true, args: CHROMIUM_ARGS});
}

/** A built page: its HTML file under dist/ ("zh/indicators/x.html") and its clean URL path ("/zh/indicators/x"). */
export interface BuiltPage {
  file: string;
  route: string;
}

/**
 * Every page of a built site: each .html under `dir` but Framework's 404 page and its own folders
 * (_npm, _observablehq, _file, _import, …), as the clean URLs serve.ts answers:
 * index.html → "/", zh/index.html → "/zh/", zh/parks.html → "/zh/parks".
 */
export function builtPages(dir: string): BuiltPage[] {
  return readdirSync(dir, {recursive: true, encoding: "utf-8"})
    .map((f) => f.split("\\").join("/"))
    .filter((f) => f.endsWith(".html") && f !== "404.html" && !f.split("/").some((part) => part.startsWith("_")))
    .map((file) => ({file, route: `/${file.replace(/\.html$/, "").replace(/(^|\/)index$/, "$1")}`}))
    .sort((a, b) => a.route.localeCompare(b.route));
}

export interface PageMeasure {
  /** The URL asked for, and the one shown at the end (the root page redirects to /zh/). */
  url: string;
  finalUrl: string;
  /** Status of the page's own HTML response (0 when there was none). */
  status: number;
  /**
   * Bytes transferred: for each request, Chromium's encodedDataLength as reported by the CDP
   * Network domain at Network.loadingFinished (the response as it came over the wire: gzip'd body
   * plus HTTP headers, what DevTools calls "transferred"). For a request that ended early, the
   * headers plus the data received until then. Requests the page's CDP session does not see (made
   * inside workers) add Playwright's request.sizes() — the same encodedDataLength, from its own session.
   */
  bytes: number;
  /** The same, bodies only (headers left out). */
  bodyBytes: number;
  /** http(s) requests made, and their URLs in order. */
  requests: number;
  requestUrls: string[];
  /** ms from navigation start to the first CHART_SELECTOR element (null: no chart). */
  firstChartMs: number | null;
  /** ms from the start of the visit until the page had settled. */
  loadMs: number;
  /** Console errors, uncaught page errors, Framework cell errors, and a page that never settled. */
  errors: string[];
  /** Failed requests and HTTP errors (≥ 400). */
  failed: string[];
  /** .arrow requests aborted after a good response: Arrow's stream reader stops at end-of-stream. Not failures. */
  cancelled: string[];
  /** Requests aborted because the page navigated away meanwhile (the root's redirect). Not failures. */
  interrupted: string[];
  /** Requests to any host but 127.0.0.1/localhost. */
  external: string[];
}

export interface MeasureOptions<T> {
  /** Per-wait limit in ms (default 30 s). */
  timeout?: number;
  viewport?: {width: number; height: number};
  locale?: string;
  /** Full-page PNG written here (folders made). */
  screenshot?: string;
  /** Runs on the settled page before it closes: DOM checks, say. */
  inspect?: (page: Page) => Promise<T>;
}

/** Quiet time after which a page whose network is idle counts as rendered. */
const QUIET_MS = 400;

// Before any script of the page: note when the first chart appears (performance.now() counts from
// the navigation's start).
const FIRST_CHART_SCRIPT = `(() => {
  const selector = ${JSON.stringify(CHART_SELECTOR)};
  window.__ftzFirstChart = null;
  const observer = new MutationObserver(() => {
    if (window.__ftzFirstChart === null && document.querySelector(selector)) {
      window.__ftzFirstChart = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, {childList: true, subtree: true});
})();`;

/**
 * Opens `url` in a new browser context (empty cache: a first visit), waits until the network is
 * idle, Framework's loading placeholders are gone and the DOM has been quiet for a moment, and
 * returns what it cost and what went wrong. Never throws for the page's own faults: they are listed.
 */
export async function measurePage<T = undefined>(browser: Browser, url: string, options: MeasureOptions<T> = {}): Promise<PageMeasure & {inspected?: T}> {
  const timeout = options.timeout ?? 30_000;
  const context = await browser.newContext({viewport: options.viewport ?? {width: 1280, height: 900}, locale: options.locale ?? "zh-CN"});
  try {
    await context.addInitScript(FIRST_CHART_SCRIPT);
    const page = await context.newPage();
    const errors: string[] = [];
    const failed: string[] = [];
    const cancelled: string[] = [];
    const external: string[] = [];
    const requests: Request[] = [];
    const interrupted: string[] = [];

    // Bytes, from the CDP Network domain of the page's target.
    const cdp = await context.newCDPSession(page);
    const cdpUrls = new Set<string>();
    const headerBytes = new Map<string, number>();
    const dataBytes = new Map<string, number>();
    let bytes = 0;
    let bodyBytes = 0;
    cdp.on("Network.requestWillBeSent", (e) => cdpUrls.add(e.request.url));
    cdp.on("Network.responseReceived", (e) => headerBytes.set(e.requestId, e.response.encodedDataLength));
    cdp.on("Network.dataReceived", (e) => dataBytes.set(e.requestId, (dataBytes.get(e.requestId) ?? 0) + e.encodedDataLength));
    cdp.on("Network.loadingFinished", (e) => {
      bytes += e.encodedDataLength;
      bodyBytes += Math.max(0, e.encodedDataLength - (headerBytes.get(e.requestId) ?? 0));
    });
    cdp.on("Network.loadingFailed", (e) => {
      const body = dataBytes.get(e.requestId) ?? 0;
      bytes += (headerBytes.get(e.requestId) ?? 0) + body;
      bodyBytes += body;
    });
    await cdp.send("Network.enable");

    // Requests, from Playwright's view of the context (includes workers).
    const isHttp = (u: URL) => u.protocol === "http:" || u.protocol === "https:";
    context.on("request", (r) => {
      const u = new URL(r.url());
      if (u.hostname && !isLoopback(u)) external.push(r.url());
      if (isHttp(u)) requests.push(r);
      navigationAt.set(r, navigations);
    });
    // Failures are sorted once the page has settled, when it is known whether the page navigated
    // after the request began (the root page redirects to /zh/, cutting off what it was loading).
    let navigations = 0;
    const navigationAt = new WeakMap<Request, number>();
    const failures: {request: Request; error: string; navigation: number}[] = [];
    page.on("framenavigated", (f) => f === page.mainFrame() && navigations++);
    context.on("requestfailed", (r) => {
      failures.push({request: r, error: r.failure()?.errorText ?? "", navigation: navigationAt.get(r) ?? navigations});
    });
    context.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}${m.location().url ? ` (${m.location().url}:${m.location().lineNumber})` : ""}`);
    });
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));

    const started = performance.now();
    let status = 0;
    try {
      const response = await page.goto(url, {waitUntil: "load", timeout});
      status = response?.status() ?? 0;
      await settle(page, timeout);
    } catch (e) {
      errors.push(`did not settle within ${timeout} ms: ${(e as Error).message.split("\n")[0]}`);
    }
    const loadMs = Math.round(performance.now() - started);
    const firstChart = await page.evaluate("window.__ftzFirstChart").catch(() => null);
    const cellErrors = await page.locator(".observablehq--error").allInnerTexts().catch(() => [] as string[]);
    for (const e of cellErrors) errors.push(`cell error: ${e}`);
    const inspected = options.inspect ? await options.inspect(page) : undefined;
    if (options.screenshot) {
      await mkdir(dirname(options.screenshot), {recursive: true});
      await page.screenshot({path: options.screenshot, fullPage: true});
    }
    const finalUrl = page.url();
    for (const {request, error, navigation} of failures) {
      const response = await request.response().catch(() => null);
      const what = `${request.url()} (${error || "failed"})`;
      if (error !== "net::ERR_ABORTED" || (response && response.status() >= 400)) failed.push(what);
      else if (navigation < navigations) interrupted.push(what);
      else if (response && new URL(request.url()).pathname.endsWith(".arrow")) cancelled.push(request.url());
      else failed.push(what);
    }
    // Requests the page's CDP session never saw (workers): Playwright's sizes, from Chromium's own numbers.
    for (const r of requests) {
      if (cdpUrls.has(r.url())) continue;
      const sizes = await r.sizes().catch(() => undefined);
      if (!sizes) continue;
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      bodyBytes += sizes.responseBodySize;
    }
    await cdp.detach().catch(() => undefined);
    return {
      url,
      finalUrl,
      status,
      bytes,
      bodyBytes,
      requests: requests.length,
      requestUrls: requests.map((r) => r.url()),
      firstChartMs: typeof firstChart === "number" ? Math.round(firstChart) : null,
      loadMs,
      errors,
      failed,
      cancelled,
      interrupted,
      external,
      ...(options.inspect ? {inspected} : {})
    };
  } finally {
    await context.close();
  }
}

// In-page code is passed as text: tsx (esbuild's keepNames) would wrap a named function of ours in
// a __name() helper that the page does not have.
const quietScript = (quiet: number, limit: number) => `new Promise((resolve, reject) => {
  let timer;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, ${quiet}); });
  const stop = setTimeout(() => { observer.disconnect(); clearTimeout(timer); reject(new Error("the page kept changing for ${limit} ms")); }, ${limit});
  const done = () => { observer.disconnect(); clearTimeout(stop); resolve(); };
  timer = setTimeout(done, ${quiet});
  observer.observe(document, {childList: true, subtree: true, attributes: true, characterData: true});
})`;

/**
 * Waits until the page has rendered: network idle, no Framework loading placeholder, and no DOM
 * change for QUIET_MS; then the network idle once more (a chart may fetch). Retries when the page
 * navigates meanwhile (the root page redirects to /zh/).
 */
async function settle(page: Page, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = () => Math.max(1, deadline - Date.now());
    try {
      await page.waitForLoadState("networkidle", {timeout: left()});
      await page.waitForFunction(`!document.querySelector("observablehq-loading")`, null, {timeout: left()});
      await page.evaluate(quietScript(QUIET_MS, left()));
      await page.waitForLoadState("networkidle", {timeout: left()});
      return;
    } catch (e) {
      const message = (e as Error).message;
      // A navigation destroyed the context we waited in: wait again on the new document.
      if (/context was destroyed|navigat/i.test(message) && Date.now() < deadline) continue;
      throw e;
    }
  }
}
