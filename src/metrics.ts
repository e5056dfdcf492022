/**
 * The gateway's Prometheus metrics, on prom-client: the gateway's own metrics in a registry per
 * server, and prom-client's default process and Node.js metrics (CPU, RSS, heap, event-loop lag,
 * GC, handles) once per process. `render()` gives the text exposition format (0.0.4) for /metrics.
 *
 * Every label is bounded, whatever callers send:
 * - label values come from code (route templates, operation types, outcomes) or, for operation
 *   names, from OperationNameLabels (manifest names and a capped set of first-seen names, else
 *   `other`);
 * - and as a second line of defence each metric keeps at most `MAX_SERIES_PER_METRIC` label sets;
 *   any further one is counted under every label `other`.
 *
 * To add a metric, add a field to GatewayMetrics (`new Counter(name, help)`, `new Counter(name,
 * help, 'gauge')` or `new Histogram(name, help, buckets)`): it is registered and rendered on its own.
 */
import { collectDefaultMetrics, Gauge as PromGauge, Counter as PromCounter, Histogram as PromHistogram, Registry } from 'prom-client';

type Labels = Record<string, string>;

/** Most label sets one metric keeps; further ones are folded into a single `other` series. */
export const MAX_SERIES_PER_METRIC = 2_000;
/** Label value of whatever a bound folded away. */
export const OTHER = 'other';

/** Label sets seen by one metric, capped: past the cap, unseen sets become all-`other`. */
class SeriesBound {
  readonly #seen = new Set<string>();
  bounded(labels: Labels): Labels {
    const keys = Object.keys(labels);
    if (keys.length === 0) return labels;
    const id = keys.map((k) => `${k}\u0000${labels[k]}`).join('\u0001');
    if (this.#seen.has(id)) return labels;
    if (this.#seen.size < MAX_SERIES_PER_METRIC) {
      this.#seen.add(id);
      return labels;
    }
    return Object.fromEntries(keys.map((k) => [k, OTHER]));
  }
}

/** Something GatewayMetrics registers in its registry. */
interface Registrable {
  attach(registry: Registry): void;
}

/**
 * A counter or a gauge with labels. The prom-client metric is created on first use, with the
 * label names of that use, so callers never declare label names twice.
 */
export class Counter implements Registrable {
  #metric: PromCounter<string> | PromGauge<string> | undefined;
  #registry: Registry | undefined;
  readonly #bound = new SeriesBound();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' = 'counter',
  ) {}

  attach(registry: Registry): void {
    this.#registry = registry;
  }

  #of(labels: Labels) {
    if (!this.#metric) {
      const config = { name: this.name, help: this.help, labelNames: Object.keys(labels), registers: this.#registry ? [this.#registry] : [] };
      this.#metric = this.type === 'gauge' ? new PromGauge(config) : new PromCounter(config);
    }
    return this.#metric;
  }

  /** Adds `by` (a gauge may go down: `by` < 0). */
  inc(labels: Labels = {}, by = 1): void {
    const metric = this.#of(labels);
    const bounded = this.#bound.bounded(labels);
    if (metric instanceof PromGauge) metric.inc(bounded, by);
    else metric.inc(bounded, by);
  }

  /** Sets a gauge's value (a counter's too, for compatibility: prefer `inc`). */
  set(labels: Labels, value: number): void {
    const metric = this.#of(labels);
    const bounded = this.#bound.bounded(labels);
    if (metric instanceof PromGauge) metric.set(bounded, value);
    else {
      metric.remove(bounded);
      metric.inc(bounded, value);
    }
  }
}

/** A histogram with labels, created on first use like Counter. */
export class Histogram implements Registrable {
  #metric: PromHistogram<string> | undefined;
  #registry: Registry | undefined;
  readonly #bound = new SeriesBound();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
  ) {}

  attach(registry: Registry): void {
    this.#registry = registry;
  }

  observe(labels: Labels, value: number): void {
    this.#metric ??= new PromHistogram({ name: this.name, help: this.help, buckets: this.buckets, labelNames: Object.keys(labels), registers: this.#registry ? [this.#registry] : [] });
    this.#metric.observe(this.#bound.bounded(labels), value);
  }
}

/**
 * Operation names as label values: a name from the trusted documents manifest always, any other
 * name only if it is among the first `cap` distinct names seen (default 100), else `other`. So an
 * anonymous caller inventing names cannot grow /metrics (or the span names) without limit.
 */
export class OperationNameLabels {
  readonly #known: ReadonlySet<string>;
  readonly #seen = new Set<string>();
  readonly #cap: number;
  constructor({ known = [], cap = 100 }: { known?: Iterable<string>; cap?: number } = {}) {
    this.#known = new Set(known);
    this.#cap = cap;
  }

  label(name: string): string {
    if (this.#known.has(name) || this.#seen.has(name)) return name;
    if (this.#seen.size >= this.#cap) return OTHER;
    this.#seen.add(name);
    return name;
  }
}

let processRegistry: Registry | undefined;
/** prom-client's default process and Node.js metrics, collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Gauge values of the circuit states. */
export const CIRCUIT_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Content type of `render()`'s text. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface GatewayMetricsOptions {
  /** Operation names always used as labels (the trusted documents manifest's). */
  knownOperationNames?: Iterable<string>;
  /** How many other distinct operation names become labels before the rest are `other`; default 100. */
  maxOperationNames?: number;
}

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
  readonly subscriptions = new Counter('portal_graph_subscriptions', 'Subscriptions open, over graphql-ws and server-sent events.', 'gauge');
  readonly subscriptionGroups = new Counter('portal_graph_subscription_groups', 'Groups of identical subscriptions, each resolving an event once.', 'gauge');
  readonly subscriptionOverflows = new Counter('portal_graph_subscription_overflows_total', 'Subscriptions ended because more events waited for them than allowed, by transport.');
  readonly slowClients = new Counter('portal_graph_slow_clients_closed_total', 'Connections closed because the client did not read what it was sent, by transport.');
  readonly jitCompilations = new Counter('portal_graph_jit_compilations_total', 'Query operations compiled by graphql-jit, by outcome (failed: left on graphql-js).');
  readonly circuit = new Counter('portal_graph_upstream_circuit_state', 'Circuit breaker per upstream route group: 0 closed, 1 half-open, 2 open.', 'gauge');
  readonly developerIndexEntries = new Counter('portal_graph_developer_index_entries', 'Developer rows held by the shared developer index, all credentials.', 'gauge');
  readonly developerIndexBytes = new Counter('portal_graph_developer_index_bytes', 'Estimated heap bytes of the shared developer index.', 'gauge');
  readonly developerIndexCredentials = new Counter('portal_graph_developer_index_credentials', 'Credentials with a shared developer index.', 'gauge');
  readonly keyRequestIndexEntries = new Counter('portal_graph_key_request_index_entries', 'Key request rows held by the shared key request index, all credentials.', 'gauge');
  readonly keyRequestIndexCredentials = new Counter('portal_graph_key_request_index_credentials', 'Credentials with a shared key request index.', 'gauge');
  readonly emails = new Counter('portal_graph_emails_total', 'Emails by kind (password_reset, signup_notice) and outcome (sent, failed, dropped: the outbox was full).');

  /** Bounded operation names for labels (and span names). */
  readonly operationNames: OperationNameLabels;
  readonly #registry = new Registry();

  constructor(options: GatewayMetricsOptions = {}) {
    this.operationNames = new OperationNameLabels({ known: options.knownOperationNames, cap: options.maxOperationNames });
    for (const field of Object.values(this)) if (field instanceof Counter || field instanceof Histogram) field.attach(this.#registry);
    this.openSockets.set({}, 0);
    this.openOperations.set({}, 0);
    this.draining.set({}, 0);
    this.subscriptions.set({}, 0);
    this.subscriptionGroups.set({}, 0);
    processMetrics();
  }

  /** Prometheus text: this server's metrics, then the process's. */
  async render(): Promise<string> {
    const [own, process] = await Promise.all([this.#registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${process}`;
  }
}

/** An upstream status as a label: the 3-digit code, or `none` when no answer came. */
export function statusLabel(status: number | undefined): string {
  if (status === undefined) return 'none';
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : OTHER;
}
