# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with the dev dependencies, ship dist/ with the production
# ones only. The build context is cut down to what the COPY lines name (.dockerignore), so the
# stand-ins (sandbox/), the tests and deploy/'s secrets never reach the builder.

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
# Owned by root: the node user runs the code but cannot change it.
COPY --from=build /app/dist ./dist
# The embedded database (MONGODB_URI unset) keeps its data here; production sets MONGODB_URI.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
# Only PORT: the metrics listener (METRICS_PORT, 9464) is not exposed, so `docker run -P` never
# publishes it; deploy/compose.yaml reaches it over an internal network.
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
