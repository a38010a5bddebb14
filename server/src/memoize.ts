/**
 * `compute` with its answers kept by argument, for pure functions the rules call with the same strings on every
 * keystroke (version strings, image references). Starts over past `limit` answers, so typing cannot grow it.
 */
export function memoize<R>(compute: (key: string) => R, limit = 2000): (key: string) => R {
  const answers = new Map<string, R>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      if (answers.size >= limit) answers.clear();
      answers.set(key, answer = compute(key));
    }
    return answer as R;
  };
}
