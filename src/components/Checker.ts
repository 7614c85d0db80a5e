// The analysts' in-browser checker: drop CSV files (UTF-8 or GBK) and see the same located problems
// `ftz validate` gives, from the same code (pipeline/validate, bundled into pipeline.js). The files
// are read in the browser and never uploaded anywhere.

import { validateFiles } from "./pipeline.js";
import type { Registry } from "../../pipeline/registry/types.ts";
import type { Problem } from "../../pipeline/problems.ts";
import type { Lang } from "./i18n.js";

export interface CheckerOptions {
  lang: Lang;
  /** Today's date on the analyst's machine: periods after it are refused. */
  today: string;
  document?: Document;
}

export type CheckerElement = HTMLElement & { check(files: File[]): Promise<void> };

export function Checker(registry: Registry, { lang, today, document = globalThis.document }: CheckerOptions): CheckerElement {
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
  input.accept = ".csv,.tsv,.txt,text/csv";
  input.name = "files";
  zone.append(el("span", "", zh ? "把 CSV 文件拖到这里，或点击选择文件（UTF-8 或 GBK 均可；文件只在本机浏览器中检查，不会上传）" : "Drop CSV files here or click to choose (UTF-8 or GBK; files are checked in this browser and never uploaded)"), input);
  const result = el("div", "checker-result");
  result.setAttribute("aria-live", "polite");
  root.append(zone, result);

  async function check(files: File[]): Promise<void> {
    const inputs = await Promise.all(files.map(async (f) => ({ file: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const v = validateFiles(inputs, registry, today);
    const errors = v.problems.filter((p) => p.severity === "error").length;
    const warnings = v.problems.length - errors;
    const rows = v.files.reduce((n, f) => n + f.rows, 0);
    result.replaceChildren();
    const summary = el("p", errors ? "checker-summary has-errors" : "checker-summary ok");
    summary.textContent = zh
      ? `检查了 ${files.length} 个文件、${rows} 行：${errors} 个错误，${warnings} 个警告${errors ? "" : " ✔ 可以提交"}`
      : `Checked ${files.length} files, ${rows} rows: ${errors} errors, ${warnings} warnings${errors ? "" : " ✔ ready to hand in"}`;
    result.append(summary);
    const perFile = el("ul", "checker-files");
    for (const f of v.files) {
      perFile.append(el("li", "", `${f.file}: ${f.encoding ?? "?"} · ${f.layout ?? "?"} · ${f.rows} ${zh ? "行" : "rows"}`));
    }
    result.append(perFile);
    if (v.problems.length) {
      const list = el("ol", "checker-problems");
      for (const p of v.problems) list.append(problemItem(p));
      result.append(list);
    }
  }

  function problemItem(p: Problem): HTMLElement {
    const li = el("li", `problem ${p.severity}`);
    li.dataset.code = p.code;
    li.dataset.line = String(p.line);
    li.dataset.column = String(p.column);
    const where = p.line ? `${p.file}:${p.line}:${p.column}` : p.file;
    const place = zh ? `第 ${p.line} 行第 ${p.column} 列` : `line ${p.line}, column ${p.column}`;
    li.append(el("code", "where", where), el("span", "severity", p.severity === "error" ? (zh ? " 错误 " : " error ") : zh ? " 警告 " : " warning "), el("span", "place", p.line ? `${place}：` : ""), el("span", "message", zh ? p.zh : p.en), el("code", "code", ` [${p.code}]`));
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
