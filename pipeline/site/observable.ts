// `observable` with no network: node --import tsx pipeline/site/observable.ts build|preview [options]
//
// Same CLI and arguments as `npx observable`, but jsDelivr and the npm registry are answered from
// node_modules (offline-npm.ts) and any other outside request fails with a message naming it.
// Unlike plain `observable` after prepare.ts, a new npm: import added while `preview` runs works
// at once. Uses the default observablehq.config.ts (no --config/--root).
//
// Before handing over it runs `ftz export` once into src/data/, the folder the pages read
// (export.ts), and bundles the code pages import (bundle.ts). The pages' data are plain files, not
// loaders: Framework has no loader cache to serve stale data from, and a build costs one export
// whatever the number of pages. After a build, each indicator's page is written (indicators.ts).

import {bundleComponents} from "./bundle.ts";
import {exportForSite, SITE_DATA_DIR} from "./export.ts";
import {copyIndicatorPages, writeIndicatorFiles} from "./indicators.ts";
import {buildLock, lockBuild} from "./lock.ts";
import {goOffline} from "./offline-fetch.ts";
import {stageOutput, swapIn} from "./swap.ts";

const command = process.argv[2];
// Builds take turns (lock.ts); preview runs for hours, so it takes none.
const unlock = command === "build" ? await lockBuild(buildLock, (pid) => console.log(`site: waiting for the build of process ${pid} / 等待进程 ${pid} 的构建结束`)) : undefined;
// A build goes into a fresh folder beside dist/ (the config reads FTZ_SITE_OUT), swapped in once whole
// (swap.ts): dist/ is always a complete build, served on while the next one is made, and a killed
// build leaves the previous one.
const output = process.env.FTZ_SITE_OUT ?? "dist";
if (command === "build") process.env.FTZ_SITE_OUT = await stageOutput(output);
if (command === "build" || command === "preview") await exportForSite();
const indicators = await writeIndicatorFiles(SITE_DATA_DIR);
await bundleComponents();
await goOffline();
// Framework's CLI parses process.argv.slice(2), which is exactly our own arguments.
await import("@observablehq/framework/dist/bin/observable.js");
if (command === "build" && !process.exitCode) {
  const config = (await import("../../observablehq.config.ts")).default;
  const copies = await copyIndicatorPages(config.output, ["zh", "en"], config.indicatorPage, indicators);
  console.log(`indicator pages: ${copies} copies of /indicators/${config.indicatorPage}`);
  await swapIn(config.output, output);
}
await unlock?.();
