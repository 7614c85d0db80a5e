// Placeholder data loader: an Arrow IPC *stream* (DuckDB-Wasm reads streams, not the IPC file format).
// Timestamps as milliseconds, the unit Plot reads as dates.
import {tableFromArrays, tableToIPC} from "apache-arrow";

const table = tableFromArrays({
  park: ["永川高新区", "永川综保区", "凤凰湖产业园", "港桥产业园"],
  enterprises: Int32Array.from([128, 56, 73, 41]),
  output: Float64Array.from([86.5, 42.1, 55.3, 30.8])
});

process.stdout.write(tableToIPC(table, "stream"));
