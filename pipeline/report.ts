// `ftz report`: the briefing page printed to PDF by the headless Chromium the browser tests use.
// The site is built for the requested as-of date into a temporary folder, served on 127.0.0.1, and
// the page /<lang>/briefing printed on A4 with the page's own footer on every page (the as-of date, the
// sample notice when the briefing holds sample data, page n of m, the time printed).

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { CHROMIUM_PATH, launchChromium } from "./site/measure.ts";
import { serve } from "./site/serve.ts";

const run = promisify(execFile);

export interface ReportOptions {
  dataDir: string;
  db: string;
  asOf: string;
  lang: "zh" | "en";
  out: string;
  /** Told what is happening, for the CLI's progress lines. */
  log?: (text: string) => void;
}

export async function printBriefing({ dataDir, db, asOf, lang, out, log = () => {} }: ReportOptions): Promise<{ sample: boolean; pages: number }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`找不到 Chromium（${CHROMIUM_PATH}），请先安装：apt-get install chromium fonts-noto-cjk / Chromium is missing: apt-get install chromium fonts-noto-cjk`);
  }
  const tmp = await mkdtemp(join(tmpdir(), "ftz-report-"));
  try {
    const dist = join(tmp, "dist");
    log(`构建网站（截至 ${asOf}）/ building the site as of ${asOf} …`);
    await run(process.execPath, ["--import", "tsx", "pipeline/site/observable.ts", "build"], {
      env: { ...process.env, FTZ_DATA: dataDir, FTZ_WAREHOUSE: resolve(db), FTZ_AS_OF: asOf, FTZ_SITE_OUT: dist, OBSERVABLE_TELEMETRY_DISABLE: "true" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const { server, url } = await serve(dist, 0);
    try {
      log(`打印 / printing ${url}${lang}/briefing`);
      return await printPage(`${url}${lang}/briefing`, lang, out);
    } finally {
      server.close();
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * printPage(url, lang, out) prints a served page (the briefing, or the overview) on A4 as the page's
 * print button does: the page's own @page rule sets the size, the margins and the footer of every page
 * (src/components/print.ts: the as-of date, "样例数据，非官方统计" when the page shows sample data,
 * page n of m, the time printed), so no footer template is added here.
 */
export async function printPage(url: string, lang: "zh" | "en", out: string, { ready = ".briefing-section p" }: { ready?: string } = {}): Promise<{ sample: boolean; pages: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ locale: lang === "zh" ? "zh-CN" : "en-US" });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForSelector(ready);
    await page.waitForSelector("#ftz-print-footer", { state: "attached" });
    const sample = (await page.locator(".sample-banner").count()) > 0;
    // The page's own print button, as a reader presses it: it lays the page out for A4 (the charts
    // drawn again at the paper's width) and then calls window.print(), which headless Chromium cannot
    // show: it is replaced by a mark that the layout is ready, and the PDF printed from it.
    await page.evaluate(() => {
      window.print = () => document.documentElement.setAttribute("data-print-ready", "");
    });
    await page.click(".print-button");
    await page.waitForSelector("html[data-print-ready]", { state: "attached" });
    await page.emulateMedia({ media: "print" });
    // What the browser does before it prints: the footer's printing time is set then.
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    const pdf = await page.pdf({ path: out, printBackground: true, preferCSSPageSize: true });
    // Every page object of a PDF has "/Type /Page" (and the page tree "/Type /Pages").
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    return { sample, pages };
  } finally {
    await browser.close();
  }
}
