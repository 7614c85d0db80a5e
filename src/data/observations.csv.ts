// Data loader: observations.csv, as `ftz export` writes it (pipeline/export).
import { loadExportFile } from "../../pipeline/export/site.ts";

await loadExportFile("observations.csv");
