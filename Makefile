# retail-edge: the two commands of the quick start, and the rest.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
BIN := .build/release/retail-edge
DEMO_DIR ?= .demo

.PHONY: all demo test deps build release bench install clean

all: release

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Writes demo transactions and runs config/demo.yaml once into $(DEMO_DIR)/retail.db.
demo: release
	rm -rf $(DEMO_DIR)
	$(BIN) demo-data --out $(DEMO_DIR)/transactions --bad-rows 0.0005
	DEMO_DIR=$(DEMO_DIR) $(BIN) run config/demo.yaml --once
	@echo "busiest days in $(DEMO_DIR)/retail.db:"
	@sqlite3 -header -column $(DEMO_DIR)/retail.db \
	  "SELECT date, count(*) AS series, sum(lines) AS lines, sum(units) AS units, round(sum(revenue), 2) AS revenue FROM fact_sales_daily GROUP BY date ORDER BY revenue DESC LIMIT 5"

## Builds everything and runs every test (unit, integration, crash).
test: deps
	$(SWIFT) build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## CSV → daily aggregate → SQLite against DuckDB and pandas (see bench/RESULTS.md).
bench: release
	bench/csv_to_sqlite.sh

install: release
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/retail-edge
	install -D -m 0644 systemd/retail-edge.service $(DESTDIR)/etc/systemd/system/retail-edge.service
	install -D -m 0644 config/retail.yaml $(DESTDIR)/etc/retail-edge/retail.yaml

clean:
	rm -rf .build $(DEMO_DIR)
