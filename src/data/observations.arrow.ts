// Data loader: observations.arrow, as `ftz export` writes it (pipeline/export).
import { loadExportFile } from "../../pipeline/export/site.ts";

await loadExportFile("observations.arrow");
