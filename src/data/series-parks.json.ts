// Data loader: series-parks.json, as `ftz export` writes it (pipeline/export).
import { loadExportFile } from "../../pipeline/export/site.ts";

await loadExportFile("series-parks.json");
