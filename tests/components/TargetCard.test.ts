// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { TargetCard, type TargetReport, type IndicatorInfo } from "../../src/components/TargetCard.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import fixture from "./fixtures/targets-2024-06-30.json" with { type: "json" };

const target = (id: string) => fixture.targets.find((t) => t.target === id) as unknown as TargetReport;
const indicator = (id: string) => fixture.indicators.find((i) => i.id === id) as unknown as IndicatorInfo;
const card = (id: string, lang: "zh" | "en") => TargetCard(target(id), { lang, indicator: indicator(target(id).indicator), href: `../indicators/${target(id).indicator}`, document });

describe("TargetCard", () => {
  it("TargetCard(report, options) names the status in words and a symbol, not by colour alone (zh)", async () => {
    const el = card("T23-4", "zh");
    expect(el.dataset.target).toBe("T23-4");
    expect(el.querySelector(".status-word")!.textContent).toBe("✖ 未完成");
    expect(el.querySelector(".target-figures")!.textContent).toContain("≥ 5 个");
    expect(el.querySelector(".target-quote")!.textContent).toContain("一（三）");
    expect(el.querySelector(".sample-tag")!.textContent).toBe("样例数据");
    await expectSvgSnapshot("target-card-t23-4-zh", el, "html");
  });

  it("TargetCard(report, options) shows a rank target against its setting and a milestone's parts (en)", async () => {
    const rank = card("T23-2", "en");
    expect(rank.querySelector(".status-word")!.textContent).toMatch(/^[✔●▲▼✖○] /);
    expect(rank.querySelector(".target-figures")!.textContent).toContain("top 3");
    expect(rank.querySelector(".target-setting")!.textContent).toContain("adjustable setting");
    const parts = card("T23-5", "en");
    expect(parts.querySelectorAll(".target-parts li")).toHaveLength(6);
    await expectSvgSnapshot("target-card-t23-5-en", parts, "html");
  });

  it("TargetCard(report, options) sets text from data as text, never as HTML", () => {
    const r = structuredClone(target("T25-1"));
    r.explain.zh = "<img src=x onerror=alert(1)>";
    const el = TargetCard(r, { lang: "zh", indicator: indicator("innovation_cases"), document });
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector(".target-explain")!.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});
