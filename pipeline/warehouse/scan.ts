// One streaming pass over a file's bytes before anything else reads it: its content hash, its size, and
// whether DuckDB's own CSV reader may parse it for us ("plain"). DuckDB's reader refuses a line with
// too few or too many fields, but it skips blank lines, takes a stray quote inside a field as text and
// knows nothing of where a record starts. So a plain file is one where it cannot differ from our
// reader (parse/csv.ts) and where data row n is on line n + 1:
//   valid UTF-8 (a BOM allowed), no NUL, one kind of line break (LF or CRLF, no lone CR), no blank
//   line, and quotes only around whole fields (doubled inside), never around a line break.
// A file that is not plain is read by our reader, which says what is wrong at its line and column.
// The scan holds one chunk at a time — a file of any size costs the same memory — and leaves the
// byte-by-byte work to native code (hash, isUtf8, indexOf) except in files that use quotes.

import { createHash } from "node:crypto";
import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";

export interface Plain {
  /** The header line's text (BOM removed). */
  header: string;
  delimiter: "," | "\t";
  newline: "\n" | "\r\n";
  bom: boolean;
  /** Lines after the header: the rows DuckDB must return, one for each. */
  dataLines: number;
}

export interface Scan {
  sha256: string;
  bytes: number;
  /** Set when DuckDB may read the file. */
  plain: Plain | null;
  /** Otherwise why not (for tests and the curious). */
  notPlain?: string;
  /** For a file on disk: its modification time before it was read (scanFile). */
  mtimeMs?: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const COMMA = 0x2c;
const MAX_HEADER = 1 << 20;

/** Quote state carried from one chunk to the next. */
export interface Quotes {
  inQuotes: boolean;
  quoteSeen: boolean; // inside quotes, the last byte was a quote: the closing one, or the first of ""
  closed: boolean; // a closing quote was read: a delimiter or line break must follow
  fieldStart: boolean; // the next byte starts a field
}

/** Feed chunks in order with push(), then end(). The caller may reuse a chunk once push returns. */
export class Scanner {
  private hash = createHash("sha256");
  private total = 0;
  private reason: string | undefined;
  private carry = new Uint8Array(0); // a UTF-8 character cut by the chunk's end
  private first = true; // until the first line break: chunks wait in pending
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private bom = false;
  private header = "";
  private delim = COMMA;
  private newline: "\n" | "\r\n" = "\n";
  private lineBreaks = 0;
  private last = -1; // the byte before this chunk (-1 at the start)
  private lastButOne = -1;
  private quotes: Quotes = { inQuotes: false, quoteSeen: false, closed: false, fieldStart: true };

  push(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.total += chunk.length;
    if (this.reason || chunk.length === 0) return;
    if (this.first) {
      // The first line is read whole, however the chunks fall.
      this.pending.push(new Uint8Array(chunk)); // a copy: the caller reuses its buffer
      this.pendingBytes += chunk.length;
      if (chunk.indexOf(LF) >= 0) this.start();
      else if (this.pendingBytes > MAX_HEADER) this.fail("no line break in the first megabyte");
      return;
    }
    this.body(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)); // a view, for indexOf of strings
  }

  private start(): void {
    this.first = false;
    const b = Buffer.concat(this.pending);
    this.pending = [];
    if ((b[0] === 0x50 && b[1] === 0x4b) || (b[0] === 0xd0 && b[1] === 0xcf)) return this.fail("a workbook");
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return this.fail("UTF-16");
    const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
    this.bom = bom;
    const rest = bom ? b.subarray(3) : b;
    if (this.readHeader(rest)) this.body(rest);
  }

  private body(b: Buffer): void {
    if (!this.utf8(b)) return this.fail("not UTF-8");
    if (b.indexOf(0) >= 0) return this.fail("a NUL byte");
    this.lineBreaks += countByte(b, LF);
    if (this.newline === "\r\n" ? !crlfOnly(b, this.last) : b.indexOf(CR) >= 0) return this.fail("a lone CR or mixed line breaks");
    if (this.blankLine(b)) return this.fail("a blank line");
    const q = this.quotes;
    if (q.inQuotes || q.closed || b.indexOf(QUOTE) >= 0) {
      const why = scanQuotes(b, q, this.delim, this.last);
      if (why) return this.fail(why);
    } else {
      const l = b[b.length - 1]!;
      q.fieldStart = l === this.delim || l === LF;
    }
    this.lastButOne = b.length > 1 ? b[b.length - 2]! : this.last;
    this.last = b[b.length - 1]!;
  }

  end(): Scan {
    if (!this.reason && this.first) this.fail(this.pendingBytes ? "no line break" : "empty");
    if (!this.reason) {
      const q = this.quotes;
      if (this.carry.length) this.fail("not UTF-8 (cut short)");
      else if (q.inQuotes && !q.quoteSeen) this.fail("a quote never closed");
      else if (this.last === CR) this.fail("a lone CR");
    }
    // A last line without a line break is a data line too.
    const dataLines = this.lineBreaks - 1 + (this.last !== LF ? 1 : 0);
    if (!this.reason && dataLines < 1) this.fail("no data lines");
    const scan: Scan = { sha256: this.hash.digest("hex"), bytes: this.total, plain: null };
    if (this.reason) return { ...scan, notPlain: this.reason };
    return { ...scan, plain: { header: this.header, delimiter: this.delim === TAB ? "\t" : ",", newline: this.newline, bom: this.bom, dataLines } };
  }

  private fail(reason: string): void {
    this.reason ??= reason;
  }

  private refuse(reason: string): false {
    this.fail(reason);
    return false;
  }

  /** The first line: its text, its line break, and the delimiter by parse/csv.ts's rule (tab when it has tabs and no commas). */
  private readHeader(b: Buffer): boolean {
    const lf = b.indexOf(LF);
    if (lf < 0) return this.refuse("no line break");
    if (lf === 0 || (lf === 1 && b[0] === CR)) return this.refuse("a blank line");
    const end = b[lf - 1] === CR ? lf - 1 : lf;
    this.newline = end < lf ? "\r\n" : "\n";
    const line = b.subarray(0, end);
    if (!isUtf8(line)) return this.refuse("not UTF-8");
    this.header = new TextDecoder("utf-8").decode(line);
    this.delim = line.indexOf(TAB) >= 0 && line.indexOf(COMMA) < 0 ? TAB : COMMA;
    return true;
  }

  private utf8(body: Uint8Array): boolean {
    let bytes = body;
    if (this.carry.length) {
      bytes = new Uint8Array(this.carry.length + body.length);
      bytes.set(this.carry);
      bytes.set(body, this.carry.length);
    }
    // Hold back a last character that is not complete yet.
    let cut = bytes.length;
    for (let k = 1; k <= 3 && k <= bytes.length; k++) {
      const c = bytes[bytes.length - k]!;
      if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      if (need > k) cut = bytes.length - k;
      break;
    }
    this.carry = new Uint8Array(bytes.subarray(cut)); // a copy (Buffer's slice would be a view of a reused buffer)
    return isUtf8(bytes.subarray(0, cut));
  }

  /** An empty line anywhere, the chunk's edges included. */
  private blankLine(b: Buffer): boolean {
    const pattern = this.newline === "\n" ? "\n\n" : "\n\r\n";
    if (b.indexOf(pattern) >= 0) return true;
    // Across the boundary with the chunk before.
    const edge = [this.lastButOne, this.last, b[0]!, b[1] ?? -1, b[2] ?? -1].filter((x) => x >= 0);
    return Buffer.from(edge).indexOf(pattern) >= 0;
  }
}

function countByte(b: Uint8Array, byte: number): number {
  let n = 0;
  for (let p = b.indexOf(byte); p >= 0; p = b.indexOf(byte, p + 1)) n++;
  return n;
}

/** Every CR is followed by LF and every LF preceded by CR (`before` is the byte before the chunk). */
function crlfOnly(b: Uint8Array, before: number): boolean {
  if (before === CR && b[0] !== LF) return false;
  for (let p = b.indexOf(LF); p >= 0; p = b.indexOf(LF, p + 1)) {
    if ((p === 0 ? before : b[p - 1]) !== CR) return false;
  }
  for (let p = b.indexOf(CR); p >= 0; p = b.indexOf(CR, p + 1)) {
    if (p + 1 < b.length && b[p + 1] !== LF) return false;
  }
  return true;
}

/**
 * The quote rules (only in chunks that hold a quote): undefined when they hold. Quoted fields are
 * rare and short, so the scan jumps from quote to quote with indexOf (native code) instead of reading
 * every byte: outside quotes a quote must start a field (the byte before it a delimiter or line break);
 * inside, no line break may come before the closing quote; after it, a doubled quote, a delimiter or a
 * line break. (tests/properties/arbitrary-input.test.ts checks it against the rules read byte by byte.)
 */
export function scanQuotes(b: Uint8Array, q: Quotes, delim: number, before: number): string | undefined {
  let { inQuotes, quoteSeen, closed } = q;
  let fieldStart = before < 0 || q.fieldStart;
  const n = b.length;
  const ends = (c: number) => c === delim || c === LF || c === CR;
  // The next LF and CR at or after a position, found once and reused until passed (-1: none left).
  let lf = -2;
  let cr = -2;
  const nextBreak = (from: number) => {
    if (lf !== -1 && lf < from) lf = b.indexOf(LF, from);
    if (cr !== -1 && cr < from) cr = b.indexOf(CR, from);
    return Math.min(lf < 0 ? n : lf, cr < 0 ? n : cr);
  };
  let i = 0;
  while (i < n) {
    if (inQuotes) {
      if (quoteSeen) {
        quoteSeen = false;
        if (b[i] === QUOTE) {
          i++; // "" inside a quoted field
          continue;
        }
        inQuotes = false;
        closed = true; // b[i] is read again below, after the closing quote
        continue;
      }
      const quote = b.indexOf(QUOTE, i);
      if (nextBreak(i) < (quote < 0 ? n : quote)) return "a line break inside quotes";
      if (quote < 0) break;
      quoteSeen = true;
      i = quote + 1;
      continue;
    }
    if (closed) {
      if (!ends(b[i]!)) return "text after a closing quote";
      closed = false;
      fieldStart = true;
      i++;
      continue;
    }
    const quote = b.indexOf(QUOTE, i);
    if (quote < 0) {
      fieldStart = ends(b[n - 1]!);
      break;
    }
    if (!(quote > i ? ends(b[quote - 1]!) : fieldStart)) return "a quote inside an unquoted field";
    inQuotes = true;
    fieldStart = false;
    i = quote + 1;
  }
  Object.assign(q, { inQuotes, quoteSeen, closed, fieldStart });
  return undefined;
}

/**
 * scanFile(path) reads the file once, 1 MB at a time. The scan carries the file's modification time
 * as it was before the reading began: whoever reads the file again can tell whether it changed since.
 */
export async function scanFile(path: string): Promise<Scan> {
  const scanner = new Scanner();
  const handle = await open(path, "r");
  try {
    const { mtimeMs } = await handle.stat();
    const buffer = new Uint8Array(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      scanner.push(buffer.subarray(0, bytesRead));
    }
    return { ...scanner.end(), mtimeMs };
  } finally {
    await handle.close();
  }
}
