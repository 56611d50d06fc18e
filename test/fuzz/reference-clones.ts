import { buildCorpus } from '../../src/engine/duplication/cloneDetector';
import { fileTokens, tokenTexts } from '../../src/engine/duplication/file-tokens';
import { fingerprintTokens } from '../../src/engine/duplication/fingerprint';

/**
 * The clone search as it was before its pre-check (git history of src/engine/duplication/cloneDetector.ts): every
 * candidate's match measured in full, then refused when it spans too few lines, with windows keyed by their tokens
 * rather than a hash. Quadratic on repetitive text, so only for small inputs: the oracle of the fuzz property that
 * the pre-check changes no result.
 */
export function referenceClones(
  files: Array<{ path: string; text: string; language: 'typescript' }>,
  minTokens: number,
  minLines: number,
) {
  const streams = files.map((f) => fileTokens(f.text, f.language, false));
  const corpus = buildCorpus(streams);
  const { ids, fileOf, fileStart, fileEnd } = corpus;
  const local = (g: number) => ({
    s: streams[fileOf[g] as number]!,
    o: g - (fileStart[fileOf[g] as number] as number),
  });
  const span = (g: number, n: number) => {
    const { s, o } = local(g);
    return (s.endLines[o + n - 1] as number) - (s.startLines[o] as number) + 1;
  };
  const matchLength = (a: number, b: number) => {
    const limitA = fileOf[a] === fileOf[b] ? b : (fileEnd[fileOf[a] as number] as number);
    const limitB = fileEnd[fileOf[b] as number] as number;
    let n = 0;
    while (a + n < limitA && b + n < limitB && ids[a + n] === ids[b + n]) n++;
    return n;
  };
  const key = (g: number) => Array.from(ids.subarray(g, g + minTokens)).join(',');
  const seen = new Map<string, number[]>();
  const blocks = [];
  for (let f = 0; f < fileStart.length; f++) {
    let skipUntil = fileStart[f] as number;
    for (let p = fileStart[f] as number; p + minTokens <= (fileEnd[f] as number); p++) {
      const earlier = seen.get(key(p));
      if (p >= skipUntil && earlier) {
        let best: { a: number; n: number } | undefined;
        for (const a of earlier) {
          const n = matchLength(a, p);
          if (n >= minTokens && n > (best?.n ?? 0) && span(a, n) >= minLines && span(p, n) >= minLines)
            best = { a, n };
        }
        if (best) {
          const first = local(best.a);
          const second = local(p);
          const at = (l: typeof first, n: number) => ({
            startLine: l.s.startLines[l.o] as number,
            endLine: l.s.endLines[l.o + n - 1] as number,
          });
          const secondSpan = at(second, best.n);
          blocks.push({
            tokens: best.n,
            lines: secondSpan.endLine - secondSpan.startLine + 1,
            fingerprint: fingerprintTokens(tokenTexts(second.s, second.o, second.o + best.n), 0, best.n),
            first: { path: files[fileOf[best.a] as number]!.path, ...at(first, best.n) },
            second: { path: files[f]!.path, ...secondSpan },
          });
          skipUntil = p + best.n;
        }
      }
      const list = seen.get(key(p)) ?? [];
      if (list.length < 8) list.push(p);
      seen.set(key(p), list);
    }
  }
  return blocks;
}
