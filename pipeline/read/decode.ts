// Bytes → text. Analysts' files come from Excel and WPS: UTF-8 with or without a BOM, GB18030/GBK as
// Chinese Windows saves "CSV", now and then UTF-16. The encoding is detected, never configured, and a
// file that is none of these is refused with the line and field of the first bad byte.
// Uses only TextDecoder, so the browser checker runs the same code.

import { problem, type Problem } from "../problems.ts";

export type Encoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; problem: Problem };

export function decode(bytes: Uint8Array, file: string): Decoded {
  const workbook = workbookKind(bytes);
  if (workbook) return { ok: false, problem: problem("workbook", { file, line: 0, column: 0 }, { value: workbook }) };
  const bom = byteOrderMark(bytes);
  if (bom) {
    if (bom.encoding === "utf-16le" || bom.encoding === "utf-16be") return decodeUtf16(bytes, bom.length, bom.encoding, file);
    // A UTF-8 BOM vouches for the encoding, so bytes that are not UTF-8 after it are a pasted line in
    // another encoding: refuse them like the mixed file they are, rather than turning them into U+FFFD.
    const bad = firstInvalidUtf8(bytes, bom.length);
    if (bad >= 0) return { ok: false, problem: byteProblem("mixed_encoding", bytes, bad, file) };
    return emptyOr(new TextDecoder("utf-8").decode(bytes.subarray(bom.length)), bom.encoding, file);
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return decodeUtf16(bytes, 0, utf16, file);

  const badUtf8 = firstInvalidUtf8(bytes);
  if (badUtf8 < 0) return emptyOr(new TextDecoder("utf-8").decode(bytes), "utf-8", file);

  // Mostly-UTF-8 files with a pasted GBK line would decode "successfully" as GB18030 into nonsense:
  // when most lines that carry non-ASCII text are valid UTF-8, the odd ones out are an error.
  const lines = classifyLines(bytes);
  if (lines.utf8 > 0 && lines.utf8 >= lines.invalid) {
    return { ok: false, problem: byteProblem("mixed_encoding", bytes, badUtf8, file) };
  }
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    return emptyOr(text, "gb18030", file);
  } catch {
    return { ok: false, problem: byteProblem("undecodable", bytes, firstInvalidGb18030(bytes), file) };
  }
}

/**
 * UTF-16 read strictly, like UTF-8: an unpaired surrogate or a last odd byte (a file cut short) is
 * refused at its line and field. A non-fatal TextDecoder would turn them into U+FFFD without a word —
 * a note silently changed, or a stray "\uFFFD" line reported as a column count.
 */
function decodeUtf16(b: Uint8Array, from: number, encoding: "utf-16le" | "utf-16be", file: string): Decoded {
  const bad = firstInvalidUtf16(b, from, encoding === "utf-16le");
  if (bad >= 0) {
    const before = new TextDecoder(encoding).decode(b.subarray(from, bad));
    return { ok: false, problem: problem("undecodable", { file, ...textLocation(before) }, { value: shownBytes(b, bad) }) };
  }
  return emptyOr(new TextDecoder(encoding).decode(b.subarray(from)), encoding, file);
}

/** Offset of the first UTF-16 code unit that is an unpaired surrogate, or of a last odd byte, or -1. */
function firstInvalidUtf16(b: Uint8Array, from: number, le: boolean): number {
  const unit = (i: number) => (le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  let i = from;
  for (; i + 1 < b.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= b.length) return i;
      const v = unit(i + 2);
      if (v < 0xdc00 || v > 0xdfff) return i;
      i += 2;
    }
  }
  return i < b.length ? i : -1;
}

/** Where the end of `text` is, as byteProblem counts: line (LF, CR or CRLF) and CSV field (commas or tabs outside quotes). */
function textLocation(text: string): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) (line++, (lineStart = i + 1));
  }
  let column = 1;
  let quoted = false;
  for (let i = lineStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && (c === 0x2c || c === 0x09)) column++;
  }
  return { line, column };
}

/** A spreadsheet saved under a .csv name: .xlsx is a zip ("PK\x03\x04"), .xls an OLE file (D0 CF 11 E0). */
function workbookKind(b: Uint8Array): string | undefined {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return ".xlsx";
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return ".xls";
  return undefined;
}

function emptyOr(text: string, encoding: Encoding, file: string): Decoded {
  if (text.trim() === "") return { ok: false, problem: problem("empty_file", { file, line: 0, column: 0 }) };
  return { ok: true, text, encoding };
}

function byteOrderMark(b: Uint8Array): { encoding: Encoding; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8-bom", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** UTF-16 without a BOM: ASCII-heavy CSV text puts a zero in every other byte. */
function sniffUtf16(b: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return undefined;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array, from = 0, to = b.length): number {
  let i = from;
  while (i < to) {
    const n = utf8SequenceLength(b, i, to);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

function utf8SequenceLength(b: Uint8Array, i: number, to: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) (n = 2), (min = 0x80);
  else if (c >= 0xe0 && c <= 0xef) (n = 3), (min = 0x800);
  else if (c >= 0xf0 && c <= 0xf4) (n = 4), (min = 0x10000);
  else return 0;
  if (i + n > to) return 0;
  let cp = c & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const d = b[i + k]!;
    if ((d & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

/** How many lines with non-ASCII bytes are valid UTF-8, and how many are not. */
function classifyLines(b: Uint8Array): { utf8: number; invalid: number } {
  let utf8 = 0;
  let invalid = 0;
  let start = 0;
  for (let i = 0; i <= b.length; i++) {
    // A lone CR ends a line too (Excel for Mac writes them), as in byteProblem below.
    if (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) continue;
    let ascii = true;
    for (let k = start; k < i; k++) if (b[k]! >= 0x80) (ascii = false), (k = i);
    if (!ascii) firstInvalidUtf8(b, start, i) < 0 ? utf8++ : invalid++;
    start = i + 1;
  }
  return { utf8, invalid };
}

function firstInvalidGb18030(b: Uint8Array): number {
  // Feed the bytes one at a time: a fatal streaming decoder throws at the byte that breaks the text.
  const decoder = new TextDecoder("gb18030", { fatal: true });
  for (let i = 0; i < b.length; i++) {
    try {
      decoder.decode(b.subarray(i, i + 1), { stream: true });
    } catch {
      // A lead byte followed by a byte that cannot trail it: point at the lead byte.
      return i > 0 && b[i - 1]! >= 0x81 && b[i]! < 0x80 ? i - 1 : i;
    }
  }
  return Math.max(0, b.length - 1); // an incomplete sequence at the very end
}

/** A located problem for the byte at `offset`: the line as an editor counts it, the CSV field by commas. */
function byteProblem(code: "undecodable" | "mixed_encoding", b: Uint8Array, offset: number, file: string): Problem {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a || (b[i] === 0x0d && b[i + 1] !== 0x0a)) (line++, (lineStart = i + 1));
  }
  // Count the CSV fields before it: commas (or tabs) outside quotes.
  let column = 1;
  let quoted = false;
  for (let i = lineStart; i < offset; i++) {
    if (b[i] === 0x22) quoted = !quoted;
    else if (!quoted && (b[i] === 0x2c || b[i] === 0x09)) column++;
  }
  return problem(code, { file, line, column }, { value: shownBytes(b, offset) });
}

/** The bytes at `offset` as a message shows them: 0xFF 0x2C … (four at most). */
function shownBytes(b: Uint8Array, offset: number): string {
  const shown = Array.from(b.subarray(offset, Math.min(offset + 4, b.length)), (x) =>
    x.toString(16).toUpperCase().padStart(2, "0"),
  ).join(" ");
  return `0x${shown.replaceAll(" ", " 0x")}`;
}
