# shipshape as a container image (docs/decisions/0044-container-image.md).
#
#   docker build -t shipshape .
#   docker run --rm --read-only -v "$PWD:/work:ro" shipshape review k8s/ -o sarif > shipshape.sarif
#
# Stages 1 and 2 install the build's dependencies and build the package's dist/ from the sources, as `npm pack`
# does. Stage 3 is a distroless Node.js 24
# image (no shell, no package manager) holding only what runs: dist/ (the bundle and its precompiled schema
# validators), the bundled schemas and package.json. It runs as the unprivileged user 65532 with the read-only
# working directory /work for the manifests; nothing needs a writable root filesystem.
# The base images are arguments so a mirror or a pinned digest can be used.
ARG BUILD_IMAGE=node:24-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

FROM ${BUILD_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the build needs none, and the pinned `node` devDependency would fetch a second Node.js.
RUN ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier"]

FROM deps AS build
COPY scripts/build.ts scripts/
COPY schemas/ schemas/
COPY src/ src/
# The cache keeps compiled schema validators between builds (scripts/build.ts reuses them).
RUN --mount=type=cache,target=/src/node_modules/.cache ["node", "scripts/build.ts"]

FROM ${RUNTIME_IMAGE}
COPY package.json README.md /opt/shipshape/
COPY --from=build /src/schemas/index.json /src/schemas/README.md /opt/shipshape/schemas/
COPY --from=build /src/schemas/kubernetes.jsonl.gz /opt/shipshape/schemas/
COPY --from=build /src/dist/ /opt/shipshape/dist/
WORKDIR /work
USER 65532:65532
# Colour only on a terminal anyway; results on stdout, progress on stderr, exit codes as documented.
# A 16 MiB young generation keeps a 100,000-object review under 500 MiB (decision 0046); it costs no start-up.
ENTRYPOINT ["/nodejs/bin/node", "--max-semi-space-size=16", "/opt/shipshape/dist/shipshape.js"]
CMD ["--help"]
