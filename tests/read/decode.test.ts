import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { decode, firstInvalidUtf8 } from "../../pipeline/read/decode.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
const gb18030 = (s: string) => new Uint8Array(execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: s }));
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, "utf16le"));
const utf16be = (s: string) => new Uint8Array(Buffer.from(s, "utf16le").swap16());
const bytes = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));

const text = "指标,园区,时期,数值\n招引企业数,凤凰湖产业园,2023年6月,12\n";

function decoded(b: Uint8Array) {
  const r = decode(b, "f.csv");
  if (!r.ok) throw new Error(`refused: ${r.problem.en}`);
  return { text: r.text, encoding: r.encoding };
}
function refused(b: Uint8Array) {
  const r = decode(b, "f.csv");
  if (r.ok) throw new Error(`decoded as ${r.encoding}`);
  return { code: r.problem.code, line: r.problem.line, column: r.problem.column, value: r.problem.value };
}

describe("decode", () => {
  it("decode(bytes) reads UTF-8 without a BOM", () => {
    expect(decoded(utf8(text))).toEqual({ text, encoding: "utf-8" });
  });

  it("decode(bytes) reads UTF-8 with a BOM and drops the BOM", () => {
    expect(decoded(bytes([0xef, 0xbb, 0xbf], utf8(text)))).toEqual({ text, encoding: "utf-8-bom" });
  });

  it("decode(bytes) reads GB18030 (GBK) as Chinese Windows saves CSV", () => {
    expect(decoded(gb18030(text))).toEqual({ text, encoding: "gb18030" });
  });

  it("decode(bytes) reads GB18030's four-byte sequences (characters beyond GBK)", () => {
    const rare = "指标,备注\nx,€㐀\n"; // € and 㐀 (CJK extension A) take four bytes in GB18030
    expect(decoded(gb18030(rare))).toEqual({ text: rare, encoding: "gb18030" });
  });

  it("decode(bytes) reads UTF-16LE and UTF-16BE by their BOM", () => {
    expect(decoded(bytes([0xff, 0xfe], utf16le(text)))).toEqual({ text, encoding: "utf-16le" });
    expect(decoded(bytes([0xfe, 0xff], utf16be(text)))).toEqual({ text, encoding: "utf-16be" });
  });

  it("decode(bytes) recognises UTF-16 without a BOM from ASCII text's zero bytes", () => {
    const ascii = "indicator\tperiod\tvalue\nftz_aligned_cases\t2023\t5\n";
    expect(decoded(utf16le(ascii))).toEqual({ text: ascii, encoding: "utf-16le" });
    expect(decoded(utf16be(ascii))).toEqual({ text: ascii, encoding: "utf-16be" });
  });

  it("decode(bytes) refuses an empty file, a file of blank lines and a lone BOM as empty_file", () => {
    for (const b of [new Uint8Array(), utf8(" \n\r\n\t"), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe])]) {
      expect(refused(b)).toEqual({ code: "empty_file", line: 0, column: 0, value: undefined });
    }
  });

  it("decode(bytes) locates a 0xFF byte in an ASCII file by line and comma-counted field", () => {
    expect(refused(bytes(utf8("a,b,c\n1,2,"), [0xff], utf8("\n")))).toEqual({ code: "undecodable", line: 2, column: 3, value: "0xFF 0x0A" });
  });

  it("decode(bytes) locates a GBK lead byte followed by a comma at the lead byte", () => {
    expect(refused(bytes(utf8("a,b,c\n1,"), [0xb7], utf8(",3\n")))).toEqual({ code: "undecodable", line: 2, column: 2, value: "0xB7 0x2C 0x33 0x0A" });
  });

  it("decode(bytes) locates a GBK lead byte at the very end of the file", () => {
    expect(refused(bytes(utf8("a,b\n1,"), [0xb7]))).toEqual({ code: "undecodable", line: 2, column: 2, value: "0xB7" });
  });

  it("decode(bytes) counts lines ended by CRLF and by CR alone as an editor does", () => {
    expect(refused(bytes(utf8("a,b\r\n1,2\r\n3,"), [0xff]))).toMatchObject({ line: 3, column: 2 });
    expect(refused(bytes(utf8("a,b\r1,2\r3,"), [0xff]))).toMatchObject({ line: 3, column: 2 });
  });

  it("decode(bytes) refuses a mostly UTF-8 file with a GB18030 line as mixed_encoding at that line", () => {
    const b = bytes(utf8("指标,园区\n招引企业数,凤凰湖\n"), gb18030("招引企业数,港桥\n"));
    expect(refused(b)).toEqual({ code: "mixed_encoding", line: 3, column: 1, value: "0xD5 0xD0 0xD2 0xFD" });
  });

  it("decode(bytes) refuses GB18030 bytes after a UTF-8 BOM as mixed_encoding, not as U+FFFD", () => {
    const b = bytes([0xef, 0xbb, 0xbf], utf8("指标,园区\nx,"), gb18030("港桥"), utf8("\n"));
    expect(refused(b)).toEqual({ code: "mixed_encoding", line: 2, column: 2, value: "0xB8 0xDB 0xC7 0xC5" });
  });

  it("decode(bytes) finds the GB18030 line of a mixed file with CR line ends", () => {
    const b = bytes(utf8("指标,园区\r招引企业数,凤凰湖\r"), gb18030("招引企业数,港桥\r"));
    expect(refused(b)).toMatchObject({ code: "mixed_encoding", line: 3, column: 1 });
  });

  it("decode(bytes) reads a GB18030 file as GB18030 when most of its non-ASCII lines are GB18030", () => {
    // One line of UTF-8 among GB18030 lines is read as GB18030: the lines it garbles still fail later checks.
    expect(decoded(bytes(gb18030("指标,园区\n招引企业数,凤凰湖\n"), utf8("x,y\n"))).encoding).toBe("gb18030");
  });
});

describe("firstInvalidUtf8", () => {
  it("firstInvalidUtf8(bytes) finds overlong forms, surrogates, stray continuation bytes and truncated sequences", () => {
    expect(firstInvalidUtf8(utf8("abc凤凰"))).toBe(-1);
    expect(firstInvalidUtf8(bytes([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(bytes([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // a surrogate
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0);
    expect(firstInvalidUtf8(bytes([0x61, 0x62, 0xe5, 0x87]))).toBe(2);
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // beyond U+10FFFF
  });
});
