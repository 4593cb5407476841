/**
 * How the operator's command-line tools end on an error: one they expect (a refusal, a bad
 * configuration, a missing key) already says what to do, so its own message is printed; anything
 * else is printed after `failed` ("building the package failed: …").
 */
type ErrorClass = abstract new (...args: never[]) => Error;

export function printFailure(
  error: unknown,
  expected: ErrorClass[],
  failed: (detail: string) => string,
): void {
  if (expected.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
  } else {
    console.error(failed(`${(error as Error).message ?? String(error)}`));
  }
}
