/**
 * How an expected failure is logged: one line with a stable `code` and a short message, no stack.
 * Expected failures are the environment misbehaving (a client sending a bad frame, Redis or the
 * Dashboard down); stacks are kept for bugs, which are logged with `{ err }` as before.
 */

/** `{ code, error }` for a log line about an expected failure of `error`; `fallbackCode` when it has none. */
export function expectedFailure(error: unknown, fallbackCode = 'ERROR'): { code: string; error: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: typeof code === 'string' && code ? code : typeof name === 'string' && name !== 'Error' ? name : fallbackCode,
    // The first line only, and bounded: messages of network errors can carry a whole response.
    error: message.split('\n', 1)[0]!.slice(0, 200),
  };
}
