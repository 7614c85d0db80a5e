// What pages import, in one module: pipeline/site/bundle.ts bundles this file with d3 and Plot into
// src/components/bundle.js, so a page loads one script instead of a module per component and per d3
// package (≈ 40 requests). Pages import from "../components/bundle.js". The in-browser checker
// (Checker.ts, the whole validator) stays apart: only the data page loads it.
export * from "./AsOfSelect.js";
export * from "./DataTable.js";
export * from "./Finder.js";
export * from "./Heatmap.js";
export * from "./ItemBoard.js";
export * from "./MilestoneChecklist.js";
export * from "./ParkSmallMultiples.js";
export * from "./RankChart.js";
export * from "./RankingBars.js";
export * from "./RangeNotice.js";
export * from "./StatusBoard.js";
export * from "./StatusStrip.js";
export * from "./TargetCard.js";
export * from "./TaskTimeline.js";
export * from "./TrendChart.js";
export * from "./download.js";
export * from "./i18n.js";
export * from "./nav.js";
export * from "./observationDownload.js";
export * from "./original.js";
export { formatValue, formatWritten, trendWords } from "./pipeline.js";
export * from "./print.js";
// The overview's checklist rows and 数据更新至 are the status engine's, worked out in the page from status.json.
export { dataUpTo, milestoneSchedule } from "../../pipeline/status/overview.ts";
export * from "./urlState.js";
export { unitName, currentName } from "../../pipeline/registry/names.ts";
