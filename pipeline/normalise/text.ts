// Text as typed in Excel, WPS or a Chinese input method → the plain form the parsers expect.

/**
 * halfWidth(text) turns full-width ASCII (Ａ１，．％) and the ideographic space into their plain forms,
 * drops zero-width characters and non-breaking spaces, and trims. Chinese characters are untouched.
 */
export function halfWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000 || c === 0x00a0) out += " ";
    else if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0xfeff) continue;
    else out += ch;
  }
  return out.trim();
}

const chineseDigits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** smallNumber("十二") is 12: Arabic digits or Chinese numerals up to 99; undefined otherwise. */
export function smallNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === "") return undefined;
  if (!m[2]) return m[1] && !m[3] ? chineseDigits[m[1]] : undefined;
  return (m[1] ? chineseDigits[m[1]]! : 1) * 10 + (m[3] ? chineseDigits[m[3]]! : 0);
}
