import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync("tests/fixtures/README.md", "utf8");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath}/${e.name}`.slice(dir.length + 1))
    .sort();
}

/** The files a README section (## validate/ …) describes, one `- \`name\` — …` line each. */
function described(section: string): string[] {
  const start = readme.indexOf(`\n## ${section}/`);
  const end = readme.indexOf("\n## ", start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/^- `([^`]+)` — /gm)].map((m) => m[1]!).sort();
}

describe("tests/fixtures/README.md", () => {
  it.each(["validate", "questions", "hostile", "loaded"])("describes every file under tests/fixtures/%s, and no file that is not there", (section) => {
    expect(described(section)).toEqual(filesUnder(`tests/fixtures/${section}`));
  });
});
