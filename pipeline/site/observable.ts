// `observable` with no network: node --import tsx pipeline/site/observable.ts build|preview [options]
//
// Same CLI and arguments as `npx observable`, but jsDelivr and the npm registry are answered from
// node_modules (offline-npm.ts) and any other outside request fails with a message naming it.
// Unlike plain `observable` after prepare.ts, a new npm: import added while `preview` runs works
// at once. Uses the default observablehq.config.ts (no --config/--root).

import {goOffline} from "./offline-fetch.ts";

await goOffline();
// Framework's CLI parses process.argv.slice(2), which is exactly our own arguments.
await import("@observablehq/framework/dist/bin/observable.js");
