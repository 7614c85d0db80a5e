// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { TargetCard, type TargetReport, type IndicatorInfo } from "../../src/components/TargetCard.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import fixture from "./fixtures/targets-2024-06-30.json" with { type: "json" };

const target = (id: string) => fixture.targets.find((t) => t.target === id) as unknown as TargetReport;
const indicator = (id: string) => fixture.indicators.find((i) => i.id === id) as unknown as IndicatorInfo;
const card = (id: string, lang: "zh" | "en") => TargetCard(target(id), { lang, indicator: indicator(target(id).indicator), href: `../indicators/${target(id).indicator}`, document });
const text = (el: Element, selector: string) => el.querySelector(selector)?.textContent ?? "";

describe("TargetCard", () => {
  it("TargetCard(report, options) names the status in words and a symbol, not by colour alone (zh)", async () => {
    const el = card("T23-4", "zh");
    expect(el.dataset.target).toBe("T23-4");
    expect(text(el, ".status-word")).toBe("✖ 未完成");
    expect(text(el, ".target-figures")).toContain("不低于5个");
    expect(text(el, ".target-quote")).toContain("一（三）");
    expect(text(el, ".sample-tag")).toBe("样例数据");
    await expectSvgSnapshot("target-card-t23-4-zh", el, "html");
  });

  it("shows the value at the deadline that decided the status beside the latest value, each with its period", () => {
    // T23-4 had 4 cases at its deadline (missed); by 2024-06-30 the total is 6.
    const el = card("T23-4", "zh");
    expect(text(el, "dd.at-deadline")).toBe("4个 2023年第四季度");
    expect(text(el, "dd.latest")).toBe("6个 2024年第二季度");
    expect(el.dataset.latest).toBe(String(target("T23-4").components.latest!.value));
    expect(text(el, ".target-summary")).toBe(target("T23-4").summary.zh);
    expect(text(el, ".target-movement")).toBe(target("T23-4").movement!.zh);
    // The derivation is one click away, not in the way.
    expect(el.querySelector("details.target-details .target-explain")!.textContent).toBe(target("T23-4").explain.zh);
    // The reform items' share: one precision, its count, no nested brackets.
    const share = card("T23-1", "zh");
    expect(text(share, "dd.at-deadline")).toMatch(/^45\.2%，31项中14项 2023年12月15日$/);
    expect(text(share, ".target-figures")).toContain("完成率45%");
    expect(share.textContent).not.toMatch(/（[^）]*（/);
  });

  it("says the figures as published: a figure's qualifier (约4个 · about 4 cases), and the qualifiers inside a total (6个（含非确数（约、超））)", () => {
    const t = target("T23-4");
    const published = { ...t, components: { ...t.components, actualQualifier: "约", latest: { ...t.components.latest!, qualified: ["约", "超"] } } } as TargetReport;
    const at = (lang: "zh" | "en") => TargetCard(published, { lang, indicator: indicator(t.indicator), href: "#", document });
    expect(text(at("zh"), "dd.at-deadline")).toBe("约4个 2023年第四季度");
    expect(text(at("zh"), "dd.latest")).toBe("6个（含非确数（约、超）） 2024年第二季度");
    expect(text(at("en"), "dd.at-deadline")).toMatch(/^about 4 cases /);
    expect(text(at("en"), "dd.latest")).toMatch(/^6 cases \(includes inexact figures \(about, over\)\) /);
  });

  it("shows the planned pace and the share of it reached before the deadline, never a bare ratio", () => {
    const el = card("T25-1", "zh");
    expect(el.querySelector("dd.at-deadline")).toBeNull();
    expect(text(el, ".target-figures")).toMatch(/序时进度约\d+个/);
    expect(text(el, ".target-figures")).toMatch(/完成序时进度\d+%/);
    expect(el.textContent).not.toMatch(/完成比|直线进度|\d\.\d{2,}/);
  });

  it("TargetCard(report, options) shows a rank target against its threshold and a milestone's parts (en)", async () => {
    const rank = card("T23-2", "en");
    expect(text(rank, ".status-word")).toMatch(/^[✔●▲▼✖○] /);
    expect(text(rank, ".target-figures")).toContain("top 3");
    expect(text(rank, ".target-figures")).not.toMatch(/Completion|Ratio/);
    expect(text(rank, ".target-setting")).toContain("top 3");
    const parts = card("T23-5", "en");
    expect(parts.querySelectorAll(".target-parts li")).toHaveLength(6);
    await expectSvgSnapshot("target-card-t23-5-en", parts, "html");
  });

  it("TargetCard(report, options) sets text from data as text, never as HTML", () => {
    const r = structuredClone(target("T25-1"));
    r.summary.zh = "<img src=x onerror=alert(1)>";
    const el = TargetCard(r, { lang: "zh", indicator: indicator("innovation_cases"), document });
    expect(el.querySelector("img")).toBeNull();
    expect(text(el, ".target-summary")).toBe("<img src=x onerror=alert(1)>");
  });
});
