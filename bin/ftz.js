#!/usr/bin/env node
// Entry point of `npx ftz`: load the TypeScript sources through tsx and hand over to pipeline/cli/main.ts.
import { register } from "tsx/esm/api";

register();
// Piped into head or less: a closed pipe ends the output quietly, as other command-line tools do.
process.stdout.on("error", (e) => (e.code === "EPIPE" ? process.exit(0) : Promise.reject(e)));
const { main } = await import("../pipeline/cli/main.ts");
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  tty: Boolean(process.stderr.isTTY),
});
