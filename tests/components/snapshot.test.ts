// @vitest-environment jsdom
// The snapshot helper itself: what it normalises, and how it fails.
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { expectSvgSnapshot, normaliseSvg, renumber, roundNumbers } from "./snapshot.ts";

const output = join(dirname(fileURLToPath(import.meta.url)), "..", "output");
const name = "snapshot-helper-selftest";
const file = join(output, `${name}.svg`);
const changed = join(output, `${name}-changed.svg`);

function svg(markup: string): Element {
  const holder = document.createElement("div");
  holder.innerHTML = markup; // test markup, not data
  return holder.firstElementChild!;
}

afterEach(async () => {
  await rm(file, { force: true });
  await rm(changed, { force: true });
});

describe("expectSvgSnapshot", () => {
  it("normaliseSvg(element) puts one element per line, rounds numbers in attributes and keeps text as it is", () => {
    const el = svg('<svg class="plot-d6a7b5" viewBox="0 0 10 10"><g transform="translate(0.123456,-0.0004)"><text x="1.5">a 1.23456</text><clipPath id="plot-clip-17"></clipPath><rect clip-path="url(#plot-clip-17)" aria-label="1.23456"></rect></g></svg>');
    expect(normaliseSvg(el)).toBe(
      [
        '<svg xmlns="http://www.w3.org/2000/svg" class="plot-class-1" viewBox="0 0 10 10">',
        '  <g transform="translate(0.12,0)">',
        '    <text x="1.5">a 1.23456</text>',
        '    <clipPath id="plot-clip-1"></clipPath>',
        '    <rect clip-path="url(#plot-clip-1)" aria-label="1.23456"></rect>',
        "  </g>",
        "</svg>",
        "",
      ].join("\n"),
    );
    expect(roundNumbers("M0.005,1.999L-2.5,3")).toBe("M0.01,2L-2.5,3");
    expect(renumber("plot-abc123 plot-clip-9 plot-clip-4 plot-clip-9 plot-pattern-2")).toBe("plot-class-1 plot-clip-1 plot-clip-2 plot-clip-1 plot-pattern-1");
  });

  it("expectSvgSnapshot(name, element) writes a missing snapshot locally, and fails on CI", async () => {
    const ci = process.env.CI;
    try {
      process.env.CI = "true";
      await expect(expectSvgSnapshot(name, svg("<svg></svg>"))).rejects.toThrow(`missing snapshot tests/output/${name}.svg`);
      expect(existsSync(file)).toBe(false);
      delete process.env.CI;
      await expectSvgSnapshot(name, svg("<svg></svg>"));
      expect(await readFile(file, "utf8")).toBe('<svg xmlns="http://www.w3.org/2000/svg"></svg>\n');
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    }
  });

  it("expectSvgSnapshot(name, element) fails on a difference, naming both files, and writes the new rendering beside the old", async () => {
    await writeFile(file, '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n');
    await expect(expectSvgSnapshot(name, svg('<svg width="2"></svg>'))).rejects.toThrow(`differs from tests/output/${name}.svg; the new one is in tests/output/${name}-changed.svg`);
    expect(await readFile(changed, "utf8")).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="2"></svg>\n');
    // A match removes a stale -changed file.
    await expectSvgSnapshot(name, svg("<svg></svg>"));
    expect(existsSync(changed)).toBe(false);
  });
});
