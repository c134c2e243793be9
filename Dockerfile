# syntax=docker/dockerfile:1

# Build: a static binary, no cgo, paths trimmed.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=linux go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/rpscreen ./cmd/rpscreen \
 && mkdir -p /out/cache

# Run: distroless static has CA certificates (lists by https), tzdata and a
# nonroot user; no shell. The numeric USER lets runAsNonRoot verify it.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/rpscreen /rpscreen
# A writable place for fetch.cache_dir: a volume mounted here starts owned by
# the nonroot user.
COPY --from=build --chown=65532:65532 /out/cache /var/cache/rpscreen
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/rpscreen"]
CMD ["serve"]
