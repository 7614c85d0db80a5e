import { describe, expect, it } from "vitest";
import { parseCsv } from "../../pipeline/parse/csv.ts";

const records = (text: string) => parseCsv(text, "f.csv").records;
const located = (text: string) => parseCsv(text, "f.csv").problems.map((p) => ({ code: p.code, line: p.line, column: p.column, value: p.value }));

describe("parseCsv", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("parseCsv(text) numbers records by editor line with %s line ends, blank lines skipped but counted", (_, nl) => {
    const text = ["a,b", "1,2", "", "3,4", "", "", "5,6", ""].join(nl);
    expect(records(text)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 4, fields: ["3", "4"] },
      { line: 7, fields: ["5", "6"] },
    ]);
  });

  it("parseCsv(text) reads a last line with no line end", () => {
    expect(records("a,b\n1,2")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
    ]);
  });

  it("parseCsv(text) keeps empty fields, trailing ones included", () => {
    expect(records("a,,c,\nx,,,\n")).toEqual([
      { line: 1, fields: ["a", "", "c", ""] },
      { line: 2, fields: ["x", "", "", ""] },
    ]);
  });

  it("parseCsv(text) skips rows of bare delimiters, as Excel writes for empty formatted rows, and counts their lines", () => {
    expect(records('a,b\n,,\n"",""\nc,d\n')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 4, fields: ["c", "d"] },
    ]);
  });

  it("parseCsv(text) reads quoted delimiters and doubled quotes", () => {
    expect(records('a,b\n"1,5","say ""hi"""\n"",x\n')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1,5", 'say "hi"'] },
      { line: 3, fields: ["", "x"] },
    ]);
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("parseCsv(text) keeps a quoted line break (%s) in the field and the records after it on their editor lines", (_, nl) => {
    const text = `a,b${nl}"one${nl}two${nl}three",x${nl}y,z${nl}`;
    expect(records(text)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: [`one${nl}two${nl}three`, "x"] },
      { line: 5, fields: ["y", "z"] },
    ]);
  });

  it("parseCsv(text) splits on tabs when the first line has tabs and no commas, and then keeps commas in fields", () => {
    const r = parseCsv("指标\t数值\n招引企业数\t1,234\n", "f.tsv");
    expect(r.delimiter).toBe("\t");
    expect(r.records).toEqual([
      { line: 1, fields: ["指标", "数值"] },
      { line: 2, fields: ["招引企业数", "1,234"] },
    ]);
  });

  it("parseCsv(text) splits on commas when the first line has both, and by default", () => {
    expect(parseCsv("a\tb,c\n", "f").delimiter).toBe(",");
    expect(parseCsv("a b\n", "f").delimiter).toBe(",");
  });

  it("parseCsv(text) reports an unterminated quote at the opening quote's line and column, keeping the records before it", () => {
    const r = parseCsv('a,b,c\n1,2,3\n4,"five\n6,7,8\n', "f.csv");
    expect(r.records.map((x) => x.line)).toEqual([1, 2]);
    expect(located('a,b,c\n1,2,3\n4,"five\n6,7,8\n')).toEqual([{ code: "broken_quote", line: 3, column: 2, value: undefined }]);
    expect(r.problems[0]!.en).toBe("broken quoting: the quote opened at line 3, column 2 is never closed");
  });

  it("parseCsv(text) reports text after a closing quote on the closing quote's line, and drops only that record", () => {
    const text = 'a,b\n"x\ny"z,1\n2,3\n';
    expect(located(text)).toEqual([{ code: "broken_quote", line: 3, column: 1, value: "z,1" }]);
    expect(records(text)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 4, fields: ["2", "3"] },
    ]);
  });

  it("parseCsv(text) reports a bare quote inside an unquoted field, and drops only that record", () => {
    const text = 'a,b\n1,2"3\n4,5\n';
    expect(located(text)).toEqual([{ code: "broken_quote", line: 2, column: 2, value: '2"3' }]);
    expect(records(text).map((x) => x.line)).toEqual([1, 3]);
  });

  it("parseCsv(text) of empty text has no records and no problems", () => {
    expect(parseCsv("", "f")).toEqual({ records: [], problems: [], delimiter: "," });
    expect(records("\n\n\r\n")).toEqual([]);
  });
});
