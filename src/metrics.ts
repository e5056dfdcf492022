/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format (version 0.0.4) at /metrics. Label values are bounded by the callers (route
 * templates, operation types, sanitised operation names), never raw input.
 */

type Labels = Record<string, string>;

// Label values rarely need escaping; testing first keeps the per-call path free of three regex replaces.
const NEEDS_ESCAPE = /[\\"\n]/;
const escape = (value: string) => (NEEDS_ESCAPE.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value);
const labelText = (labels: Labels) => {
  const keys = Object.keys(labels);
  return keys.length ? `{${keys.map((k) => `${k}="${escape(labels[k]!)}"`).join(',')}}` : '';
};

interface Series {
  labels: Labels;
  value: number;
}

class Counter {
  readonly #series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' = 'counter',
  ) {}
  inc(labels: Labels = {}, by = 1) {
    const key = labelText(labels);
    const series = this.#series.get(key) ?? { labels, value: 0 };
    series.value += by;
    this.#series.set(key, series);
  }
  set(labels: Labels, value: number) {
    this.#series.set(labelText(labels), { labels, value });
  }
  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`, ...[...this.#series.values()].map((s) => `${this.name}${labelText(s.labels)} ${s.value}`)];
  }
}

class Histogram {
  readonly #series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
  ) {}
  observe(labels: Labels, value: number) {
    const key = labelText(labels);
    const series = this.#series.get(key) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, i) => {
      if (value <= bound) series.counts[i]! += 1;
    });
    series.sum += value;
    series.count += 1;
    this.#series.set(key, series);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.#series.values()) {
      this.buckets.forEach((bound, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(bound) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`, `${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines;
  }
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Gauge values of the circuit states. */
export const CIRCUIT_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** The gateway's metrics. */
export class GatewayMetrics {
  readonly operations = new Counter('portal_graph_operations_total', 'GraphQL operations by type, name and outcome.');
  readonly operationSeconds = new Histogram('portal_graph_operation_duration_seconds', 'GraphQL operation duration.', SECONDS);
  readonly upstreamCalls = new Counter('portal_graph_upstream_requests_total', 'Tyk Dashboard HTTP attempts by method, route template and status.');
  readonly upstreamSeconds = new Histogram('portal_graph_upstream_request_duration_seconds', 'Tyk Dashboard HTTP attempt duration by route template.', SECONDS);
  readonly loaderBatch = new Histogram('portal_graph_loader_batch_size', 'Keys per DataLoader batch, by loader.', [1, 2, 5, 10, 25, 50, 100, 250]);
  readonly openSockets = new Counter('portal_graph_websocket_connections', 'Open graphql-ws connections.', 'gauge');
  readonly openOperations = new Counter('portal_graph_websocket_operations', 'Operations (subscriptions) running over graphql-ws.', 'gauge');
  readonly draining = new Counter('portal_graph_draining', '1 while the process is shutting down.', 'gauge');
  readonly jitCompilations = new Counter('portal_graph_jit_compilations_total', 'Query operations compiled by graphql-jit, by outcome (failed: left on graphql-js).');
  readonly circuit = new Counter('portal_graph_upstream_circuit_state', 'Circuit breaker per upstream route group: 0 closed, 1 half-open, 2 open.', 'gauge');
  readonly emails = new Counter('portal_graph_emails_total', 'Emails by kind (password_reset, signup_notice) and outcome (sent, failed, dropped: the outbox was full).');

  constructor() {
    this.openSockets.set({}, 0);
    this.openOperations.set({}, 0);
    this.draining.set({}, 0);
  }

  render(): string {
    const all = [this.operations, this.operationSeconds, this.upstreamCalls, this.upstreamSeconds, this.loaderBatch, this.jitCompilations, this.circuit, this.emails, this.openSockets, this.openOperations, this.draining];
    return `${all.flatMap((m) => m.render()).join('\n')}\n`;
  }
}
