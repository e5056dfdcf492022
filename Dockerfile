# portal-graph: the compiled gateway on Node 24 LTS, as a non-root user, node as PID 1.
# The same steps test/ops/production.test.ts replays without Docker: build → npm ci --omit=dev →
# node dist/main.js. Build: docker build -t portal-graph .
ARG NODE_VERSION=24

# 1. Build: every dependency, then src → dist (tsconfig.build.json: the runtime only).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Runtime dependencies only: no tsx, no TypeScript, no test tools.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The image: dist and node_modules, owned by root and read-only to the `node` user it runs as.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORTAL_GRAPH_HOST=0.0.0.0 \
    PORTAL_GRAPH_PORT=4000 \
    NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# No curl in the slim image: node's own fetch asks /livez.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORTAL_GRAPH_PORT || 4000) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself; src/main.ts handles SIGTERM and SIGINT
# (drain, then exit 0). It starts no child processes, so there is nothing for an init to reap.
# Give the runtime a stop timeout above PORTAL_GRAPH_DRAIN_DELAY_MS + PORTAL_GRAPH_SHUTDOWN_GRACE_MS (15 s by default).
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
