// `ftz report`: the briefing page printed to PDF by the headless Chromium the browser tests use.
// The site is built for the requested as-of date into a temporary folder, served on 127.0.0.1, and
// the page /<lang>/briefing printed on A4 — with "样例数据 SAMPLE DATA" in every page's footer when
// the briefing holds sample data.

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
 * printPage(url, lang, out) prints a served briefing page on A4. The footer of every page carries
 * "样例数据，非官方统计" when the page shows the sample banner, and the page numbers.
 */
export async function printPage(url: string, lang: "zh" | "en", out: string): Promise<{ sample: boolean; pages: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForSelector(".briefing-summary p");
    const sample = (await page.locator(".sample-banner").count()) > 0;
    await page.emulateMedia({ media: "print" });
    const mark = lang === "zh" ? "样例数据，非官方统计" : "SAMPLE DATA — not official";
    const pdf = await page.pdf({
      path: out,
      format: "A4",
      printBackground: true,
      margin: { top: "12mm", bottom: "14mm", left: "12mm", right: "12mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between;font-family:'Noto Sans CJK SC',sans-serif">
        <span>${sample ? mark : ""}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    // Every page object of a PDF has "/Type /Page" (and the page tree "/Type /Pages").
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    return { sample, pages };
  } finally {
    await browser.close();
  }
}
