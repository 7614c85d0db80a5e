// File snapshots of rendered charts, as Plot's and Framework's own test suites keep them: the element is
// normalised (one element per line, numbers in attributes rounded to 2 decimals, Plot's generated class
// names and ids renumbered) and compared with tests/output/<name>.svg.
//
// - On a difference the new rendering is written to tests/output/<name>-changed.svg (git-ignored) and
//   the test fails naming both files: look at them side by side, then replace the snapshot if the
//   change is intended.
// - A missing snapshot is written and the test passes locally, but fails when CI=true, so that CI never
//   passes against a snapshot it has just made.

import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// (A path, not a URL: under jsdom the global URL is jsdom's, which node:url does not accept.)
const outputDir = join(dirname(fileURLToPath(import.meta.url)), "..", "output") + "/";

/** Attributes whose values are text for people, left exactly as they are. */
const textAttributes = /^(aria-|font-family$)/;

/** Elements kept on one line with their content: SVG text must not gain whitespace between tspans. */
const inline = new Set(["text", "title", "style", "tspan", "desc", "button", "label", "option", "span", "a"]);

const escapeText = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const escapeAttribute = (s: string) => escapeText(s).replaceAll('"', "&quot;");

/** Numbers with more than two decimals → two decimals (trailing zeros dropped, -0 → 0). */
export function roundNumbers(value: string): string {
  return value.replace(/-?\d*\.\d{3,}(?:e[-+]?\d+)?/gi, (m) => String(Number(Number(m).toFixed(2)) || 0));
}

function attributes(el: Element): string {
  return [...el.attributes]
    .map((a) => {
      const value = textAttributes.test(a.name) ? a.value : roundNumbers(a.value);
      return ` ${a.name}="${escapeAttribute(value)}"`;
    })
    .join("");
}

function inlineMarkup(node: Node): string {
  if (node.nodeType === 3) return escapeText(node.nodeValue ?? "");
  if (node.nodeType !== 1) return "";
  const el = node as Element;
  const tag = el.localName; // lower case for HTML, as written for SVG (clipPath)
  return `<${tag}${attributes(el)}>${[...el.childNodes].map(inlineMarkup).join("")}</${tag}>`;
}

function pretty(node: Node, depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  if (node.nodeType === 3) {
    const text = (node.nodeValue ?? "").trim();
    if (text) out.push(`${indent}${escapeText(text)}`);
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  const tag = el.localName; // lower case for HTML, as written for SVG (clipPath)
  const children = [...el.childNodes].filter((c) => c.nodeType === 1 || (c.nodeValue ?? "").trim() !== "");
  if (inline.has(tag) || children.every((c) => c.nodeType === 3)) {
    out.push(`${indent}${inlineMarkup(el)}`);
    return;
  }
  out.push(`${indent}<${tag}${attributes(el)}>`);
  for (const child of children) pretty(child, depth + 1, out);
  out.push(`${indent}</${tag}>`);
}

/**
 * Plot's class names (plot-d6a7b5, which changes with Plot's default styles) and its counters' ids
 * (plot-clip-12, plot-pattern-3, which depend on what rendered before) → stable names in order of
 * first appearance.
 */
export function renumber(text: string): string {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  return text.replace(/\bplot-(clip|pattern)-\d+\b|\bplot-[0-9a-f]{6}(?![0-9a-z])/g, (m, kind: string | undefined) => {
    let stable = seen.get(m);
    if (!stable) {
      const k = kind ?? "class";
      const n = (counts.get(k) ?? 0) + 1;
      counts.set(k, n);
      stable = `plot-${k}-${n}`;
      seen.set(m, stable);
    }
    return stable;
  });
}

/** The element as the snapshot text. */
export function normaliseSvg(element: Element): string {
  const out: string[] = [];
  pretty(element, 0, out);
  // Plot leaves the namespace to the DOM; a file needs it written, or a browser shows it as XML.
  if (element.localName === "svg" && !element.hasAttribute("xmlns")) out[0] = out[0]!.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return `${renumber(out.join("\n"))}\n`;
}

/** Compare with tests/output/<name>.<extension>: "svg" for charts, "html" for boards and cards. */
export async function expectSvgSnapshot(name: string, element: Element, extension: "svg" | "html" = "svg"): Promise<void> {
  const actual = normaliseSvg(element);
  const expectedFile = `${outputDir}${name}.${extension}`;
  const changedFile = `${outputDir}${name}-changed.${extension}`;
  const shown = (f: string) => f.slice(f.lastIndexOf("tests/output/"));
  await mkdir(outputDir, { recursive: true });
  if (!existsSync(expectedFile)) {
    if (process.env.CI === "true") {
      await writeFile(changedFile, actual, "utf8");
      throw new Error(`missing snapshot ${shown(expectedFile)}: the rendering was written to ${shown(changedFile)}; make the snapshot locally and commit it`);
    }
    await writeFile(expectedFile, actual, "utf8");
    return;
  }
  const expected = await readFile(expectedFile, "utf8");
  if (expected === actual) {
    await rm(changedFile, { force: true });
    return;
  }
  await writeFile(changedFile, actual, "utf8");
  throw new Error(`${name}: the rendering differs from ${shown(expectedFile)}; the new one is in ${shown(changedFile)} (if the change is intended, replace the snapshot with it)`);
}
