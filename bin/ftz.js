#!/usr/bin/env node
// Entry point of `npx ftz`: load the TypeScript sources through tsx and hand over to pipeline/cli.ts.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../pipeline/cli.ts");
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
