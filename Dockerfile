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
# NODE_COMPILE_CACHE: Node keeps every module type-stripped and compiled there (src/main.ts says why).
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    NODE_COMPILE_CACHE=/app/.node-compile-cache
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
COPY --chown=node:node src ./src
COPY --chown=node:node prompts ./prompts
RUN mkdir -p /data /app/.node-compile-cache && chown node:node /data /app/.node-compile-cache
VOLUME ["/data"]
USER node
# Fill the compile cache now, so even a new container's first start skips TypeScript stripping and compiling.
RUN node --input-type=module -e "for (const m of ['app', 'config', 'defer-require', 'engine-loader', 'engine/index', 'llm/index', 'logger', 'store/index']) await import('./src/' + m + '.ts')"
EXPOSE 3000
# Slim images have no curl: Node itself probes /healthz.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# Exec form, straight to node (npm would swallow signals). The flag is npm start's (scripts/startup.ts says why).
CMD ["node", "--max-semi-space-size=4", "src/main.ts"]
