# Tradeoff Coach: production image. Node 24 runs our TypeScript directly; there is no build step.
# Pinned to an exact Node release so rebuilds are reproducible; bump deliberately.
FROM node:24.21.0-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; no lifecycle scripts needed by any of them.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24.21.0-slim
# tini as PID 1: forwards SIGTERM/SIGINT to node and reaps zombies ("Node.js was not designed to run as PID 1").
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
COPY --chown=node:node src ./src
COPY --chown=node:node prompts ./prompts
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Slim images have no curl: Node itself probes /healthz.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# Exec form, straight to node (npm would swallow signals).
CMD ["node", "src/main.ts"]
