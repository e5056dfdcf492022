/**
 * The embedded Dashboard on its own thread, so benchmarks measure the gateway and the floor script
 * on one core while the upstream answers from the other, as a real Dashboard on its own machine would.
 *
 * The main thread drives it through `DashboardThread`: start with a demo size, set the added
 * latency, and read the request log (count, sequential rounds) that call-count columns come from.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createEmbeddedDashboard } from '../src/dashboard/index.js';

type Command = { op: 'setLatency'; ms: number } | { op: 'clearLog' } | { op: 'logSummary' } | { op: 'stop' };
type Started = { url: string; credential: string };
type LogSummary = { count: number; rounds: number; bytes: number };

/** The main thread's handle on a Dashboard thread. */
export class DashboardThread {
  readonly #worker: Worker;
  #pending: ((value: unknown) => void)[] = [];

  private constructor(
    worker: Worker,
    readonly url: string,
    readonly credential: string,
  ) {
    this.#worker = worker;
    worker.on('message', (value: unknown) => this.#pending.shift()?.(value));
  }

  /** Starts a Dashboard with `developers` developers in its first organisation. */
  static async start(developers: number): Promise<DashboardThread> {
    // A worker does not inherit tsx's loader: it registers it, then loads this file as TypeScript.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { developers } });
    const started = await new Promise<Started>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return new DashboardThread(worker, started.url, started.credential);
  }

  #ask<T>(command: Command): Promise<T> {
    return new Promise<T>((resolve) => {
      this.#pending.push(resolve as (value: unknown) => void);
      this.#worker.postMessage(command);
    });
  }

  setLatency(ms: number): Promise<void> {
    return this.#ask({ op: 'setLatency', ms });
  }
  clearLog(): Promise<void> {
    return this.#ask({ op: 'clearLog' });
  }
  /** Requests answered since the last clear, how many sequential rounds they formed, and their body bytes. */
  logSummary(): Promise<LogSummary> {
    return this.#ask({ op: 'logSummary' });
  }
  async stop(): Promise<void> {
    await this.#ask({ op: 'stop' });
    await this.#worker.terminate();
  }
}

async function serve(port: NonNullable<typeof parentPort>, developers: number): Promise<void> {
  const dashboard = createEmbeddedDashboard({ demoSize: { developers: [developers, 30] } });
  const url = await dashboard.start();
  port.postMessage({ url, credential: dashboard.orgs[0]!.credential } satisfies Started);
  port.on('message', async (command: Command) => {
    switch (command.op) {
      case 'setLatency':
        dashboard.setLatency(command.ms);
        return port.postMessage(null);
      case 'clearLog':
        dashboard.requestLog.clear();
        return port.postMessage(null);
      case 'logSummary':
        return port.postMessage({ count: dashboard.requestLog.count(), rounds: dashboard.requestLog.rounds(), bytes: dashboard.requestLog.bytes() } satisfies LogSummary);
      case 'stop':
        await dashboard.stop();
        return port.postMessage(null);
    }
  });
}

if (!isMainThread && parentPort) await serve(parentPort, (workerData as { developers: number }).developers);
