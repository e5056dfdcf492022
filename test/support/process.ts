/**
 * The gateway as a real process (`npm start`, `npm run start:prod`, `node dist/main.js`): started
 * with a command, its stdout read as pino JSON lines, ready once the banner's `portal-graph ready`
 * line names its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface GatewayProcess {
  child: ChildProcess;
  /** GraphQL endpoint URL, from the banner. */
  url: string;
  /** Process id of the gateway's node (from the banner; under npm it is npm's child). */
  pid: number;
  /** Every JSON line written to stdout so far. */
  lines: Record<string, unknown>[];
  /** Text written to stdout that was not JSON, and to stderr. */
  other: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once a line matching `test` was written, or rejects after `timeoutMs`. */
  waitForLine(test: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function startGatewayProcess(command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined>; readyTimeoutMs?: number }): Promise<GatewayProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let other = '';
  let pending = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += String(chunk);
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const text of complete) {
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        other += `${text}\n`;
      }
    }
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => (other += String(chunk)));
  // A command that cannot be started emits no 'exit': report it as one.
  child.once('error', (error) => {
    other += `${error.message}\n`;
    child.emit('exit', null, null);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLine = (test: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = lines.find(test);
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such line within ${timeoutMs} ms; stdout/stderr:\n${other}\n${JSON.stringify(lines).slice(0, 2_000)}`));
      }, timeoutMs);
      const onExit = () => {
        done();
        reject(new Error(`exited before such a line; stdout/stderr:\n${other}\n${JSON.stringify(lines).slice(0, 2_000)}`));
      };
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.once('exit', onExit);
      check();
    });

  return waitForLine((line) => line['msg'] === 'portal-graph ready', options.readyTimeoutMs ?? 30_000).then((ready) => ({
    child,
    url: String(ready['url']),
    pid: Number(ready['pid']),
    lines,
    other: () => other,
    exited,
    waitForLine,
  }));
}

/** Whether a process id is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 20 ms until it holds, or fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
