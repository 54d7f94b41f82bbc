# syntax=docker/dockerfile:1
# The admin app as a container: `docker build -t org-inviter .`, then see compose.example.yaml and the
# README ("Self-hosting"). Multi-stage (https://docs.docker.com/build/building/multi-stage/): the runtime
# image holds only Next's standalone server (https://nextjs.org/docs/app/api-reference/config/next-config-js/output),
# runs as an unprivileged user and reports its liveness on /api/health.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node_modules/.bin/next build && bash scripts/assemble-standalone.sh /app/dist

# `docker build --target migrate`: the explicit migration step (`npm run migrate`), for a deploy that
# should stop before any instance starts when a migration fails. Instances also migrate when they start.
FROM build AS migrate
CMD ["npm", "run", "migrate"]

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container id, and the standalone server listens on it.
# NEXT_MANUAL_SIG_HANDLE: SIGTERM is ours (instrumentation.ts), so bulk jobs and the store are released.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NEXT_MANUAL_SIG_HANDLE=true \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data/pglite
RUN groupadd --system --gid 1001 inviter \
 && useradd --system --uid 1001 --gid inviter --home-dir /app --shell /usr/sbin/nologin inviter \
 && mkdir -p /data \
 && chown inviter:inviter /data
# The code stays root's and read-only to the app; only /data (the embedded store, when no DATABASE_URL) is its own.
COPY --from=build /app/dist ./
USER inviter
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node itself is PID 1 and receives SIGTERM, with no shell in between.
CMD ["node", "server.js"]
