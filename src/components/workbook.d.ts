// Types of src/components/workbook.js, the browser bundle of pipeline/read/workbook.ts (made by
// pipeline/site/bundle.ts): the same declarations as the source it is built from.
export * from "../../pipeline/read/workbook.ts";
