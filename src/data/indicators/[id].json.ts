// Data loader: indicators/<id>.json for each indicator's page, as `ftz export` writes it.
// Framework passes the route parameter as --id.
import { parseArgs } from "node:util";
import { loadExportFile } from "../../../pipeline/export/site.ts";

const { values } = parseArgs({ options: { id: { type: "string" } } });
await loadExportFile(`indicators/${values.id}.json`);
