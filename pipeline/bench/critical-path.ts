// What a page's first chart waits for, in figures a loaded machine does not distort much: a Chrome
// trace of one first visit (empty cache) in headless Chromium, read for
//  - the main thread's CPU time (trace "tdur": thread time, not wall clock) before the first chart,
//    split into script compilation/evaluation, parsing (HTML, JSON) and layout/paint;
//  - the requests that finished before it, their bytes, and the depth of the request chain (the page
//    is 1; a request a script made is one deeper than that script; preloads count as the page's);
//  - the wall-clock first chart (as the bench's measure.ts notes it), for what it is worth under load.
//   node --import tsx pipeline/bench/critical-path.ts <route> <runs> <dist>[=<serve.ts>] …

import {spawn, type ChildProcess} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import {createServer, type AddressInfo} from "node:net";
import {launchChromium} from "../site/measure.ts";

interface TraceEvent {name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: any}

// The page tells of its first chart through a CDP binding: waiting with page.waitForFunction would
// inject Playwright's script into the page (≈ 20–60 ms of main-thread parsing before the chart).
const MARK = `(() => {
  const observer = new MutationObserver(() => {
    if (document.querySelector(".chart svg, figure svg")) {
      observer.disconnect();
      performance.mark("ftz-first-chart");
      window.__ftzFirstChart(String(performance.now()));
    }
  });
  observer.observe(document, {childList: true, subtree: true});
})();`;

export interface CriticalPath {
  firstChartMs: number;
  mainThreadCpuMs: number;
  chromiumCpuMs: number;
  serverCpuMs: number;
  scriptCpuMs: number;
  parseCpuMs: number;
  renderCpuMs: number;
  requestsBefore: number;
  bytesBefore: number;
  depth: number;
  chain: string[];
}

/** User + system CPU ms a process has used (Linux /proc; 0 elsewhere). */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, 100 a second on Linux
  } catch {
    return 0;
  }
}

export async function criticalPath(url: string, serverPid?: number): Promise<CriticalPath> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}, locale: "zh-CN"});
    await context.addInitScript(MARK);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Runtime.enable");
    await cdp.send("Runtime.addBinding", {name: "__ftzFirstChart"});
    const charted = new Promise<number>((resolve) => cdp.on("Runtime.bindingCalled", (e) => e.name === "__ftzFirstChart" && resolve(Number(e.payload))));
    // Each request: when it began and ended (CDP monotonic seconds), bytes, and who asked for it.
    const reqs = new Map<string, {url: string; start: number; end: number; bytes: number; initiator: string}>();
    cdp.on("Network.requestWillBeSent", (e) => {
      const frames = e.initiator.stack?.callFrames ?? [];
      let parent = e.initiator.url ?? frames[0]?.url ?? "";
      for (let s = e.initiator.stack; !parent && s; s = s.parent) parent = s.callFrames[0]?.url ?? "";
      reqs.set(e.requestId, {url: e.request.url, start: e.timestamp, end: Infinity, bytes: 0, initiator: e.initiator.type === "parser" ? e.documentURL : parent});
    });
    cdp.on("Network.loadingFinished", (e) => {
      const r = reqs.get(e.requestId);
      if (r) Object.assign(r, {end: e.timestamp, bytes: e.encodedDataLength});
    });
    await browser.startTracing(page, {categories: ["devtools.timeline", "blink.user_timing", "v8", "toplevel", "disabled-by-default-devtools.timeline"]});
    const serverBefore = processCpuMs(serverPid);
    await page.goto(url, {waitUntil: "commit"});
    let timer: NodeJS.Timeout | undefined;
    const firstChartMs = await Promise.race([charted, new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`no chart on ${url} within 30 s`)), 30_000)))]);
    clearTimeout(timer);
    const serverCpuMs = processCpuMs(serverPid) - serverBefore;
    await page.waitForTimeout(200);
    const trace = await browser.stopTracing();
    if (process.env.FTZ_TRACE_OUT) writeFileSync(process.env.FTZ_TRACE_OUT, trace); // for chrome://tracing or Perfetto
    const events: TraceEvent[] = JSON.parse(trace.toString()).traceEvents;
    await context.close();

    const mark = events.find((e) => e.name === "ftz-first-chart");
    if (!mark) throw new Error("no first-chart mark in the trace");
    const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.pid === mark.pid)!;
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.ts < mark.ts);
    // Top-level tasks only, so that nothing is counted twice; their kinds from the events inside them.
    const cpu = (list: TraceEvent[]) => list.reduce((s, e) => s + Math.min(e.tdur ?? 0, e.dur ?? 0), 0) / 1000;
    const tasks = outermost(onMain);
    // Every Chromium thread's CPU before the chart (browser, network service, compositor, GPU): top-level tasks.
    const threads = new Map<string, TraceEvent[]>();
    for (const e of events) if (e.ph === "X" && e.ts < mark.ts && e.tdur !== undefined) threads.set(`${e.pid}:${e.tid}`, [...(threads.get(`${e.pid}:${e.tid}`) ?? []), e]);
    const allCpu = [...threads.values()].reduce((sum, list) => sum + cpu(outermost(list)), 0);
    const kind = (names: RegExp) => cpu(outermost(onMain.filter((e) => names.test(e.name))));
    const chartWall = mark.ts; // µs, trace clock = CDP monotonic clock
    const before = [...reqs.values()].filter((r) => r.end * 1e6 <= chartWall);
    const depthOf = new Map<string, number>();
    const depth = (u: string, seen = 0): number => {
      if (depthOf.has(u)) return depthOf.get(u)!;
      const r = [...reqs.values()].find((x) => x.url === u);
      const d = !r || seen > 20 || r.initiator === u || !r.initiator ? 1 : depth(r.initiator, seen + 1) + 1;
      depthOf.set(u, d);
      return d;
    };
    const deepest = before.map((r) => r.url).sort((a, b) => depth(b) - depth(a))[0] ?? "";
    const chain: string[] = [];
    for (let u: string | undefined = deepest; u && chain.length < 20; ) {
      chain.unshift(u.replace(/^https?:\/\/[^/]+/, ""));
      const r = [...reqs.values()].find((x) => x.url === u);
      u = r && r.initiator !== u ? r.initiator : undefined;
    }
    return {
      firstChartMs: Math.round(firstChartMs),
      mainThreadCpuMs: Math.round(cpu(tasks)),
      chromiumCpuMs: Math.round(allCpu),
      serverCpuMs: Math.round(serverCpuMs),
      scriptCpuMs: Math.round(kind(/^(EvaluateScript|v8\.compile|v8\.compileModule|v8\.evaluateModule|FunctionCall|V8\.CompileCode|TimerFire|FireAnimationFrame|RunMicrotasks)$/)),
      parseCpuMs: Math.round(kind(/^(ParseHTML|ParseAuthorStyleSheet)$/)),
      renderCpuMs: Math.round(kind(/^(Layout|UpdateLayoutTree|Paint|PrePaint|Layerize|UpdateLayer|RecalculateStyles)$/)),
      requestsBefore: before.length,
      bytesBefore: before.reduce((s, r) => s + r.bytes, 0),
      depth: Math.max(0, ...before.map((r) => depth(r.url))),
      chain
    };
  } finally {
    await browser.close();
  }
}

/** Events not inside another of the list (on one thread, X events nest by time). */
function outermost(list: TraceEvent[]): TraceEvent[] {
  const sorted = [...list].sort((a, b) => a.ts - b.ts);
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts >= end) {
      out.push(e);
      end = e.ts + (e.dur ?? 0);
    }
  }
  return out;
}

/** serve.ts in a process of its own, so that its CPU can be told apart from this one's. */
async function serveApart(spec: string): Promise<{url: string; child: ChildProcess}> {
  // "dist" or "dist=other/serve.ts" (another checkout's server, to compare servers).
  const [dist, script = "pipeline/site/serve.ts"] = spec.split("=");
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const {port} = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const child = spawn(process.execPath, ["--import", "tsx", script, "--dir", dist!], {env: {...process.env, PORT: String(port)}, stdio: ["ignore", "pipe", "inherit"]});
  await new Promise<void>((resolve) => child.stdout!.on("data", (d) => /serving/.test(String(d)) && resolve()));
  return {url: `http://127.0.0.1:${port}/`, child};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Several builds, alternating (old, new, old, new, …) so that the machine's load falls on each alike;
// each figure's median per build.
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const [route = "/zh/", runs = "5", ...dists] = process.argv.slice(2);
  const servers = await Promise.all(dists.map((d) => serveApart(d)));
  const results: CriticalPath[][] = dists.map(() => []);
  try {
    for (let i = 0; i < Number(runs); i++) {
      for (const [k, {url, child}] of servers.entries()) results[k]!.push(await criticalPath(new URL(route.slice(1), url).href, child.pid));
    }
  } finally {
    for (const {child} of servers) child.kill();
  }
  for (const [k, list] of results.entries()) {
    const keys = ["firstChartMs", "mainThreadCpuMs", "chromiumCpuMs", "serverCpuMs", "scriptCpuMs", "parseCpuMs", "renderCpuMs", "requestsBefore", "bytesBefore", "depth"] as const;
    process.stdout.write(`${dists[k]}: median of ${list.length}: ${keys.map((key) => `${key} ${median(list.map((r) => r[key]))}`).join(", ")}\n`);
    process.stdout.write(`  firstChartMs ${list.map((r) => r.firstChartMs).join(" ")}; mainThreadCpuMs ${list.map((r) => r.mainThreadCpuMs).join(" ")}\n  chain: ${list[0]!.chain.join(" → ")}\n`);
  }
}
