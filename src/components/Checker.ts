// The analysts' in-browser checker: drop CSV files (UTF-8 or GBK) and see the same located problems
// `ftz validate` gives, from the same code (pipeline/validate, bundled into pipeline.js). The files
// are read in the browser and never uploaded anywhere.

import { columnLetters, formatWhere, replacedFiles, validateFiles, workbookKind } from "./pipeline.js";
import type { LoadedIndex } from "../../pipeline/validate/loaded.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import type { Problem } from "../../pipeline/problems.ts";
import type { Lang } from "./i18n.js";
import { originalText } from "./original.js";

export interface CheckerOptions {
  lang: Lang;
  /** Today's date on the analyst's machine: periods after it are refused. */
  today: string;
  /** What the warehouse holds (the export's loaded.json), fetched when files are first checked: checked against as `ftz ingest` checks. */
  loaded?: () => Promise<LoadedIndex>;
  document?: Document;
}

const layoutWords: Record<string, { zh: string; en: string }> = {
  long: { zh: "长表", en: "long format" },
  wide: { zh: "宽表", en: "wide format" },
  item_status: { zh: "改革事项状态表", en: "reform item statuses" },
  tasks: { zh: "任务清单", en: "task list" },
  task_status: { zh: "任务状态表", en: "task statuses" },
};

/** utf-8 → UTF-8, gb18030 → GB18030 (GBK's superset): encodings as people write them. */
// A workbook has no text encoding: it is named for what it is, in the page's language (one language per page).
const encodingName = (e: string | null, zh: boolean) => (e === "xlsx" || e === "xls" ? (zh ? "Excel 工作簿" : "Excel workbook") : e ? e.toUpperCase() : "?");
const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

export type CheckerElement = HTMLElement & { check(files: File[]): Promise<void> };

export function Checker(registry: Registry, { lang, today, loaded, document = globalThis.document }: CheckerOptions): CheckerElement {
  const el = (tag: string, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const zh = lang === "zh";
  const root = el("div", "checker");
  const zone = el("label", "checker-drop");
  const input = el("input") as HTMLInputElement;
  input.type = "file";
  input.multiple = true;
  input.accept = ".csv,.tsv,.txt,.xlsx,.xls,text/csv";
  input.name = "files";
  // The browser's own picker says "Choose Files" / "No file chosen" in the browser's language, whatever
  // the page's: it is hidden (still focusable and still the input) behind a button of our own words.
  input.className = "checker-input";
  const button = el("span", "checker-button", zh ? "选择文件" : "Choose files");
  button.setAttribute("aria-hidden", "true");
  zone.append(input, button, el("span", "", zh ? "或把 CSV 文件或 Excel 工作簿拖到这里。CSV 用 UTF-8 或 GBK 编码均可；文件只在本机浏览器中检查，不会上传。" : "or drop CSV files or Excel workbooks (.xlsx, .xls) here. CSV in UTF-8 or GBK; files are checked in this browser and never uploaded."));
  const result = el("div", "checker-result");
  result.setAttribute("aria-live", "polite");
  root.append(zone, result);

  async function check(files: File[]): Promise<void> {
    const read = await Promise.all(files.map(async (f) => ({ file: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    // Workbooks are read by the spreadsheet library, fetched only now that one is here (a module of its own).
    const reader = read.some((f) => workbookKind(f.bytes)) ? await import("./workbook.js") : undefined;
    const inputs = read.map((f) => (reader && workbookKind(f.bytes) ? { ...f, sheets: reader.readWorkbook(f.bytes, f.file) } : f));
    const index = loaded ? await (stored ??= loaded()) : undefined;
    const v = validateFiles(inputs, registry, today, { loaded: index });
    const errors = v.problems.filter((p) => p.severity === "error").length;
    const warnings = v.problems.length - errors;
    const rows = v.files.reduce((n, f) => n + f.rows, 0);
    result.replaceChildren();
    const summary = el("p", errors ? "checker-summary has-errors" : "checker-summary ok");
    summary.textContent = zh
      ? `检查了 ${files.length} 个文件、${rows} 行：${errors} 个错误，${warnings} 个警告${errors ? "" : " ✔ 可以提交"}`
      : `Checked ${count(files.length, "file")}, ${count(rows, "row")}: ${count(errors, "error")}, ${count(warnings, "warning")}${errors ? "" : " ✔ ready to hand in"}`;
    result.append(summary);
    const perFile = el("ul", "checker-files");
    for (const f of v.files) {
      perFile.append(el("li", "", `${f.file}: ${encodingName(f.encoding, zh)} · ${f.layout ? layoutWords[f.layout][lang] : "?"} · ${f.rows} ${zh ? "行" : f.rows === 1 ? "row" : "rows"}`));
    }
    result.append(perFile);
    if (index) result.append(loadedNote(index, inputs.map((f) => f.file)));
    if (v.problems.length) {
      const list = el("ol", "checker-problems");
      for (const p of v.problems) list.append(problemItem(p));
      result.append(list);
    }
  }

  let stored: Promise<LoadedIndex> | undefined;

  /** What the files were checked against, and which stored files they would replace (their values may be revised). */
  function loadedNote(index: LoadedIndex, given: string[]): HTMLElement {
    const note = el("p", "checker-loaded");
    const replaced = replacedFiles(index, given);
    note.textContent = zh
      ? `已对照数据仓库第 ${index.revision} 版（${index.files.length} 个已导入文件）检查重复和任务编号。` +
        (replaced.length ? `同名文件将替换已导入的文件，其数值可以修订：${replaced.map((r) => `${r.given} → ${r.stored}`).join("；")}。` : "")
      : `Checked against revision ${index.revision} of the warehouse (${count(index.files.length, "loaded file")}) for duplicates and task ids.` +
        (replaced.length ? ` A file of the same name replaces the loaded one, so its values may be revised: ${replaced.map((r) => `${r.given} → ${r.stored}`).join("; ")}.` : "");
    return note;
  }

  function problemItem(p: Problem): HTMLElement {
    const li = el("li", `problem ${p.severity}`);
    li.dataset.code = p.code;
    li.dataset.line = String(p.line);
    li.dataset.column = String(p.column);
    const where = formatWhere(p);
    // In a workbook: the sheet, the row and Excel's column letter, as the analyst finds the cell.
    const column = p.sheet === undefined ? String(p.column) : columnLetters(p.column);
    const rowColumn = zh ? `第 ${p.line} 行${p.column ? ` ${column} 列` : ""}` : `row ${p.line}${p.column ? `, column ${column}` : ""}`;
    const place = el("span", "place");
    // A sheet's name is the analyst's own text: on an English page a Chinese name is marked as such.
    if (p.line && p.sheet !== undefined) place.append(zh ? "工作表“" : 'sheet "', originalText(p.sheet, lang, document), zh ? `”${rowColumn}：` : `", ${rowColumn}: `);
    else if (p.line) place.textContent = zh ? `第 ${p.line} 行第 ${column} 列：` : `line ${p.line}, column ${column}: `;
    // The rule's code stays in data-code and in the place's tooltip (a code, not words of the page's language): the message says what it means.
    const whereEl = el("code", "where", where);
    whereEl.title = p.code;
    li.append(whereEl, el("span", "severity", p.severity === "error" ? (zh ? " 错误 " : " error ") : zh ? " 警告 " : " warning "), place, el("span", "message", zh ? p.zh : p.en));
    return li;
  }

  input.addEventListener("change", () => void check([...(input.files ?? [])]));
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragging");
    void check([...(e.dataTransfer?.files ?? [])]);
  });
  // Exposed for tests and scripts: check files without a drop or a file dialog.
  return Object.assign(root, { check });
}
