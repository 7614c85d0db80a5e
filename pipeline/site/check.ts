// Opens every built page in headless Chromium, served from dist/ on 127.0.0.1, and fails unless
// each page loads with no console error, page error, cell error, failed request or request leaving
// the machine (and, with --require-chart, shows a chart):
//   node --import tsx pipeline/site/check.ts [--dir dist] [--screenshots /tmp] [--page /zh/parks] [--require-chart]
//   node --import tsx pipeline/site/check.ts --origin http://127.0.0.1:3000/ --page /zh/ --page /en/
//
// Needs Debian's chromium (apt-get install chromium fonts-noto-cjk); never `playwright install`,
// which downloads a browser. Prints one JSON line per page with what it cost (see measure.ts). The
// full test of the site, with what each page must show, is tests/browser/site.ts.

import {join} from "node:path";
import {parseArgs} from "node:util";
import {builtPages, CHROMIUM_PATH, launchChromium, measurePage} from "./measure.ts";
import {serve} from "./serve.ts";

const {values} = parseArgs({
  options: {
    dir: {type: "string", default: "dist"},
    origin: {type: "string"}, // check an already running server instead (e.g. observable preview)
    screenshots: {type: "string"},
    page: {type: "string", multiple: true},
    "require-chart": {type: "boolean", default: false},
    chromium: {type: "string", default: CHROMIUM_PATH},
    timeout: {type: "string", default: "60000"}
  }
});

const pages = values.page ?? (values.origin ? ["/"] : builtPages(values.dir).map((p) => p.route));
const served = values.origin ? undefined : await serve(values.dir, 0);
const origin = values.origin ?? served!.url;
const browser = await launchChromium(values.chromium);

let failed = false;
try {
  for (const pagePath of pages) {
    const name = pagePath === "/" ? "index" : pagePath.slice(1).replace(/\/$/, "/index").replaceAll("/", "_");
    const m = await measurePage(browser, new URL(pagePath.slice(1), origin).href, {
      timeout: Number(values.timeout),
      ...(values.screenshots ? {screenshot: join(values.screenshots, `ftz-${name}.png`)} : {})
    });
    const problems = [
      ...m.errors,
      ...m.failed.map((f) => `failed: ${f}`),
      ...m.external.map((u) => `left the machine: ${u}`),
      ...(values["require-chart"] && m.firstChartMs === null ? ["no chart rendered"] : [])
    ];
    const {requestUrls: _, ...summary} = m;
    console.log(JSON.stringify({page: pagePath, ok: problems.length === 0, ...summary, problems}));
    if (problems.length) failed = true;
  }
} finally {
  await browser.close();
  served?.server.close();
}
process.exitCode = failed ? 1 : 0;
