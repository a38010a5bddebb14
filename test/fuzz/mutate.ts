/** Seeded mutations of real entries: the half-written, broken and hostile JSON an editor sees. */

export type Random = () => number;

/** mulberry32: a small seeded PRNG, so that a failing document can be reproduced from its seed. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const at = (random: Random, text: string) => Math.floor(random() * (text.length + 1));
const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '""', 'null', 'true', '-', '1e999', '"compatibility"', '"image_src"', '"memory"', '\\', '\\u', '/*', '//'];
const ODD_CHARACTERS = ['\u0000', '\u0007', '\u001b', '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDFFF', '🚀', 'é', '\u202E', '\r', '\t', '\u00A0'];

/** Each mutation takes a text and returns a changed one. Heavy ones (huge strings, deep nesting) are rarer. */
export const MUTATIONS: Record<string, (text: string, random: Random) => string> = {
  cut: (t, r) => { const a = at(r, t); const b = Math.min(t.length, a + Math.floor(r() * 40)); return t.slice(0, a) + t.slice(b); },
  truncate: (t, r) => t.slice(0, at(r, t)),
  insertToken: (t, r) => { const i = at(r, t); return t.slice(0, i) + pick(r, TOKENS) + t.slice(i); },
  swapTokens: (t, r) => {
    const tokens = t.split(/(\s+|[{}[\],:])/);
    const i = Math.floor(r() * tokens.length); const j = Math.floor(r() * tokens.length);
    [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
    return tokens.join('');
  },
  oddCharacters: (t, r) => {
    const i = at(r, t);
    return t.slice(0, i) + pick(r, ODD_CHARACTERS).repeat(1 + Math.floor(r() * 3)) + t.slice(i);
  },
  randomUnicode: (t, r) => { const i = at(r, t); return t.slice(0, i) + String.fromCharCode(Math.floor(r() * 0xffff)) + t.slice(i); },
  bom: (t) => `\uFEFF${t}`,
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  nul: (t, r) => { const i = at(r, t); return `${t.slice(0, i)}\u0000${t.slice(i)}`; },
  deepNesting: (t, r) => { const i = at(r, t); const n = pick(r, [50, 200, 10_000]); return t.slice(0, i) + '['.repeat(n) + (r() < 0.5 ? ']'.repeat(n) : '') + t.slice(i); },
  giantNumber: (t, r) => t.replace(/\d+/, pick(r, ['1e400', '-1e400', `1${'0'.repeat(400)}`, '0.0000000000000000000001', '-0'])),
  giantString: (t, r) => t.replace(/"description": "/, `"description": "${'x'.repeat(pick(r, [10_000, 1_500_000]))}`),
  duplicateKeys: (t) => t.replace(/\{/, '{"friendly_name": "one", "friendly_name": "two", '),
  wrongTypes: (t, r) => t.replace(/"[^"]*"(?=\s*[,}\]])/, pick(r, ['{}', '[]', 'null', '42', 'true', '[[[]]]'])),
  // One member or element (a line ending in a comma) repeated, as it is or numbered: thousands of problems at once.
  manyMembers: (t, r) => {
    const lines = t.split('\n');
    // Short lines only: a giant string repeated thousands of times would not fit in memory.
    const candidates = lines.flatMap((line, i) => (line.length <= 200 && /^\s*"[^"]*"(\s*:\s*[^{[]*)?,\s*$/.test(line) ? [i] : []));
    if (!candidates.length) return t;
    const i = pick(r, candidates);
    const numbered = r() < 0.5;
    const copies = Array.from({ length: pick(r, [500, 3000]) }, (_, k) => (numbered ? lines[i].replace(/"([^"]*)"/, `"$1${k}"`) : lines[i]));
    return [...lines.slice(0, i), ...copies, ...lines.slice(i)].join('\n');
  },
  // jsonc-parser's error recovery nests deeper than these brackets count (#19.2).
  recoveryNesting: (t, r) => { const i = at(r, t); return t.slice(0, i) + '[},'.repeat(pick(r, [100, 3000])) + t.slice(i); },
  // A string an attacker chose: Markdown that would fetch a URL if a hover rendered it, or terminal escapes.
  hostileString: (t, r) => t.replace(/"(?:[^"\\]|\\.)*"(?=\s*[,}\]])/, pick(r, [
    '"![x](https://attacker.example/x.png)"', '"<img src=https://attacker.example/i>"', '"[l](https://attacker.example/l)"',
    '"e\\u001b]0;TITLE\\u0007\\u001b[2J"', '"1.15.0![v](https://attacker.example/v.png)"',
  ])),
  hostileKey: (t) => t.replace(/\{/, '{"![k](https://attacker.example/k)": 1, "e\\u001b[2J": 2, '),
  // Output that grows as conditions × fields × key length unless every message is bounded (#19.1).
  launchFormBomb: (t, r) => {
    const fields = Array.from({ length: pick(r, [50, 400]) }, (_, i) => ({ key: `${'k'.repeat(100)}${i}`, display_if: Array.from({ length: 15 }, () => ({ key: 'nope', value_regex: 'x' })) }));
    return t.replace(/\{/, `{"launch_config": ${JSON.stringify({ file_mapping: { destination: '/x' }, launch_form: fields })}, `);
  },
};

const HEAVY = new Set(['giantString', 'deepNesting', 'manyMembers', 'recoveryNesting', 'launchFormBomb']);

/** `count` documents, each one to three mutations of a seed document; reproducible from `seed`. */
export function* mutatedDocuments(
  seeds: string[], count: number, seed: number,
): Generator<{ text: string; mutations: string[]; index: number }> {
  const random = seeded(seed);
  const names = Object.keys(MUTATIONS);
  for (let index = 0; index < count; index++) {
    let text = pick(random, seeds);
    const mutations: string[] = [];
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      let name = pick(random, names);
      if (HEAVY.has(name) && random() < 0.8) name = 'cut';
      mutations.push(name);
      text = MUTATIONS[name](text, random);
    }
    yield { text, mutations, index };
  }
}
