# rpscreen: common developer tasks. CI runs .ci/run, which does the same checks.

GO          ?= go
BINARY      ?= rpscreen
PKG         := ./cmd/rpscreen
VERSION     ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -s -w -X main.version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
IMAGE       ?= rpscreen:$(VERSION)

.PHONY: all run test lint fmt vet staticcheck bench build docker clean

all: lint test build

## run: serve with the embedded default configuration on :8080
run:
	$(GO) run $(PKG) serve

## test: every test, with the race detector
test:
	$(GO) test -race ./...

## lint: gofmt, go vet, staticcheck
lint: fmt vet staticcheck

fmt:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) run $(STATICCHECK) ./...

## bench: benchmarks only, with allocations
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## build: a static, reproducible binary ./rpscreen
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BINARY) $(PKG)

## docker: the container image
docker:
	docker build --build-arg VERSION=$(VERSION) -t $(IMAGE) .

clean:
	rm -f $(BINARY) coverage.out coverage.html
