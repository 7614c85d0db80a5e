// Text → records, each with the line it starts on. RFC 4180 with the habits of Excel and WPS: comma or
// tab (Excel's "Unicode text" is tab-separated), CRLF, LF or CR, quoted fields that hold delimiters,
// doubled quotes and line breaks. Blank lines and rows of empty cells are skipped but still counted,
// so every line number matches the analyst's editor.
//
// Why not papaparse here: it reports neither the line a record starts on nor where a quote broke, and
// both are the point of a located error. papaparse still writes our CSV downloads.

import { problem, type Problem } from "../problems.ts";

export interface CsvRecord {
  line: number; // where the record starts, header = 1
  fields: string[];
}

export interface CsvParse {
  records: CsvRecord[];
  problems: Problem[];
  delimiter: "," | "\t";
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export function parseCsv(text: string, file: string): CsvParse {
  const delimiter = sniffDelimiter(text);
  const delim = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  const problems: Problem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let broken = false;
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      const column = fields.length + 1;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        let value = "";
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const q = text.indexOf('"', j);
          if (q < 0) break;
          value += text.slice(j, q);
          line += countLineBreaks(text, j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          j = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          problems.push(
            problem("broken_quote", { file, line: openLine, column }, {
              detail: `第 ${openLine} 行第 ${column} 列的引号一直没有闭合`,
              detailEn: `the quote opened at line ${openLine}, column ${column} is never closed`,
            }),
          );
          line += countLineBreaks(text, j, n);
          return { records, problems, delimiter };
        }
        fields.push(value);
        i = j;
        const c = text.charCodeAt(i);
        if (i < n && c !== delim && c !== CR && c !== LF) {
          const end = lineEnd(text, i);
          problems.push(
            problem("broken_quote", { file, line, column }, {
              value: text.slice(i, Math.min(end, i + 20)),
              detail: `闭合引号后还有文字 "${text.slice(i, Math.min(end, i + 20))}"；字段内的引号应写成两个引号 ""`,
              detailEn: `text after the closing quote "${text.slice(i, Math.min(end, i + 20))}"; write a quote inside a field as ""`,
            }),
          );
          broken = true;
          i = end;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === CR || c === LF) break;
          j++;
        }
        const value = text.slice(i, j);
        const q = value.indexOf('"');
        if (q >= 0) {
          problems.push(
            problem("broken_quote", { file, line, column }, {
              value,
              detail: `未加引号的字段 "${value}" 中有引号；请把整个字段用引号括起来，并把其中的引号写成 ""`,
              detailEn: `a quote inside the unquoted field "${value}"; wrap the field in quotes and write the quote as ""`,
            }),
          );
          broken = true;
        }
        fields.push(value);
        i = j;
      }
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    // End of record: consume one line break (CRLF, LF or CR).
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    // A blank line, or a row of bare delimiters (Excel writes them for formatted but empty rows).
    const blank = fields.every((f) => f === "");
    if (!blank && !broken) records.push({ line: recordLine, fields });
    line++;
  }
  return { records, problems, delimiter };
}

/** Tab when the first line has tabs and no commas; comma otherwise. */
function sniffDelimiter(text: string): "," | "\t" {
  const first = text.slice(0, lineEnd(text, 0));
  return first.includes("\t") && !first.includes(",") ? "\t" : ",";
}

function lineEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === CR || c === LF) break;
    j++;
  }
  return j;
}

/** Line breaks in text[from, to), counting CRLF once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}
