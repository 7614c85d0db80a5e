// The language-purity rules themselves (tests/browser/language.ts), on texts: no browser needed.
import { describe, expect, it } from "vitest";
import { chineseFragments, englishWords } from "./language.ts";

describe("englishWords: English in a Chinese text", () => {
  it("finds English UI words, month names and ids, not file paths, task ids or the abbreviations Chinese texts use", () => {
    expect(englishWords("选择文件 Choose Files")).toEqual(["Choose", "Files"]);
    expect(englishWords("2024 Jan")).toEqual(["Jan"]);
    expect(englishWords("指标 ftz_aligned_cases")).toEqual(["ftz", "aligned", "cases"]);
    expect(englishWords("data/sample/tasks.csv:12 · REP-01 经验复制任务 · UTF-8 或 GBK · 下载 CSV · English")).toEqual([]);
  });
});

describe("chineseFragments: Chinese in an English text", () => {
  it("finds Chinese characters and full-width punctuation", () => {
    expect(chineseFragments("Plan clause 一（三）")).toEqual(["一（三）"]);
    expect(chineseFragments("Missed: 45.2%，31 items")).toEqual(["，"]);
    expect(chineseFragments("Q4 2023 — 31 Dec 2023")).toEqual([]);
  });
});
