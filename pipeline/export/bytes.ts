// Text assembled as bytes: the export's large files are made of a few texts encoded once (a row's part)
// and ASCII that varies per row (numbers, dates, period keys), written straight into one growing buffer
// instead of building a string per row and encoding it again (that cost seconds per million rows).
// Short pieces are copied byte by byte: a native call per piece costs more than the copy.

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  /** Bytes already encoded. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    if (b.length > 32) this.buffer.set(b, this.length);
    else for (let i = 0; i < b.length; i++) this.buffer[this.length + i] = b[i]!;
    this.length += b.length;
  }

  /** Text known to be ASCII (numbers, plain period keys): one byte a character. */
  ascii(text: string): void {
    this.room(text.length);
    if (text.length > 32) this.buffer.write(text, this.length, "latin1");
    else for (let i = 0; i < text.length; i++) this.buffer[this.length + i] = text.charCodeAt(i);
    this.length += text.length;
  }

  /** A safe integer as String() writes it (-0 as 0). */
  integer(n: number): void {
    this.room(17);
    if (n < 0) {
      this.buffer[this.length++] = 45; // -
      n = -n;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    for (let i = digits - 1; i >= 0; i--) {
      this.buffer[this.length + i] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.length += digits;
  }

  /** A number as String() writes it. */
  number(v: number): void {
    if (Number.isSafeInteger(v)) this.integer(v);
    else this.ascii(String(v));
  }

  /** A date given as days since 1970-01-01, as DuckDB writes a DATE: YYYY-MM-DD, for years 1000 to 9999 (the caller makes sure). */
  date(day: number): void {
    this.room(10);
    writeDate(this.buffer, this.length, day);
    this.length += 10;
  }

  get size(): number {
    return this.length;
  }

  /** What was written since the last take, as a buffer of its own; the writer starts again empty. */
  take(): Buffer {
    const out = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.length = 0;
    return out;
  }
}

/**
 * writeDate(to, at, day) writes the date `day` days after 1970-01-01 as YYYY-MM-DD at `at` (the civil
 * calendar from a day count: Howard Hinnant's days_from_civil, inverted). Years 1000 to 9999 only.
 */
export function writeDate(to: Uint8Array, at: number, day: number): void {
  // Every quantity below is a small integer: | 0 truncates, and z > 0 for the years asked for.
  const z = day + 719468;
  const era = (z / 146097) | 0;
  const doe = z - era * 146097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  to[at] = 48 + ((y / 1000) | 0);
  to[at + 1] = 48 + (((y / 100) | 0) % 10);
  to[at + 2] = 48 + (((y / 10) | 0) % 10);
  to[at + 3] = 48 + (y % 10);
  to[at + 4] = 45;
  to[at + 5] = 48 + ((m / 10) | 0);
  to[at + 6] = 48 + (m % 10);
  to[at + 7] = 45;
  to[at + 8] = 48 + ((d / 10) | 0);
  to[at + 9] = 48 + (d % 10);
}

/** The date `day` days after 1970-01-01 as text (YYYY-MM-DD; years 1000 to 9999). */
export function dateText(day: number): string {
  const b = Buffer.allocUnsafe(10);
  writeDate(b, 0, day);
  return b.toString("latin1");
}
