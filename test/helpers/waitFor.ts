/**
 * Polls until `probe` gives something, for at most `timeoutMs`: then it fails naming what it waited for. Every poll
 * of the tests goes through it, so that no test can hang (#31.3): a mutant that stops an answer fails in seconds.
 */
export async function waitFor<T>(
  what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30000, intervalMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
