/**
 * Expected conditions are logged as one line with a code and no stack: a client sending an
 * oversized or malformed WebSocket frame is the client's problem, not a gateway bug. (The Redis
 * outage's lines are checked in test/events/redis-outage.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { connectProtocol } from '../support/ws-protocol.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ server: { websocket: { maxPayloadBytes: 4096 } } });
});
afterAll(() => stack.stop());

function linesWith(code: string) {
  return stack.logs.filter((l) => l.includes(`"code":"${code}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('WebSocket errors a client causes', () => {
  it('log one warning line with the code for an oversized frame, without a stack, and nothing on the console', async () => {
    const consoleError = vi.spyOn(console, 'error');
    try {
      const socket = await connectProtocol(stack.url, stack.credential);
      socket.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename } # ${'x'.repeat(8000)}` } }));
      expect(await socket.closed).toBe(1009);
      await expect.poll(() => linesWith('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toHaveLength(1);
      const [line] = linesWith('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
      expect(line).toMatchObject({ level: 40, msg: 'websocket error' });
      expect(JSON.stringify(line)).not.toMatch(/stack|\\n\s+at /);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('log one line for a frame that is not valid UTF-8', async () => {
    const consoleError = vi.spyOn(console, 'error');
    try {
      const socket = await connectProtocol(stack.url, stack.credential);
      // A text frame whose payload is not UTF-8 (ws validates it and closes with 1007).
      socket.socket.send(Buffer.from([0xff, 0xfe, 0xfd]), { binary: false });
      expect(await socket.closed).toBe(1007);
      await expect.poll(() => linesWith('WS_ERR_INVALID_UTF8')).toHaveLength(1);
      expect(JSON.stringify(linesWith('WS_ERR_INVALID_UTF8'))).not.toMatch(/stack|\\n\s+at /);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });
});
