// Placeholder data loader: proves that TypeScript loaders run (interpreters in observablehq.config.ts)
// and that their JSON reaches a page through FileAttachment. Replace with real indicators.

interface Point {
  period: string;
  value: number;
}

const points: Point[] = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"].map((period, i) => ({
  period,
  value: Math.round((12 + i * 3.5 + (i % 2) * 2) * 10) / 10
}));

process.stdout.write(JSON.stringify({title: "示例指标", unit: "亿元", points}));
