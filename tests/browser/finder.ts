// The finder in every page's header and the parks page's range notice (issue 12), in Debian's headless
// Chromium on the built site (sharedSite.ts: the same build and browser as site.ts and views.ts, in chromium.test.ts):
//  - typing an item's number, two Chinese characters of a unit's name or an English park name lists
//    it, and Enter (after the arrow keys, or at once) opens the right page at the right place, with
//    the as-of date carried, in Chinese and in English;
//  - a reversed period range on the parks page shows a sentence saying so instead of empty charts.
//
// Needs /usr/bin/chromium and fonts-noto-cjk (.ci/run installs them): without them it fails.

import type {Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {siteInChromium} from "./sharedSite.ts";

const site = siteInChromium();

async function open(path: string): Promise<Page> {
  const page = await site().browser.newPage({viewport: {width: 1280, height: 800}});
  await page.goto(new URL(path, site().url).href, {waitUntil: "networkidle"});
  return page;
}

/** Types into the header's finder as a reader does, and waits for its list. */
async function find(page: Page, text: string): Promise<string[]> {
  const input = page.locator('.finder input[role="combobox"]');
  await input.click();
  await input.pressSequentially(text);
  await page.locator('.finder [role="option"]').first().waitFor();
  return page.locator('.finder [role="option"]').allInnerTexts();
}

describe("the finder on every page", () => {
  test("zh: 第19项, Enter → the items page, item 19's row shown and open", async () => {
    site();
    const page = await open("zh/lists");
    try {
      const options = await find(page, "第19项");
      expect(options[0]).toMatch(/改革事项\s*第19项/);
      await Promise.all([page.waitForURL(/\/zh\/items#item-19$/), page.keyboard.press("Enter")]);
      const row = page.locator("#item-19");
      await row.waitFor();
      await expect.poll(() => row.evaluate((r) => document.activeElement === r && (r.querySelector("details") as HTMLDetailsElement).open)).toBe(true);
      expect(await row.isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  test("zh: two characters of a unit's name (经信), the as-of date carried to the units page's section", async () => {
    site();
    const page = await open("zh/indicators/?asof=2025-06-30");
    try {
      const options = await find(page, "经信");
      expect(options[0]).toMatch(/责任单位\s*区经济信息委/);
      await Promise.all([page.waitForURL(/\/zh\/units\?asof=2025-06-30#unit-econ_info$/), page.keyboard.press("Enter")]);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("unit-econ_info");
    } finally {
      await page.close();
    }
  });

  test("en: arrow keys choose among the parks, Enter opens the parks page with that park highlighted", async () => {
    site();
    const page = await open("en/");
    try {
      const options = await find(page, "Industrial Park");
      expect(options.length).toBeGreaterThan(1);
      expect(options.join(" ")).not.toMatch(/[\u4e00-\u9fff]/);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const chosen = await page.locator('.finder [aria-selected="true"]').innerText();
      expect(chosen).toBe(options[1]);
      await Promise.all([page.waitForURL(/\/en\/parks\?park=/), page.keyboard.press("Enter")]);
      await page.waitForLoadState("networkidle");
      // The highlight select (the second on the page) shows the park chosen.
      const highlighted = await page.locator("form select").nth(1).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent);
      expect(options[1]).toContain(highlighted!);
    } finally {
      await page.close();
    }
  });

  test("en: Esc closes the list; nothing found is said, not shown as an empty list", async () => {
    site();
    const page = await open("en/briefing");
    try {
      await find(page, "blockchain");
      await page.keyboard.press("Escape");
      expect(await page.locator('.finder [role="listbox"]').isHidden()).toBe(true);
      await page.keyboard.press("Escape");
      await page.locator('.finder input').pressSequentially("qqqq");
      await expect.poll(() => page.locator(".finder [role=status]").textContent()).toBe("Nothing found");
      expect(await page.locator('.finder [role="listbox"]').isHidden()).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe("the parks page's period range", () => {
  for (const lang of ["zh", "en"] as const) {
    test(`${lang}: a start after the end is said in words instead of an empty chart`, async () => {
      site();
      const page = await open(`${lang}/parks`);
      try {
        const charts = await page.locator(".chart svg").count();
        const [from, to] = [page.locator("form select").nth(2), page.locator("form select").nth(3)];
        const values = await from.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        await to.selectOption(values[0]!);
        await from.selectOption(values.at(-1)!);
        const notice = page.locator(".range-notice.range-reversed");
        await notice.waitFor();
        expect(await notice.innerText()).toContain(lang === "zh" ? "晚于截止时期" : "is after the end");
        // The small multiples give way; the ranking and the heatmap, which do not read the range, stay.
        expect(await page.locator(".chart svg").count()).toBeLessThan(charts);
        expect(await page.locator(".chart svg").count()).toBeGreaterThan(0);
      } finally {
        await page.close();
      }
    });
  }
});
