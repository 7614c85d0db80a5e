// Rankings where equal results share a place ("standard competition" ranking: 1, 1, 3 …), as
// statistical tables rank: two parks with the same value are both 第1, and the next is 第3, not 第2.
// Every ranking the site shows — units, parks, peer zones — is computed here.

export interface SharedRank {
  rank: number;
  /** Another entry has the same result: read 并列第 N / joint Nth. */
  tied: boolean;
}

/**
 * sharedRanks(keys, compare) ranks entries by `compare` (negative: a ranks before b; 0: equal). Each
 * entry's rank is 1 + the number of entries strictly ahead of it, so equals share a rank and the next
 * rank skips as many places as shared the one before. Returned in the order of `keys`.
 */
export function sharedRanks<T>(keys: readonly T[], compare: (a: T, b: T) => number): SharedRank[] {
  return keys.map((k) => {
    let ahead = 0;
    let equal = 0;
    for (const other of keys) {
      const c = compare(other, k);
      if (c < 0) ahead++;
      else if (c === 0) equal++;
    }
    return { rank: ahead + 1, tied: equal > 1 };
  });
}

/** Ranks by value, higher first when direction is "increase", lower first when "decrease". */
export function valueRanks(values: readonly number[], direction: "increase" | "decrease"): SharedRank[] {
  return sharedRanks(values, (a, b) => (direction === "increase" ? b - a : a - b));
}

/** 第1名 / 并列第1名 · 1st / joint 1st: a rank in words. */
export function rankWords(r: SharedRank, lang: "zh" | "en"): string {
  if (lang === "zh") return `${r.tied ? "并列" : ""}第${r.rank}名`;
  return `${r.tied ? "joint " : ""}${ordinal(r.rank)}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}
