// Where a target's value should stand on a date, on a straight path from the plan's start.

/**
 * expectedValue(baseline, target, start, deadline, asOf) is linear from the plan's start: the baseline
 * on `start`, the target on `deadline`, the target after it and the baseline before the start.
 * Days are counted in UTC; the result is undefined when the deadline is not after the start.
 */
import { daysBetween } from "./dates.ts";

export function expectedValue(baseline: number, target: number, start: string, deadline: string, asOf: string): number | undefined {
  const span = daysBetween(start, deadline);
  if (!(span > 0)) return undefined;
  const elapsed = Math.min(Math.max(daysBetween(start, asOf), 0), span);
  return baseline + ((target - baseline) * elapsed) / span;
}
