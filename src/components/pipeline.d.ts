// Types of src/components/pipeline.js, the browser bundle of pipeline/browser.ts (made by
// pipeline/site/bundle.ts): the same declarations as the source it is built from.
export * from "../../pipeline/browser.ts";
