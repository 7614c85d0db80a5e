// Caps on a field's and a line's length, checked over the raw bytes before anything parses them.
// Without them a 200 MB note was read whole: 1.26 GB of memory and two minutes for one cell. The caps
// sit far above anything a real file holds (a note of 64 KB is over 20,000 Chinese characters — a
// report, not a cell; a 1 MB line is 10,000 wide columns of 100 bytes), so only broken or hostile
// files meet them, and they are told where.
// No Node module here: the same scanner can run on bytes in the browser.

export const MAX_FIELD_BYTES = 64 * 1024;
export const MAX_LINE_BYTES = 1024 * 1024;

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const delimiters = [0x2c, 0x09, 0x3b, NEWLINE, 0x0d]; // , tab ; \n \r — a field ends at any of them

/** Where a cap is first passed: the byte offset in the file, and which cap. */
export interface Breach {
  offset: number;
  cap: "field" | "line";
}

/**
 * A scanner fed the file's bytes chunk by chunk. Quoted fields ("a, ""b""\n c") are one field, as CSV
 * reads them. It jumps from quote to quote with native searches, and checks the stretches between
 * them a window at a time (gapCheck), never byte by byte: ≈ 20 ms for 60 MB without quotes.
 */
export class LimitScanner {
  private offset = 0; // bytes fed before this chunk
  private sinceField = 0; // bytes since the last field boundary
  private sinceLine = 0; // bytes since the last record boundary
  private inQuote = false;
  private quoteClosed = false; // the last byte closed a quote: a quote next is an escaped one

  feed(chunk: Uint8Array): Breach | undefined {
    const breach = this.scan(chunk);
    this.offset += chunk.length;
    return breach;
  }

  private scan(chunk: Uint8Array): Breach | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.quoteClosed) {
        this.quoteClosed = false;
        if (chunk[i] === QUOTE) {
          // "" inside quotes: one quote character, and the quoted field goes on.
          this.inQuote = true;
          const breach = this.grow(1, i);
          if (breach) return breach;
          i++;
          continue;
        }
      }
      const q = chunk.indexOf(QUOTE, i);
      const end = q < 0 ? chunk.length : q;
      if (this.inQuote) {
        // Everything up to the next quote, line breaks and commas included, belongs to the field.
        const breach = this.grow(end - i, i);
        if (breach) return breach;
        if (q >= 0) (this.inQuote = false), (this.quoteClosed = true);
      } else {
        const stretch = chunk.subarray(i, end);
        const field = gapCheck(stretch, this.sinceField, MAX_FIELD_BYTES, delimiters);
        if (typeof field === "object") return { offset: this.offset + i + field.at, cap: "field" };
        const line = gapCheck(stretch, this.sinceLine, MAX_LINE_BYTES, [NEWLINE]);
        if (typeof line === "object") return { offset: this.offset + i + line.at, cap: "line" };
        (this.sinceField = field), (this.sinceLine = line);
        // A quote opens a quoted field only at the field's start; elsewhere it is a character.
        if (q >= 0 && this.sinceField === 0) this.inQuote = true;
      }
      if (q < 0) return undefined;
      const breach = this.grow(1, q); // the quote itself
      if (breach) return breach;
      i = q + 1;
    }
    return undefined;
  }

  /** n more bytes of the current field and line, starting at index `at` of the chunk. */
  private grow(n: number, at: number): Breach | undefined {
    if (this.sinceField + n > MAX_FIELD_BYTES) return { offset: this.offset + at + MAX_FIELD_BYTES - this.sinceField, cap: "field" };
    if (this.sinceLine + n > MAX_LINE_BYTES) return { offset: this.offset + at + MAX_LINE_BYTES - this.sinceLine, cap: "line" };
    this.sinceField += n;
    this.sinceLine += n;
    return undefined;
  }
}

/**
 * gapCheck(chunk, carried, limit, bytes): the bytes since the last of `bytes` at the chunk's end, or
 * {at} where a stretch of more than `limit` bytes without any of them passes the limit. Each step
 * looks at the next `limit` bytes for the last boundary in them (native searches, bounded by subarray).
 */
function gapCheck(chunk: Uint8Array, carried: number, limit: number, bytes: number[]): number | { at: number } {
  let last = -carried - 1; // index of the last boundary, before the chunk when carried over
  while (chunk.length - 1 - last > limit) {
    const from = last + 1;
    const window = chunk.subarray(Math.max(from, 0), from + limit + 1);
    let found = -1;
    for (const b of bytes) found = Math.max(found, window.lastIndexOf(b));
    if (found < 0) return { at: from + limit };
    last = Math.max(from, 0) + found;
  }
  // Less than the limit is left: the carry is what follows its last boundary, if it has one.
  const tail = Math.max(last + 1, 0);
  let found = -1;
  for (const b of bytes) found = Math.max(found, chunk.subarray(tail).lastIndexOf(b));
  if (found >= 0) last = tail + found;
  return chunk.length - 1 - last;
}

/** The line (1-based, as an editor counts) and field (1-based) of a byte offset, counted over the bytes before it. */
export class Locator {
  line = 1;
  column = 1;
  private inQuote = false;
  private quoteClosed = false;
  private fieldStart = true;

  /** Feeds the chunk's bytes up to (not including) `end`. */
  feed(chunk: Uint8Array, end = chunk.length): void {
    for (let i = 0; i < end; i++) {
      const c = chunk[i]!;
      if (this.quoteClosed) {
        this.quoteClosed = false;
        if (c === QUOTE) {
          this.inQuote = true;
          continue;
        }
      }
      if (c === QUOTE && this.inQuote) (this.inQuote = false), (this.quoteClosed = true);
      else if (c === QUOTE && this.fieldStart) this.inQuote = true;
      this.fieldStart = false;
      if (c === NEWLINE) {
        this.line++;
        if (!this.inQuote) (this.column = 1), (this.fieldStart = true);
      } else if (!this.inQuote && delimiters.includes(c) && c !== 0x0d) (this.column++, (this.fieldStart = true));
    }
  }
}
