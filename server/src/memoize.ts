/**
 * `compute` with its answers kept by argument, for pure functions the rules call with the same strings on every
 * keystroke (version strings, image references) and for tables derived once per schema version. Starts over past
 * `limit` answers, so typing cannot grow it.
 */
export function memoize<K extends string, R>(compute: (key: K) => R, limit = 2000): (key: K) => R {
  const answers = new Map<K, R>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      if (answers.size >= limit) answers.clear();
      answers.set(key, answer = compute(key));
    }
    return answer as R;
  };
}
