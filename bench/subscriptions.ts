/**
 * `npm run bench:subscriptions`: 1 000 and 5 000 concurrent graphql-ws subscribers (one WebSocket
 * each) of the README's subscription on one gateway process.
 *
 * - The gateway runs in this process, the embedded Dashboard on its own thread
 *   (bench/dashboard-thread.ts), the subscribers in a child process (bench/subscription-clients.ts):
 *   heap and latency are the gateway's, not the clients'.
 * - Each event is an `addKey` mutation sent to the gateway; latency runs from the moment the
 *   mutation is sent (and, separately, from its response) to each subscriber's `next` message,
 *   both clocks being the machine's (epoch ms with sub-ms precision).
 * - Heap per idle subscription: the gateway's heap after GC with every subscriber connected and
 *   subscribed, minus before, over the count (server side of the socket included).
 * - Upstream calls per event: what the Dashboard answered during the event (the mutation's own
 *   calls included), the same at every size when fan-out resolves an event once.
 * - Process CPU per event: this process's CPU (gateway and Dashboard thread) from the first
 *   mutation to the last delivery, over the events; how much of it the kernel spent (socket writes).
 * Writes bench/SUBSCRIPTIONS.md. BENCH_SUBSCRIBERS (default 1000,5000), BENCH_EVENTS (default 10),
 * BENCH_PER_SOCKET (subscriptions per WebSocket, default 1; at most the 50 operations a connection may run).
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { pino } from 'pino';
import { buildServer } from '../src/server.js';
import { closeTykPools } from '../src/tyk/client.js';
import { DashboardThread } from './dashboard-thread.js';

const SIZES = (process.env['BENCH_SUBSCRIBERS'] ?? '1000,5000').split(',').map(Number);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10);
const PER_SOCKET = Number(process.env['BENCH_PER_SOCKET'] ?? 1);
const SUBSCRIPTION = 'subscription { keyIssued { keyId developer { email } policies { name } } }';

const now = () => performance.timeOrigin + performance.now();
const gcMb = () => {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed / 1048576;
};
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** The subscriber process and a promise per message type it answers. */
function clientsProcess() {
  const child = fork(new URL('./subscription-clients.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const waiting = new Map<string, ((message: any) => void)[]>();
  child.on('message', (message: { op: string; keyId?: string }) => {
    const key = message.op === 'delivered' ? `delivered:${message.keyId}` : message.op;
    waiting.get(key)?.shift()?.(message);
  });
  const next = (key: string) => new Promise<any>((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve]));
  return { child, next, send: (message: unknown) => child.send(message as never) };
}

async function metric(url: string, name: string): Promise<number> {
  const text = await fetch(`${new URL(url).origin}/metrics`).then((r) => r.text());
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

async function run(size: number) {
  const dashboard = await DashboardThread.start(250);
  // Thousands of mutations from one credential make the events: rate limits off.
  const server = buildServer({ dashboardUrl: dashboard.url, logger: pino({ level: 'silent' }), graphiql: false, rateLimit: false });
  const url = await server.start(0);
  const credential = dashboard.credential;
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: credential }, body: JSON.stringify({ query, variables }) });
    return ((await response.json()) as { data: Record<string, any> }).data;
  };
  const policyId = (await gql('{ policies(active: true) { id } }'))['policies'][0].id as string;
  const developerId = (await gql('mutation { createDeveloper(input: { email: "bench-subscriber@example.com", password: "long-enough" }) { ... on DeveloperPayload { developer { id } } } }'))['createDeveloper'].developer.id as string;
  const issue = () => gql('mutation($d: ID!, $p: [ID!]!) { addKey(developerId: $d, policyIds: $p) { ... on IssuedKey { key { id } } } }', { d: developerId, p: [policyId] });
  await issue(); // warm-up: the mutation path and the policy cache

  const clients = clientsProcess();
  await clients.next('started');
  const before = gcMb();
  clients.send({ op: 'connect', url, credential, count: size, perSocket: PER_SOCKET, query: SUBSCRIPTION });
  const connected = await clients.next('connected');
  if (connected.count !== size) throw new Error(`only ${connected.count} of ${size} clients connected`);
  while ((await metric(url, 'portal_graph_subscriptions')) < size) await new Promise((r) => setTimeout(r, 50));
  const perSubscriptionKb = ((gcMb() - before) * 1024) / size;
  const groups = await metric(url, 'portal_graph_subscription_groups');

  const cpuBefore = process.cpuUsage();
  const sent: number[] = [];
  const responded: number[] = [];
  const issued: string[] = [];
  const calls: number[] = [];
  for (let e = 0; e < EVENTS; e++) {
    await dashboard.clearLog();
    sent.push(now());
    const data = await issue();
    responded.push(now());
    const keyId = data['addKey'].key.id as string;
    issued.push(keyId);
    const delivered = clients.next(`delivered:${keyId}`);
    clients.send({ op: 'expect', keyId, count: size });
    await Promise.race([delivered, new Promise((r) => setTimeout(r, 30_000))]);
    calls.push((await dashboard.logSummary()).count);
  }
  const cpu = process.cpuUsage(cpuBefore);
  clients.send({ op: 'report' });
  const report = (await clients.next('report')) as { arrivals: Record<string, number[]>; errors: number };
  const fromRequest = issued.flatMap((keyId, e) => (report.arrivals[keyId] ?? []).map((t) => t - sent[e]!)).sort((a, b) => a - b);
  const fromResponse = issued.flatMap((keyId, e) => (report.arrivals[keyId] ?? []).map((t) => t - responded[e]!)).sort((a, b) => a - b);
  const delivered = issued.reduce((n, keyId) => n + (report.arrivals[keyId]?.length ?? 0), 0);
  const duplicates = issued.reduce((n, keyId) => n + ((report.arrivals[keyId]?.length ?? 0) > size ? 1 : 0), 0);
  const result = {
    size,
    groups,
    delivered,
    expected: size * EVENTS,
    duplicates,
    errors: report.errors,
    requestP50: quantile(fromRequest, 0.5),
    requestP99: quantile(fromRequest, 0.99),
    requestMax: fromRequest.at(-1) ?? NaN,
    responseP50: quantile(fromResponse, 0.5),
    responseP99: quantile(fromResponse, 0.99),
    callsPerEvent: calls.reduce((a, b) => a + b, 0) / calls.length,
    cpuPerEventMs: (cpu.user + cpu.system) / 1000 / EVENTS,
    systemCpuPerEventMs: cpu.system / 1000 / EVENTS,
    perSubscriptionKb,
  };
  process.stdout.write(
    `${size} subscribers (${groups} group): delivered ${delivered}/${size * EVENTS}, ${duplicates} duplicated, ${report.errors} errors; ` +
      `mutation sent → delivery p50 ${result.requestP50.toFixed(1)} ms, p99 ${result.requestP99.toFixed(1)} ms, max ${result.requestMax.toFixed(1)} ms; ` +
      `response → delivery p50 ${result.responseP50.toFixed(1)} ms, p99 ${result.responseP99.toFixed(1)} ms; ` +
      `${result.callsPerEvent.toFixed(1)} upstream calls per event; process CPU ${result.cpuPerEventMs.toFixed(0)} ms per event (${result.systemCpuPerEventMs.toFixed(0)} ms in the kernel); ` +
      `${perSubscriptionKb.toFixed(1)} KB gateway heap per idle subscription\n`,
  );
  clients.send({ op: 'close' });
  await new Promise((r) => clients.child.once('exit', r));
  await server.stop({ graceMs: 1_000 });
  await closeTykPools();
  await dashboard.stop();
  return result;
}

/** The issue-14 latency line, from what was measured (5 000 subscribers), not from what was hoped. */
function target(r: { requestP99: number; cpuPerEventMs: number; systemCpuPerEventMs: number } | undefined): string {
  if (!r) return '- Request-to-delivery p99 under 150 ms at 5 000 subscribers: not measured in this run (BENCH_SUBSCRIBERS without 5000).';
  const met = r.requestP99 < 150;
  return (
    `- Request-to-delivery p99 under 150 ms at 5 000 subscribers: **${met ? 'met' : 'not met'}** in this run (p99 ${r.requestP99.toFixed(1)} ms). ` +
    `The gateway spends ${r.cpuPerEventMs.toFixed(0)} ms of process CPU per event, ${r.systemCpuPerEventMs.toFixed(0)} ms of it in the kernel writing 5 000 WebSocket frames (one TCP write per socket, which no user-space change removes); ` +
    'on two shared cores the deliveries also wait for the subscriber process that parses them and for other work (see the machine load above), and the p99 of 10 events includes the first, run by cold code, so the latency varies from run to run more than the CPU does.'
  );
}

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const results = [];
  for (const size of SIZES) results.push(await run(size));
  const lines = [
    '# Subscription benchmark',
    '',
    `Command: \`npm run bench:subscriptions\` (BENCH_SUBSCRIBERS=${SIZES.join(',')}, BENCH_EVENTS=${EVENTS}${PER_SOCKET === 1 ? '' : `, BENCH_PER_SOCKET=${PER_SOCKET}`}), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
    `The gateway runs in the benchmark process, the embedded Dashboard on its own thread, the subscribers (${PER_SOCKET === 1 ? 'one graphql-ws WebSocket each' : `${PER_SOCKET} subscriptions per graphql-ws WebSocket`}) in a child process.`,
    `Subscription: \`${SUBSCRIPTION}\`; each event is an \`addKey\` mutation.`,
    `Machine load (1-minute average) ${loadBefore.toFixed(1)} before and ${os.loadavg()[0]!.toFixed(1)} after the run: other work shared the cores, so latencies include waiting for them; process CPU per event is the work itself.`,
    '',
    '| subscribers | groups | delivered | mutation sent → delivery p50 ms | p99 ms | max ms | response → delivery p50 ms | p99 ms | upstream calls per event | process CPU ms per event (kernel) | gateway heap KB per idle subscription |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.size} | ${r.groups} | ${r.delivered}/${r.expected}${r.duplicates ? ` (${r.duplicates} duplicated)` : ''} | ${r.requestP50.toFixed(1)} | ${r.requestP99.toFixed(1)} | ${r.requestMax.toFixed(1)} | ${r.responseP50.toFixed(1)} | ${r.responseP99.toFixed(1)} | ${r.callsPerEvent.toFixed(1)} | ${r.cpuPerEventMs.toFixed(0)} (${r.systemCpuPerEventMs.toFixed(0)}) | ${r.perSubscriptionKb.toFixed(1)} |`,
    ),
    '',
    'Mutation sent → delivery includes the mutation itself (its upstream calls, the write). Response → delivery is negative when the event beats the response: the gateway publishes the event as soon as the new key is known, before it writes the mutation’s answer. Upstream calls per event include the mutation’s own.',
    '',
    '## Targets (issue 14) and what changed',
    '',
    '- Every event delivered once: see the delivered column.',
    '- Upstream calls per event independent of the number of subscribers: one resolution per group of identical subscribers, over one loader set per credential (`test/events/fan-out.test.ts` pins 1 and 200 subscribers). Before: one developer read per subscriber (1 003 calls per event with 1 000 subscribers).',
    '- Heap per idle subscription under 20 KB: a subscriber’s own upstream client and loaders are released once it has joined its group. Before: ≈ 56 KB (measured with the clients in the same process).',
    target(results.find((r) => r.size === 5000)),
    '- One frame write per graphql-ws subscriber: the result a group shares is formatted and serialized once, and each member\u2019s `next` frame is its id prefix, those bytes and `}` written at once (src/websocket.ts; `test/events/next-frame.test.ts` pins one serialization for 1 and 200 subscribers and graphql-ws\u2019s own frame for each). Before, graphql-ws ran the `onNext` hook, validated and serialized the whole message and allocated a promise for every subscriber and event: at 5 000, 176 ms of process CPU per event (61\u201367 ms in the kernel), p50 190\u2013200 ms, p99 500\u2013710 ms (main, same machine and command).',
    '- A socket holding several subscriptions gets one write per event for all of them (corked for the turn): with `BENCH_PER_SOCKET=25` (5 000 subscriptions over 200 sockets) process CPU per event went from 67 ms (30 in the kernel) to 37 ms (3).',
    '',
  ];
  writeFileSync(new URL('./SUBSCRIPTIONS.md', import.meta.url), lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
