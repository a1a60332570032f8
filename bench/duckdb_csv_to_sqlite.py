#!/usr/bin/env python3
"""DuckDB competitor for bench/csv_to_sqlite.sh: the same job as retail-edge, as one process.

Reads every transactions-*.csv in DIR with read_csv, aggregates per (date, store_id,
product_id) and writes fact_sales_daily into the SQLite file DB. It writes through DuckDB's
sqlite extension when that loads; otherwise (the extension must be downloaded, and this
bench machine cannot download it) it fetches the aggregated rows through the
Python API and inserts them with sqlite3.executemany in one transaction. The path taken is
printed to stderr.

    python3 bench/duckdb_csv_to_sqlite.py DIR DB     (needs: pip install duckdb)
"""
import os
import sqlite3
import sys

import duckdb

DDL = """CREATE TABLE fact_sales_daily (
  date TEXT NOT NULL, store_id TEXT NOT NULL, product_id TEXT NOT NULL,
  units REAL NOT NULL, revenue REAL NOT NULL, lines INTEGER NOT NULL,
  PRIMARY KEY (date, store_id, product_id)
) WITHOUT ROWID"""

QUERY = """
SELECT strftime(CAST(ts AS DATE), '%Y-%m-%d') AS date, store_id, product_id,
       CAST(sum(units) AS DOUBLE) AS units, sum(units * unit_price) AS revenue,
       count(*) AS lines
FROM read_csv(?, header = true, columns = {
    'ts': 'TIMESTAMP', 'store_id': 'VARCHAR', 'product_id': 'VARCHAR',
    'units': 'BIGINT', 'unit_price': 'DOUBLE'})
GROUP BY ALL
"""


def main(src_dir: str, db_path: str) -> None:
    glob = os.path.join(src_dir, "transactions-*.csv")
    con = duckdb.connect()
    # Only an already-installed extension: LOAD would otherwise try (and here fail) to download it.
    installed = con.execute("SELECT count(*) FROM duckdb_extensions() "
                            "WHERE extension_name = 'sqlite_scanner' AND installed").fetchone()[0]
    if not installed:
        rows = con.execute(QUERY, [glob]).fetchall()
        out = sqlite3.connect(db_path)
        with out:
            out.execute(DDL)
            out.executemany("INSERT INTO fact_sales_daily VALUES (?, ?, ?, ?, ?, ?)", rows)
        out.close()
        print(f"duckdb {duckdb.__version__}: {len(rows)} rows via fetchall + sqlite3.executemany "
              "(sqlite extension not installed)", file=sys.stderr)
        return
    con.execute("LOAD sqlite")
    con.execute("ATTACH '{}' AS out (TYPE sqlite)".format(db_path.replace("'", "''")))
    con.execute(DDL.replace("fact_sales_daily", "out.fact_sales_daily").replace(" WITHOUT ROWID", ""))
    n = con.execute(f"INSERT INTO out.fact_sales_daily {QUERY}", [glob]).fetchone()[0]
    print(f"duckdb {duckdb.__version__}: {n} rows via the sqlite extension", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
