// Chinese Excel and WPS save "CSV" in GBK. A large GBK file would otherwise be read by our own reader
// row by row: written out as UTF-8 first (streaming, a megabyte at a time), it can take the set-based
// way like any other. The decision follows read/decode.ts to the letter — a file is GB18030 when it is
// not UTF-8, has no BOM, does not look like UTF-16, and most of its non-ASCII lines are not UTF-8 —
// so the transcoded text is exactly the text our reader would see. Anything else stays with our
// reader, which reports it.

import { isAscii, isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";

const LF = 0x0a;
const CR = 0x0d;

/**
 * gb18030ToUtf8(path, out) writes the file's text as UTF-8 to `out` and returns true when read/decode.ts
 * would read the file as GB18030; false (and `out` is to be ignored) otherwise.
 */
export async function gb18030ToUtf8(path: string, out: string): Promise<boolean> {
  const input = await open(path, "r");
  const output = await open(out, "w");
  const decoder = new TextDecoder("gb18030", { fatal: true });
  const encoder = new TextEncoder();
  let utf8Lines = 0;
  let otherLines = 0;
  let partial: Buffer = Buffer.alloc(0); // a line cut by the chunk's end
  /** decode.ts's classifyLines: lines end at LF or CR; a line with non-ASCII bytes is UTF-8 or not. */
  const classify = (b: Buffer, last: boolean) => {
    let start = 0;
    let lf = b.indexOf(LF);
    let cr = b.indexOf(CR);
    while (lf >= 0 || cr >= 0) {
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      count(b.subarray(start, end));
      start = end + 1;
      if (lf >= 0 && lf < start) lf = b.indexOf(LF, start);
      if (cr >= 0 && cr < start) cr = b.indexOf(CR, start);
    }
    partial = Buffer.from(b.subarray(start));
    if (last) count(partial);
  };
  const count = (line: Buffer) => {
    if (!isAscii(line)) isUtf8(line) ? utf8Lines++ : otherLines++;
  };
  try {
    const buffer = Buffer.alloc(1 << 20);
    let first = true;
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (first) {
        first = false;
        // A BOM, a workbook, or NUL bytes (UTF-16 without a BOM): decode.ts decides otherwise.
        if ((chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) || (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) return false;
        if ((chunk[0] === 0x50 && chunk[1] === 0x4b) || (chunk[0] === 0xd0 && chunk[1] === 0xcf)) return false;
        if (chunk.subarray(0, 4096).indexOf(0) >= 0) return false;
      }
      await output.write(encoder.encode(decoder.decode(chunk, { stream: true }))); // throws at a byte GB18030 does not know
      classify(partial.length ? Buffer.concat([partial, chunk]) : chunk, false);
    }
    await output.write(encoder.encode(decoder.decode())); // throws when the file ends inside a character
    classify(partial, true);
  } catch {
    return false;
  } finally {
    await input.close();
    await output.close();
  }
  // Valid UTF-8 throughout is UTF-8; mostly UTF-8 with odd lines is a mixed file: both for our reader.
  return otherLines > 0 && !(utf8Lines > 0 && utf8Lines >= otherLines);
}
