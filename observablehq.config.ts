// Observable Framework config. The site is served on intranets with no internet: nothing here may
// point outside the site (no web fonts, no CDN); npm: imports are served from node_modules by
// pipeline/site (see pipeline/site/README.md).
export default {
  root: "src",
  title: "联动创新区监测平台",
  // The default adds a Google Fonts stylesheet; the theme's font stacks fall back to local fonts.
  globalStylesheets: [],
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  footer: "联动创新区监测平台",
  // Data loaders written in TypeScript, without relying on a tsx binary on PATH.
  interpreters: {".ts": ["node", "--import", "tsx"]},
  // DuckDB-Wasm would download its json and parquet extensions from extensions.duckdb.org at run
  // time; turn them off (feed it Arrow IPC stream files instead of Parquet).
  duckdb: {extensions: {json: null, parquet: null}}
};
