# retail-edge: the two commands of the quick start, and the rest.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
BIN := .build/release/retail-edge
DEMO_DIR ?= .demo
DEMO_API ?= 127.0.0.1:9464
UNITDIR ?= /etc/systemd/system
SYSUSERSDIR ?= /usr/lib/sysusers.d
TMPFILESDIR ?= /usr/lib/tmpfiles.d
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
# The man page's date: the commit's, so that a rebuild of the same commit is identical.
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
BUILD_TMP := .build
# Example pipelines installed to /etc/retail-edge (never overwriting an edited one).
CONFIGS := config/store.yaml config/retail.yaml config/postgres.yaml config/mysql.yaml config/kafka.yaml config/catalog.yaml

.PHONY: all demo demo-pages demo-postgres test test-configs test-contrib deps build release bench fuzz sanitize install install-files deb deb-test clean

all: release

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

## The shippable binary: the Swift runtime and Foundation linked in, C libraries Debian's.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath

## Writes demo transactions and runs config/demo.yaml once into $(DEMO_DIR)/retail.db.
demo: release
	rm -rf $(DEMO_DIR)
	@if [ -n "$$GROQ_API_KEY" ]; then \
	  $(BIN) demo-data --out $(DEMO_DIR)/transactions --bad-rows 0.0005 --expected-out $(DEMO_DIR)/expected.csv --promotions-out $(DEMO_DIR)/promotions.csv && \
	  DEMO_DIR=$(DEMO_DIR) $(BIN) run config/demo-groq.yaml --once; \
	else \
	  $(BIN) demo-data --out $(DEMO_DIR)/transactions --bad-rows 0.0005 --expected-out $(DEMO_DIR)/expected.csv --promotions-out $(DEMO_DIR)/promotions.csv --tweets-out $(DEMO_DIR)/tweets; \
	fi
	DEMO_DIR=$(DEMO_DIR) $(BIN) run config/demo.yaml --once
	@echo "busiest days in $(DEMO_DIR)/retail.db:"
	@sqlite3 -header -column $(DEMO_DIR)/retail.db \
	  "SELECT date, count(*) AS series, sum(lines) AS lines, sum(units) AS units, round(sum(revenue), 2) AS revenue FROM fact_sales_daily GROUP BY date ORDER BY revenue DESC LIMIT 5"
	@echo "tweets by intended and classified sentiment (fact_tweet):"
	@sqlite3 -header -column $(DEMO_DIR)/retail.db \
	  "SELECT intended_sentiment AS intended, sentiment AS classified, count(*) AS tweets FROM fact_tweet GROUP BY 1, 2 ORDER BY 1, 2"
	@echo "next 7 days of the best seller (fact_forecast, 80% interval):"
	@sqlite3 -header -column $(DEMO_DIR)/retail.db \
	  "SELECT f.date, s.store_name AS store, p.product_name AS product, round(f.yhat, 1) AS units, round(f.yhat_lower, 1) AS low, round(f.yhat_upper, 1) AS high, f.model FROM fact_forecast f JOIN dim_store s USING (store_id) JOIN dim_product p USING (product_id) WHERE (f.store_id, f.product_id) = (SELECT store_id, product_id FROM fact_sales_daily GROUP BY 1, 2 ORDER BY sum(revenue) DESC LIMIT 1) ORDER BY f.date LIMIT 7"
	@echo "backtest of the models on the last 3 x 30 days, beside the expected demand the sales were drawn around:"
	@sqlite3 -csv -header $(DEMO_DIR)/retail.db "SELECT date, store_id, product_id, units FROM fact_sales_daily" > $(DEMO_DIR)/daily.csv
	@$(BIN) forecast backtest --input $(DEMO_DIR)/daily.csv --horizon 30 --origins 3 --expected $(DEMO_DIR)/expected.csv

## Serves the demo's database on the status API (make demo first): the status page, the analyst
## page and the dead letters at http://$(DEMO_API)/, until Ctrl-C.
demo-pages: release
	@test -f $(DEMO_DIR)/retail.db || { echo "no $(DEMO_DIR)/retail.db: run make demo first" >&2; exit 1; }
	@{ echo "api: { listen: $(DEMO_API) }"; cat config/demo.yaml; } > $(DEMO_DIR)/demo-pages.yaml
	@echo "status http://$(DEMO_API)/  analyst http://$(DEMO_API)/analytics  dead letters http://$(DEMO_API)/dead-letters  (Ctrl-C stops)"
	DEMO_DIR=$(DEMO_DIR) $(BIN) run $(DEMO_DIR)/demo-pages.yaml

## The demo in a local PostgreSQL for Power BI Desktop: two runs of config/demo-postgres.yaml, so that
## forecasts meet actual sales; prints the read-only login (scripts/demo-postgres.sh; stop: scripts/demo-postgres.sh stop).
demo-postgres: release
	scripts/demo-postgres.sh $(BIN)

## Builds everything and runs every test: unit tests in parallel, then the integration tests
## (real processes, sockets, a browser, throwaway PostgreSQL, MariaDB, MLflow and Kafka (Tansu) servers) one at a time,
## so they never starve each other.
test: deps
	@scripts/install-deps.sh --test
	$(SWIFT) build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip IntegrationTests
	$(MAKE) --no-print-directory test-configs
	$(MAKE) --no-print-directory test-contrib
	@pg=$$(scripts/test-postgres.sh start) && my=$$(scripts/test-mariadb.sh start) && ml=$$(scripts/test-mlflow.sh start) && \
	  kafka=$$(scripts/test-kafka.sh start) && \
	  RETAIL_EDGE_TEST_PG_URL=$$pg RETAIL_EDGE_TEST_MYSQL_URL=$$my RETAIL_EDGE_TEST_MLFLOW_URI=$$ml RETAIL_EDGE_TEST_KAFKA_BROKERS=$$kafka \
	  LD_LIBRARY_PATH=$$(scripts/test-kafka.sh libdir) $(SWIFT) test --skip-build --filter IntegrationTests --no-parallel; \
	  status=$$?; scripts/test-postgres.sh stop; scripts/test-mariadb.sh stop; scripts/test-mlflow.sh stop; scripts/test-kafka.sh stop; exit $$status
	$(MAKE) --no-print-directory deb-test

## Runs the tests: sections of the shipped pipelines in process (variables set to placeholders:
## nothing is read, written or sent).
test-configs:
	DEMO_DIR=/nonexistent RETAIL_EDGE_DROP=/nonexistent RETAIL_EDGE_CATALOG=config/catalog.yaml GROQ_API_KEY=test-only \
	  DATABASE_URL=postgres://test@127.0.0.1/test .build/debug/retail-edge test --quiet \
	  config/demo.yaml config/demo-postgres.yaml config/store.yaml config/retail.yaml config/kafka.yaml config/postgres.yaml config/tweets.yaml
	RETAIL_EDGE_DROP=/nonexistent RETAIL_EDGE_CATALOG=config/catalog.yaml DATABASE_URL=mysql://test@127.0.0.1/test .build/debug/retail-edge test --quiet config/mysql.yaml

## Checks contrib/: promtool on the alert rules and their unit tests, the Grafana dashboard's JSON,
## that every metric they name is in the /metrics of the agent running config/demo.yaml, and that a
## throwaway Prometheus scraping that agent answers every query.
test-contrib:
	scripts/test-contrib.sh

## CSV → daily aggregate → SQLite against DuckDB and pandas (see bench/RESULTS.md).
bench: release
	bench/csv_to_sqlite.sh

## libFuzzer targets for every parser of outside input (fuzz/), built with AddressSanitizer into
## .build-fuzz, each run for FUZZ_SECONDS (default 60); fails on a crash, kept in .build/fuzz/TARGET
## (scripts/fuzz.sh: FUZZ_TARGETS, FUZZ_RUNS).
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## The unit tests and the end-to-end, crash, reload and Kafka tests under AddressSanitizer and
## ThreadSanitizer (.build-asan, .build-tsan); fails on any report (scripts/sanitize.sh).
sanitize: deps
	@scripts/install-deps.sh --test
	scripts/sanitize.sh

## Installs the binary, units, sysusers/tmpfiles snippets, example configs, the sentiment model,
## the man page and shell completions (PREFIX, DESTDIR, UNITDIR, ...).
install: release
	$(MAKE) --no-print-directory install-files

## What install does, without building first (scripts/build-deb.sh stages the package with it).
install-files:
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/retail-edge
	for unit in retail-edge.service retail-edge@.service retail-edge-run@.service retail-edge-run@.timer; do \
	  sed 's|/usr/local/bin/retail-edge|$(PREFIX)/bin/retail-edge|g' systemd/$$unit > $(BUILD_TMP)/$$unit && \
	  install -D -m 0644 $(BUILD_TMP)/$$unit $(DESTDIR)$(UNITDIR)/$$unit; done
	install -D -m 0644 plugins/nlp/models/sentiment-default.resm $(DESTDIR)$(PREFIX)/share/retail-edge/models/sentiment-default.resm
	install -D -m 0644 plugins/nlp/models/NOTICE $(DESTDIR)$(PREFIX)/share/retail-edge/models/NOTICE
	install -D -m 0644 plugins/nlp/models/english-common-words.txt $(DESTDIR)$(PREFIX)/share/retail-edge/models/english-common-words.txt
	install -D -m 0644 plugins/nlp/models/english-more-words.txt $(DESTDIR)$(PREFIX)/share/retail-edge/models/english-more-words.txt
	install -D -m 0644 systemd/retail-edge.sysusers $(DESTDIR)$(SYSUSERSDIR)/retail-edge.conf
	install -D -m 0644 systemd/retail-edge.tmpfiles $(DESTDIR)$(TMPFILESDIR)/retail-edge.conf
	for config in $(CONFIGS); do \
	  test -e $(DESTDIR)/etc/retail-edge/$$(basename $$config) || install -D -m 0644 $$config $(DESTDIR)/etc/retail-edge/$$(basename $$config); done
	$(BIN) --experimental-dump-help | scripts/gen-manpage.py --version "$$($(BIN) --version | cut -d' ' -f2)" --date "$(MAN_DATE)" \
	  | gzip -9n > $(BUILD_TMP)/retail-edge.1.gz
	install -D -m 0644 $(BUILD_TMP)/retail-edge.1.gz $(DESTDIR)$(MANDIR)/man1/retail-edge.1.gz
	$(BIN) --generate-completion-script bash > $(BUILD_TMP)/retail-edge.bash
	$(BIN) --generate-completion-script zsh > $(BUILD_TMP)/_retail-edge
	$(BIN) --generate-completion-script fish > $(BUILD_TMP)/retail-edge.fish
	install -D -m 0644 $(BUILD_TMP)/retail-edge.bash $(DESTDIR)$(BASHCOMPDIR)/retail-edge
	install -D -m 0644 $(BUILD_TMP)/_retail-edge $(DESTDIR)$(ZSHCOMPDIR)/_retail-edge
	install -D -m 0644 $(BUILD_TMP)/retail-edge.fish $(DESTDIR)$(FISHCOMPDIR)/retail-edge.fish

## dist/retail-edge_<version>_<arch>.deb, offline (scripts/build-deb.sh).
deb: release
	scripts/build-deb.sh $(BIN) dist

## Builds the .deb, installs it with dpkg as a store box would (as root), runs a pipeline with
## the Swift toolchain hidden, then purges it (scripts/test-deb.sh).
deb-test: deb
	scripts/test-deb.sh

clean:
	rm -rf .build $(DEMO_DIR) .demo-postgres dist
