# syntax=docker/dockerfile:1
# The kube-responder proxy image (the `kube-responder` CLI on Node 22): production dependencies only, on
# distroless, as a non-root user; runs with a read-only root filesystem (tsx caches in /tmp, an emptyDir).

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing here needs one (esbuild's binary comes as an optional dependency package).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM gcr.io/distroless/nodejs22-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY lib ./lib
COPY infra/cli ./infra/cli
COPY infra/proxy ./infra/proxy
USER 65532:65532
EXPOSE 8080
# In a pod the proxy uses the in-cluster service account; the chart mounts the keys and the policy.
ENTRYPOINT ["/nodejs/bin/node", "infra/cli/bin.mjs"]
CMD ["proxy", "--host=0.0.0.0", "--port=8080", "--secret-file=/etc/kube-responder/keys/keys"]
