// Vitest global setup: components import the pipeline through the generated src/components/pipeline.js,
// so make it before any test runs, exactly as the site's build does.
import { bundleShared } from "../../pipeline/site/bundle.ts";

export default async function setup(): Promise<void> {
  await bundleShared();
}
