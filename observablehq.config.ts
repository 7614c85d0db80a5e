// Observable Framework config. The site is served on intranets with no internet: nothing here may
// point outside the site (no web fonts, no CDN); npm: imports are served from node_modules by
// pipeline/site (see pipeline/site/README.md).
import {readFileSync} from "node:fs";
import {parse} from "yaml";

// One source per page, in both languages: pages live under src/[lang]/ and every route is listed here.
// The indicator page is built for the first indicator only: it reads its indicator from its URL, and
// pipeline/site/observable.ts copies it for every other one (pipeline/site/indicators.ts), so the
// build does not grow with the number of indicators.
const indicators: string[] = parse(readFileSync("data/indicators.yml", "utf8")).indicators.map((i: {id: string}) => i.id);
const indicatorPage = indicators[0]!;
const routes = ["/", "/parks", "/indicators/", `/indicators/${indicatorPage}`, "/items", "/lists", "/units", "/data", "/briefing"];

export default {
  root: "src",
  output: process.env.FTZ_SITE_OUT ?? "dist",
  /** Not Framework's: the indicator whose page the build makes, copied for the others. */
  indicatorPage,
  title: "联动创新区监测平台",
  dynamicPaths: ["zh", "en"].flatMap((lang) => routes.map((r) => `/${lang}${r}`)),
  // Each page draws its own bilingual navigation (src/components/nav.ts): Framework's sidebar has one language.
  sidebar: false,
  pager: false,
  toc: false,
  // The default adds a Google Fonts stylesheet; the theme's font stacks fall back to local fonts.
  globalStylesheets: [],
  // Framework's default styles with light and dark themes, plus ours (src/style.css).
  style: "style.css",
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  // Each name marked with its language, so that neither page reads the other's words as its own.
  footer: '<span lang="zh-CN">联动创新区监测平台</span> · <span lang="en" translate="no">ftz-monitor</span>',
  // Data loaders written in TypeScript, without relying on a tsx binary on PATH.
  interpreters: {".ts": ["node", "--import", "tsx"]},
  // DuckDB-Wasm would download its json and parquet extensions from extensions.duckdb.org at run
  // time; turn them off (feed it Arrow IPC stream files instead of Parquet).
  duckdb: {extensions: {json: null, parquet: null}}
};
