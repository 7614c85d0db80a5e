// What the site's pages run of the pipeline, bundled for the browser by pipeline/site/bundle.ts into
// src/components/pipeline.js: the very same validation `ftz validate` runs (for the analysts' in-browser
// checker), the spreadsheet CSV writer behind every download, and the words and formats of the data.
// Nothing here may import a Node-only module.

export { validateFiles, validateFile } from "./validate/index.ts";
export { replacedFiles } from "./validate/loaded.ts";
export { formatProblem, formatWhere, sortProblems } from "./problems.ts";
export { workbookKind, columnLetters } from "./read/sheets.ts";
export { spreadsheetCsv, neutralise } from "./export/csv.ts";
export { formatPeriod } from "./normalise/period.ts";
export { formatValue, formatWritten, inexactNote, isProjection, qualifierMeaning } from "./normalise/number.ts";
export { statusWords, statusCodes } from "./status/classify.ts";
export { trendWords } from "./status/trend.ts";
export { itemStatusWords, taskStatusWords } from "./model.ts";
