/** Keys longer than this are computed each time: nothing the rules look up twice per keystroke is this long. */
const MAX_KEY_LENGTH = 256;

/**
 * `compute` with its answers kept by argument, for pure functions the rules call with the same strings on every
 * keystroke (version strings, image references) and for tables derived once per schema version. Starts over past
 * `limit` answers, so typing cannot grow it.
 *
 * A key is kept as a copy of its own: strings cut from a document (jsonc-parser's values) are slices that keep the
 * whole document text alive, and a long fuzz run kept gigabytes of old documents through 2,000 such keys.
 */
export function memoize<K extends string, R>(compute: (key: K) => R, limit = 2000): (key: K) => R {
  const answers = new Map<string, R>();
  return (key) => {
    if (key.length > MAX_KEY_LENGTH) return compute(key);
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      if (answers.size >= limit) answers.clear();
      // join builds a new flat string, which refers to no document.
      const own = [...key].join('') as K;
      answers.set(own, answer = compute(own));
    }
    return answer as R;
  };
}
