// The README's four screenshots, copied from what the browser tests wrote (artifacts/screenshots/,
// gitignored: a test run never touches tracked files), cut to a first screen and made small:
//   npm run screenshots        (after `TZ=UTC npx vitest run tests/browser`)
// Each is cut in headless Chromium (no image library needed) and quantised with Debian's pngquant
// (apt-get install pngquant). Writes docs/screenshots/*.png; commit them when they changed.

import {execFileSync} from "node:child_process";
import {existsSync, readFileSync, statSync} from "node:fs";
import {mkdir} from "node:fs/promises";
import {join} from "node:path";
import {launchChromium} from "./measure.ts";

const OUT = "docs/screenshots";
const FROM = "artifacts/screenshots";

/** README name ← the test's screenshot, and how much of its top to keep (CSS px). */
const shots: {name: string; from: string; width: number; height: number}[] = [
  {name: "overview-zh-1280.png", from: "first/overview-zh-1280.png", width: 1280, height: 800},
  {name: "indicator-zh-1280.png", from: "zh/indicators/ftz_aligned_cases.png", width: 1280, height: 900},
  {name: "parks-en-1280.png", from: "en/parks.png", width: 1280, height: 900},
  {name: "overview-zh-390.png", from: "first/overview-zh-390.png", width: 390, height: 800},
];

function fail(zh: string, en: string, code: number): never {
  process.stderr.write(`${zh} / ${en}\n`);
  process.exit(code);
}

const missing = shots.filter((s) => !existsSync(join(FROM, s.from)));
if (missing.length) fail(`缺少浏览器测试的截图 ${missing.map((s) => join(FROM, s.from)).join("、")}：请先运行 TZ=UTC npx vitest run tests/browser`, `missing the browser tests' screenshots ${missing.map((s) => join(FROM, s.from)).join(", ")}: run TZ=UTC npx vitest run tests/browser first`, 4);
try {
  execFileSync("pngquant", ["--version"], {stdio: "ignore"});
} catch {
  fail("找不到 pngquant：请运行 apt-get install pngquant", "pngquant not found: run apt-get install pngquant", 4);
}

await mkdir(OUT, {recursive: true});
const browser = await launchChromium();
try {
  for (const s of shots) {
    const page = await browser.newPage({viewport: {width: s.width, height: s.height}, deviceScaleFactor: 1});
    const png = readFileSync(join(FROM, s.from)).toString("base64");
    await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${png}" style="display:block"></body>`);
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    const out = join(OUT, s.name);
    await page.screenshot({path: out, clip: {x: 0, y: 0, width: s.width, height: s.height}});
    await page.close();
    // Lossy colour quantisation: text and flat colours keep well at 64–128 colours.
    execFileSync("pngquant", ["--quality=60-85", "--strip", "--force", "--output", out, "--", out]);
    console.log(`${out}: ${(statSync(out).size / 1024).toFixed(0)} KB`);
  }
} finally {
  await browser.close();
}
