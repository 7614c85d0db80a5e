// Small DOM readers for the component tests.

/** The text of every <text> element (and of the element itself when it is one), in document order. */
export function svgTexts(root: Element): string[] {
  const texts = root.localName === "text" ? [root] : [...root.querySelectorAll("text")];
  return texts.map((t) => t.textContent ?? "");
}
