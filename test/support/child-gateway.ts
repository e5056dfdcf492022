/**
 * The gateway as a real process (`src/main.ts` with the embedded Dashboard), for tests about the
 * process itself: that it survives, how it shuts down, what it logs. Never on a fixed port, never on
 * the machine's shared Redis (REDIS_URL is removed unless the test passes one).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildGateway {
  child: ChildProcess;
  url: string;
  origin: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** stdout and stderr so far. */
  output(): string;
}

export function startChildGateway(env: Record<string, string>): Promise<ChildGateway> {
  const { REDIS_URL: _shared, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...inherited, PORTAL_GRAPH_PORT: '0', PORTAL_GRAPH_LOG_LEVEL: 'warn', PORTAL_GRAPH_WATCH_INTERVAL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => (out += String(chunk)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /(http:\/\/[^\s"]+\/graphql)/.exec(out);
      if (match) resolve({ child, url: match[1]!, origin: new URL(match[1]!).origin, exited, output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${out}`)));
  });
}
