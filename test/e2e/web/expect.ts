// The few assertions the web suite needs: node:assert does not exist in a browser's extension host.
export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message = `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`): void {
  if (actual !== expected) throw new Error(message);
}

export function notEqual<T>(actual: T, unexpected: T, message = `expected anything but ${JSON.stringify(unexpected)}`): void {
  if (actual === unexpected) throw new Error(message);
}

export function match(actual: string, pattern: RegExp): void {
  if (!pattern.test(actual)) throw new Error(`${JSON.stringify(actual.slice(0, 500))} does not match ${String(pattern)}`);
}
