/**
 * Every subscription operation, over graphql-ws and server-sent events, runs through the
 * subscription hub (src/subscriptions/hub.ts): one resolution per event and group of identical
 * subscribers, bounded queues, immediate release on complete and disconnect.
 *
 * The transport that carries the subscription is told when its subscriber fell behind: graphql-ws
 * connections bring their own (`subscriberTransport` in the initial context, src/websocket.ts);
 * a server-sent events response gets its final SUBSCRIPTION_OVERFLOW event and is destroyed if it
 * has not drained `sseDrainMs` later (a client that does not read holds no socket for long).
 */
import type { ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../metrics.js';
import type { SubscriberTransport, SubscriptionHub } from '../subscriptions/hub.js';

/** Default time a server-sent events response that fell behind gets to drain before it is destroyed. */
export const SSE_DRAIN_MS = 5_000;

function sseTransport(res: ServerResponse, drainMs: number, options: FanOutOptions): SubscriberTransport {
  let told = false;
  return {
    name: 'sse',
    tooSlow() {
      if (told) return;
      told = true;
      options.metrics.slowClients.inc({ transport: 'sse' });
      options.logger.warn({ code: 'SUBSCRIPTION_OVERFLOW', transport: 'sse' }, 'server-sent events subscriber fell behind; its stream was ended');
      setTimeout(() => {
        if (!res.writableFinished) res.destroy();
      }, drainMs).unref();
    },
  };
}

export interface FanOutOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  /** How long a server-sent events response that fell behind may take to drain; default 5 000 ms. */
  sseDrainMs?: number;
}

export function useSubscriptionFanOut(hub: SubscriptionHub, options: FanOutOptions): Plugin {
  const drainMs = options.sseDrainMs ?? SSE_DRAIN_MS;
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const context = args.contextValue as { subscriberTransport?: SubscriberTransport; res?: ServerResponse };
      const transport = context.subscriberTransport ?? (context.res ? sseTransport(context.res, drainMs, options) : undefined);
      setSubscribeFn((subscribeArgs) => hub.subscribe(subscribeArgs, transport) as never);
    },
  };
}
