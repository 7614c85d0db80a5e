// `observable` with no network: node --import tsx pipeline/site/observable.ts build|preview [options]
//
// Same CLI and arguments as `npx observable`, but jsDelivr and the npm registry are answered from
// node_modules (offline-npm.ts) and any other outside request fails with a message naming it.
// Unlike plain `observable` after prepare.ts, a new npm: import added while `preview` runs works
// at once. Uses the default observablehq.config.ts (no --config/--root).
//
// Before handing over it bundles the pipeline code pages use (bundle.ts), and drops the cached output
// of data loaders: Framework reuses it even when the warehouse behind a loader has changed.

import {rm} from "node:fs/promises";
import {bundleShared} from "./bundle.ts";
import {goOffline} from "./offline-fetch.ts";

await bundleShared();
await rm("src/.observablehq/cache/data", {recursive: true, force: true});
await goOffline();
// Framework's CLI parses process.argv.slice(2), which is exactly our own arguments.
await import("@observablehq/framework/dist/bin/observable.js");
