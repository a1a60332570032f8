#!/usr/bin/env python3
"""pandas competitor for bench/csv_to_sqlite.sh: the same job as retail-edge, as one process.

Reads every transactions-*.csv in DIR with read_csv, aggregates per (date, store_id,
product_id) with groupby and writes fact_sales_daily into the SQLite file DB with
sqlite3.executemany in one transaction.

    python3 bench/pandas_csv_to_sqlite.py DIR DB     (needs: pip install pandas)
"""
import glob
import os
import sqlite3
import sys

import pandas as pd

DDL = """CREATE TABLE fact_sales_daily (
  date TEXT NOT NULL, store_id TEXT NOT NULL, product_id TEXT NOT NULL,
  units REAL NOT NULL, revenue REAL NOT NULL, lines INTEGER NOT NULL,
  PRIMARY KEY (date, store_id, product_id)
) WITHOUT ROWID"""

DTYPES = {"ts": str, "store_id": str, "product_id": str, "units": "int64", "unit_price": "float64"}


def main(src_dir: str, db_path: str) -> None:
    files = sorted(glob.glob(os.path.join(src_dir, "transactions-*.csv")))
    df = pd.concat((pd.read_csv(f, dtype=DTYPES) for f in files), ignore_index=True)
    df["date"] = pd.to_datetime(df["ts"], format="%Y-%m-%dT%H:%M:%S").dt.normalize()
    df["revenue"] = df["units"] * df["unit_price"]
    daily = (df.groupby(["date", "store_id", "product_id"], sort=False)
               .agg(units=("units", "sum"), revenue=("revenue", "sum"), lines=("units", "size"))
               .reset_index())
    daily["date"] = daily["date"].dt.strftime("%Y-%m-%d")
    daily["units"] = daily["units"].astype("float64")
    rows = list(daily.itertuples(index=False, name=None))
    out = sqlite3.connect(db_path)
    with out:
        out.execute(DDL)
        out.executemany("INSERT INTO fact_sales_daily VALUES (?, ?, ?, ?, ?, ?)", rows)
    out.close()
    print(f"pandas {pd.__version__}: {len(rows)} rows from {len(df)} transactions", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
