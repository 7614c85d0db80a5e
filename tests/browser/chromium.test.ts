// Every test that drives Chromium, in one test file: the site built once (sharedSite.ts), served, and
// one browser for all of them, in this order:
//   site.ts      every page of both languages, what each must show (the EXPECTATIONS table);
//   overview.ts  the overview's first screen, cards against their charts, no overlapping chart texts;
//   views.ts     views in the URL, and the overview and briefing printed on A4;
//   finder.ts    the finder on every page, the parks page's period range;
//   corpus.ts    every figure of the published-figures corpus on its indicator page (a build of its own).
// One file, not five: the five took turns with Chromium, and a file waiting for its turn held one of
// the suite's two workers doing nothing (≈ 100 s of a 2-core run). Two data sets, one browser:
// the sample's build and the corpus's, each served on its own port. As one file they run one after
// another in one worker from the start, beside the rest of the suite. One part alone:
// `TZ=UTC npx vitest run tests/browser/chromium.test.ts -t "the finder"` (the shared build and the
// browser are set up for any part; the visits of every page only for site.ts's tests).
import "./site.ts";
import "./overview.ts";
import "./views.ts";
import "./finder.ts";
import "./corpus.ts";
