// A problem found in an input file, located the way an analyst's editor shows it: the header is line
// 1 and columns count CSV fields from 1 (Excel's A = 1). Messages are Chinese first, then English, and
// always name the value found and what was expected. This module is shared with the browser checker.

import { columnLetters } from "./read/sheets.ts";

export type Severity = "error" | "warning";

export interface Problem {
  severity: Severity;
  code: ProblemCode;
  file: string;
  line: number; // 1-based; 0 when the problem concerns the whole file
  column: number; // 1-based CSV field number; 0 when the problem concerns the whole line or file
  /** In a workbook: the sheet, whose row is `line` and whose column is `column` (shown as a letter). */
  sheet?: string;
  value?: string; // the text found, as written
  zh: string;
  en: string;
}

export type Params = Record<string, string | number | undefined>;
type Text = (p: Params) => { zh: string; en: string };

// One entry per rule. Keep the codes stable: tests, the site and analysts' scripts rely on them.
const catalogue = {
  empty_file: () => ({ zh: "文件为空", en: "the file is empty" }),
  file_changed: () => ({
    zh: "读取过程中文件被修改（大小或时间变了）：请保存好文件后重新导入",
    en: "the file changed while it was being read (its size or time differs): save it, then ingest again",
  }),
  undecodable: (p) => ({
    zh: `无法解码的字节 ${p.value}：文件应为 UTF-8（可带 BOM）或 GB18030/GBK 编码`,
    en: `undecodable bytes ${p.value}: expected UTF-8 (with or without BOM) or GB18030/GBK`,
  }),
  mixed_encoding: (p) => ({
    zh: `编码混杂：文件大部分是 UTF-8，但此处的字节 ${p.value} 不是；请整份另存为 UTF-8`,
    en: `mixed encodings: the file is mostly UTF-8 but the bytes ${p.value} here are not; save the whole file as UTF-8`,
  }),
  field_too_long: (p) => ({
    zh: `此单元格超过 ${p.expected}（CSV 的单元格不应有这么长；文件可能已损坏），文件未读取`,
    en: `this cell is longer than ${p.expected} (no CSV cell is this long; the file may be damaged): the file was not read`,
  }),
  line_too_long: (p) => ({
    zh: `此行超过 ${p.expected}（文件可能已损坏），文件未读取`,
    en: `this line is longer than ${p.expected} (the file may be damaged): the file was not read`,
  }),
  workbook: (p) => ({
    zh: `这是 Excel 工作簿（${p.value}），不是 CSV：请在 Excel/WPS 中“另存为”CSV 后再提交`,
    en: `this is an Excel workbook (${p.value}), not CSV: save it as CSV in Excel/WPS, then hand it in`,
  }),
  unreadable_workbook: (p) => ({
    zh: `无法读取的 Excel 工作簿（${p.value}）：文件可能已损坏或加了密码；请在 Excel/WPS 中打开后另存为 .xlsx`,
    en: `unreadable Excel workbook (${p.value}): the file may be damaged or password-protected; open it in Excel/WPS and save it as .xlsx again`,
  }),
  title_row: (p) => ({
    zh: `标题行 "${p.value}" 已跳过（表头在第 ${p.expected} 行）`,
    en: `title row "${p.value}" skipped (the header is on line ${p.expected})`,
  }),
  note_row: (p) => ({
    zh: `表下注释 "${p.value}" 已跳过，不作为数据`,
    en: `note below the table "${p.value}" skipped, not read as data`,
  }),
  two_row_header: (p) => ({
    zh: `表头占了两行（第 ${p.value} 行${p.detail ? `，${p.detail}` : ""}）：请改为一行表头、每列一个列名（取消合并单元格），如 ${p.expected}`,
    en: `the header takes two rows (lines ${p.value}${p.detailEn ? `, ${p.detailEn}` : ""}): make it one row with one name per column (unmerge the cells), e.g. ${p.expectedEn ?? p.expected}`,
  }),
  total_checked: (p) => ({
    zh: `${p.what} "${p.value}" 与各项之和相符，已核对，不作为数据导入`,
    en: `${p.whatEn} "${p.value}" equals the sum of its parts: checked, not loaded as data`,
  }),
  total_unchecked: (p) => ({
    zh: `${p.what} "${p.value}" 未核对（${p.detail}），不作为数据导入`,
    en: `${p.whatEn} "${p.value}" not checked (${p.detailEn}), not loaded as data`,
  }),
  total_mismatch: (p) => ({
    zh: `${p.what}为 ${p.value}，但各项之和为 ${p.expected}（${p.detail}）：请核对合计或各项数值`,
    en: `the ${p.whatEn} is ${p.value} but its parts sum to ${p.expected} (${p.detailEn}): check the total or its parts`,
  }),
  ambiguous_period: (p) => ({
    zh: `时期 "${p.value}" 有歧义：已按 ${p.expected} 读取，但 Excel 会把 ${p.other} 存成 "${p.value}"；若是 ${p.other}，请把该列设为文本格式后重填，或写成 ${p.detail}`,
    en: `period "${p.value}" is ambiguous: read as ${p.expected}, but Excel stores ${p.other} as "${p.value}"; if ${p.other} was meant, format the column as text and type it again, or write ${p.detailEn}`,
  }),
  period_from_serial: (p) => ({
    zh: `时期 "${p.value}" 是 Excel 的日期序列号，已按 ${p.expected} 读取；若原意是月份或季度，请写成 2023-06 或 2023-Q2 形式`,
    en: `period "${p.value}" is an Excel date serial, read as ${p.expected}; if a month or quarter was meant, write it as 2023-06 or 2023-Q2`,
  }),
  missing_header: (p) => ({
    zh: `缺少表头：第 1 行应为列名（如 ${p.expected}），实际为 "${p.value}"`,
    en: `missing header: line 1 should name the columns (e.g. ${p.expectedEn ?? p.expected}), found "${p.value}"`,
  }),
  unknown_column: (p) => ({
    zh: `未知的列名 "${p.value}"，应为 ${p.expected} 之一`,
    en: `unknown column "${p.value}"; expected one of ${p.expected}`,
  }),
  duplicate_column: (p) => ({
    zh: `列名重复 "${p.value}"（与第 ${p.other} 列相同）`,
    en: `duplicate column "${p.value}" (same as column ${p.other})`,
  }),
  missing_column: (p) => ({
    zh: `缺少必需的列 ${p.expected}`,
    en: `missing required column ${p.expectedEn ?? p.expected}`,
  }),
  unknown_layout: (p) => ({
    zh: `无法识别的表格格式（表头 "${p.value}"）：应为长表（指标,园区,时期,数值）、宽表（时期 + 各园区列）、改革事项状态或任务清单`,
    en: `unrecognised layout (header "${p.value}"): expected long (indicator,entity,period,value), wide (period + one column per park), reform item status or task list`,
  }),
  column_count: (p) => ({
    zh: `本行有 ${p.value} 列，表头有 ${p.expected} 列`,
    en: `this line has ${p.value} fields; the header has ${p.expected}`,
  }),
  broken_quote: (p) => ({
    zh: `引号不配对：${p.detail}`,
    en: `broken quoting: ${p.detailEn}`,
  }),
  unknown_indicator: (p) => ({
    zh: `未知指标 "${p.value}"，应为指标登记表（data/indicators.yml）中的 id 或中文名`,
    en: `unknown indicator "${p.value}"; expected an id or Chinese name from the registry (data/indicators.yml)`,
  }),
  unknown_entity: (p) => ({
    zh: `未知${p.kindZh} "${p.value}"，应为 ${p.expected} 之一${p.suggest ? `（是否指 ${p.suggest}？）` : ""}`,
    en: `unknown ${p.kindEn} "${p.value}"; expected one of ${p.expected}${p.suggest ? ` (did you mean ${p.suggestEn ?? p.suggest}?)` : ""}`,
  }),
  level_mismatch: (p) => ({
    zh: `层级不符：${p.value} 是${p.levelZh}主体，指标 ${p.indicator} 只收${p.expectedLevelsZh}的数值（可填 ${p.expected}；如需收录该层级，在 data/indicators.yml 中为该指标的 levels 加上 ${p.level}）`,
    en: `level mismatch: ${p.value} is a ${p.levelEn}-level entity; the indicator ${p.indicator} holds ${p.expectedLevelsEn}-level values (expected one of ${p.expected}; to hold this level, add ${p.level} to the indicator's levels in data/indicators.yml)`,
  }),
  unit_mismatch: (p) => ({
    zh: `"${p.value}" 的单位 "${p.unit}" 无法换算为指标单位 "${p.expected}"，请按 ${p.expected} 填写`,
    en: `"${p.value}": the unit "${p.unit}" does not convert to the indicator's unit "${p.expected}"; give the value in ${p.expected}`,
  }),
  unit_in_cell: (p) => ({
    zh: `"${p.value}" 含单位 "${p.unit}"，与指标单位一致，已读作 ${p.number}（单位原样保存为 ${p.unit}）`,
    en: `"${p.value}" carries its unit "${p.unit}", the indicator's own: read as ${p.numberEn} (the unit is kept as written: ${p.unit})`,
  }),
  unit_converted: (p) => ({
    zh: `"${p.value}" 已按指标单位换算为 ${p.converted}（单位原样保存为 ${p.unit}）`,
    en: `"${p.value}" was converted to the indicator's unit: ${p.converted} (the unit is kept as written: ${p.unit})`,
  }),
  bad_period: (p) => ({
    zh: `无法识别的时期 "${p.value}"${p.detail ? `（${p.detail}）` : ""}，应为 2023、2023-Q2、2023年第二季度、2023-06、2023年6月 或 2023-06-30 等形式`,
    en: `bad period "${p.value}"${p.detailEn ? ` (${p.detailEn})` : ""}; expected a form such as 2023, 2023-Q2, 2023-06 or 2023-06-30`,
  }),
  future_period: (p) => ({
    zh: `时期 "${p.value}" 尚未开始（今天是 ${p.expected}）`,
    en: `period "${p.value}" has not begun yet (today is ${p.expected})`,
  }),
  incomplete_period: (p) => ({
    zh: `时期 "${p.value}" 尚未结束（今天是 ${p.expected}），数值可能不完整`,
    en: `period "${p.value}" has not ended yet (today is ${p.expected}); the value may be partial`,
  }),
  bad_date: (p) => ({
    zh: `无法识别的日期 "${p.value}"，应为 2023-06-30 或 2023年6月30日 形式`,
    en: `bad date "${p.value}"; expected a date such as 2023-06-30`,
  }),
  future_date: (p) => ({
    zh: `日期 "${p.value}" 晚于今天（${p.expected}）`,
    en: `date "${p.value}" is after today (${p.expected})`,
  }),
  not_a_number: (p) => ({
    zh: `"${p.value}" 不是数值${p.detail ? `（${p.detail}）` : ""}，应为如 1234、1,234.5、约30、30余 的数`,
    en: `"${p.value}" is not a number${p.detailEn ? ` (${p.detailEn})` : ""}; expected e.g. 1234, 1,234.5, 约30 or 30余`,
  }),
  negative_count: (p) => ({
    zh: `计数不能为负数：${p.value}，应 ≥ 0`,
    en: `a count cannot be negative: ${p.value}; expected ≥ 0`,
  }),
  not_integer: (p) => ({
    zh: `计数应为整数，实际为 ${p.value}`,
    en: `a count must be a whole number, found ${p.value}`,
  }),
  out_of_range: (p) => ({
    zh: `数值 ${p.value} 超出范围，应在 ${p.expected} 之间`,
    en: `value ${p.value} is out of range; expected ${p.expected}`,
  }),
  rank_out_of_range: (p) => ({
    zh: `排名 ${p.value} 超出范围，应为 1 到 ${p.expected} 的整数`,
    en: `rank ${p.value} is out of range; expected a whole number from 1 to ${p.expected}`,
  }),
  bad_milestone: (p) => ({
    zh: `里程碑的值应为 1（已完成）或 0（未完成），实际为 "${p.value}"`,
    en: `a milestone value must be 1 (done) or 0 (not done), found "${p.value}"`,
  }),
  bad_status: (p) => ({
    zh: `状态 "${p.value}" 不在词表中，应为 ${p.expected} 之一`,
    en: `status "${p.value}" is not in the vocabulary; expected one of ${p.expectedEn ?? p.expected}`,
  }),
  unknown_item: (p) => ({
    zh: `未知改革事项 "${p.value}"，应为附件清单的序号 1–${p.expected}`,
    en: `unknown reform item "${p.value}"; expected an annex row number 1–${p.expected}`,
  }),
  unknown_task: (p) => ({
    zh: `未知任务 "${p.value}"，应为任务清单中的任务编号`,
    en: `unknown task "${p.value}"; expected a task id from a task list file`,
  }),
  unknown_list: (p) => ({
    zh: `未知清单 "${p.value}"，应为 ${p.expected} 之一`,
    en: `unknown list "${p.value}"; expected one of ${p.expectedEn ?? p.expected}`,
  }),
  missing_value: (p) => ({
    zh: `${p.what}不能为空`,
    en: `${p.whatEn} must not be empty`,
  }),
  bad_sample_flag: (p) => ({
    zh: `样例标记 "${p.value}" 应为 是/否（或 true/false、1/0）`,
    en: `sample flag "${p.value}" must be yes/no (是/否, true/false, 1/0)`,
  }),
  bad_url: (p) => ({
    zh: `来源链接 "${p.value}" 不是网址，应以 http:// 或 https:// 开头（如 https://www.cqyc.gov.cn/…）`,
    en: `source link "${p.value}" is not a web address; expected one starting with http:// or https://`,
  }),
  bad_reliability: (p) => ({
    zh: `可靠性 "${p.value}" 不在词表中，应为 ${p.expected} 之一`,
    en: `reliability "${p.value}" is not in the vocabulary; expected one of ${p.expectedEn ?? p.expected}`,
  }),
  duplicate: (p) => ({
    zh: `重复：${p.key} 已在 ${p.other} 出现`,
    en: `duplicate: ${p.keyEn ?? p.key} already appears at ${p.other}`,
  }),
  outlier: (p) => ({
    zh: `数值 ${p.value} 远超该序列的历史范围（中位数 ${p.expected}），请核对`,
    en: `value ${p.value} is far outside this series' history (median ${p.expected}); please check`,
  }),
  bad_registry: (p) => ({
    zh: `指标登记表有误：${p.detail}`,
    en: `indicator registry error: ${p.detailEn ?? p.detail}`,
  }),
  bad_reference: (p) => ({
    zh: `参考表有误：${p.detail}`,
    en: `reference table error: ${p.detailEn ?? p.detail}`,
  }),
} satisfies Record<string, Text>;

export type ProblemCode = keyof typeof catalogue;
export const problemCodes = Object.keys(catalogue) as ProblemCode[];

export interface Location {
  file: string;
  line: number;
  column: number;
  /** In a workbook, the sheet. */
  sheet?: string;
}

export function problem(
  code: ProblemCode,
  at: Location,
  params: Params = {},
  severity: Severity = "error",
): Problem {
  const { zh, en } = (catalogue[code] as Text)(params);
  const p: Problem = { severity, code, file: at.file, line: at.line, column: at.column, zh, en };
  if (at.sheet !== undefined) p.sheet = at.sheet;
  if (params.value !== undefined) p.value = String(params.value);
  return p;
}

export function warning(code: ProblemCode, at: Location, params: Params = {}): Problem {
  return problem(code, at, params, "warning");
}

/**
 * `path:line:column: error code 中文 / English`, the form editors and CI logs link to. Control
 * characters from the data (a terminal escape in a cell) are shown as \xNN, never sent to a terminal.
 */
export function formatProblem(p: Problem): string {
  return visible(`${formatWhere(p)}: ${p.severity} ${p.code} ${p.zh} / ${p.en}`);
}

/**
 * Where a problem is: `path:line:column`, or the path alone for the whole file. In a workbook the sheet
 * follows the path and the column is Excel's letter, as the analyst finds the cell: `x.xlsx[Sheet1]:4:C`.
 */
export function formatWhere(p: Location): string {
  if (p.sheet === undefined) return p.line ? `${p.file}:${p.line}:${p.column}` : p.file;
  const sheet = `${p.file}[${p.sheet}]`;
  if (!p.line) return sheet;
  return `${sheet}:${p.line}${p.column ? `:${columnLetters(p.column)}` : ""}`;
}

function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Problems in reading order: by file, line, column, then errors before warnings. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.sheet ?? "", b.sheet ?? "") ||
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      cmp(a.code, b.code),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === "error");
