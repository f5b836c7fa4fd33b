# The two commands: `make run` and `make test`. Both bring up PostgreSQL and
# Redis themselves (scripts/with-services.sh) unless DATABASE_URL / REDIS_URL
# point at running ones.
BIN := bin/firebreak
WITH_SERVICES := scripts/with-services.sh --

.PHONY: run test faults build generate check apikey fuzz console

## run: serve the API (and workers) on :8080 with local PostgreSQL and Redis
run: build
	$(WITH_SERVICES) $(BIN) all

## test: the console's type check and tests, then every test against real PostgreSQL and Redis
test:
	scripts/console.sh check
	FIREBREAK_NEED_BROWSER=1 FIREBREAK_NEED_CLIENTS=1 FIREBREAK_NEED_ALERTMANAGER=1 FIREBREAK_NEED_PROMTOOL=1 $(WITH_SERVICES) go test -count=1 ./...

## faults: the slow fault tests — API replicas and workers behind HAProxy, one of each killed
faults:
	FIREBREAK_FAULTS=1 FIREBREAK_NEED_HAPROXY=1 $(WITH_SERVICES) go test -count=1 -timeout 10m -run 'TestReplicasBehindHAProxy' ./test/smoke/

build:
	go build -o $(BIN) ./cmd/firebreak

## apikey: print a new key, e.g. make -s apikey NAME=Alice ROLE=RESPONDER EMAIL=alice@example.com
apikey: build
	@$(WITH_SERVICES) $(BIN) apikey create --name "$(NAME)" --role "$(ROLE)" $(if $(EMAIL),--email "$(EMAIL)")

## generate: regenerate the GraphQL code from graph/*.graphqls
generate:
	go tool gqlgen generate
	go run ./cmd/firebreak schema > schema.graphql
	cd clients/genqlient && go tool genqlient genqlient.yaml

## console: rebuild the web console (web/) into internal/console/dist, from web/package-lock.json
console:
	scripts/console.sh build

## check: formatting, vet, a tidy go.mod, docs/architecture.md true to the imports, generated code in sync with the schema, the built console in sync with web/, the Helm chart, promtool on /metrics
check:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt needed"; exit 1; }
	go vet ./...
	@go mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy and commit"; exit 1; }
	go test -count=1 -run 'TestArchitectureDocListsEveryPackageWithItsImports' ./internal/app/
	go tool gqlgen generate
	cd clients/genqlient && go tool genqlient genqlient.yaml
	@git diff --exit-code -- graph/ clients/genqlient/ || { echo "generated code is stale: run make generate and commit"; exit 1; }
	scripts/console.sh build
	@test -z "$$(git status --porcelain -- internal/console/dist web/src/gql)" || { git status --porcelain -- internal/console/dist web/src/gql; echo "the built console differs from web/: run make console and commit"; exit 1; }
	scripts/check-helm.sh
	FIREBREAK_NEED_PROMTOOL=1 $(WITH_SERVICES) go test -count=1 -run 'TestMetricsExposeTheNamedSeries' ./test/smoke/

## fuzz: run the fuzz tests for a bounded number of inputs each (about 20 s here; CI: FUZZTIME=150000x)
# A count, not a duration: Go 1.26's fuzz coordinator can fail a run that found
# nothing with "context deadline exceeded" as a -fuzztime duration ends
# (golang/go#75804, fixed in Go 1.27); a count has no deadline to race.
FUZZTIME ?= 150000x
fuzz:
	go test -run XXX -fuzz FuzzGraphQLRequest -fuzztime $(FUZZTIME) ./graph
	go test -run XXX -fuzz FuzzNeutralize -fuzztime $(FUZZTIME) ./internal/document
