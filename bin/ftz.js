#!/usr/bin/env node
// Entry point of `npx ftz`: run the compiled CLI (bin/cli-build.js: built at `npm ci`, rebuilt first
// if a source changed since) and hand it the process's arguments and streams.
// Stack traces that name the TypeScript lines: `node --enable-source-maps bin/ftz.js …` (the build
// writes source maps beside its chunks; reading them on every run would cost ≈ 0.05 s).
import { compiledMain } from "./cli-build.js";

// Piped into head or less: a closed pipe ends the output quietly, as other command-line tools do.
process.stdout.on("error", (e) => (e.code === "EPIPE" ? process.exit(0) : Promise.reject(e)));
const { main } = await import(await compiledMain());
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  tty: Boolean(process.stderr.isTTY),
});
