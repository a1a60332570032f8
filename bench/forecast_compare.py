#!/usr/bin/env python3
"""Score retail-edge's forecasts against statsforecast (AutoETS, MSTL, SeasonalNaive, AutoARIMA on
the Prophet sample), Prophet and a global XGBoost model with the pooled model's features, on the
same daily panel and holdout, in one run, as whole-panel metrics.

  forecast_compare.py --train train.csv --test test.csv --ours NAME ours.csv SECONDS [--ours ...]
                      [--prophet-series 60] [--level 0.8]

train/test: date,store_id,product_id,units (a missing day is zero sales). ours: store_id,
product_id,date,yhat,yhat_lower,yhat_upper. Metrics are pooled over every series and day:
MAE, RMSE, R2; MASE is the mean over series of MAE / the series' in-sample mean absolute
seasonal-7 difference; coverage is the share of actual values inside the interval. Prophet is
slow, so it runs on an evenly spaced sample of series, and every model is also scored on that
sample for a like-for-like row. ms/series is the whole fit+predict wall time per series.
"""
import argparse, logging, time, warnings
import numpy as np, pandas as pd

warnings.filterwarnings("ignore")
for name in ("cmdstanpy", "prophet"):
    logging.getLogger(name).setLevel(logging.ERROR)

parser = argparse.ArgumentParser()
parser.add_argument("--train", required=True); parser.add_argument("--test", required=True)
parser.add_argument("--ours", nargs=3, action="append", required=True, metavar=("NAME", "CSV", "SECONDS"))
parser.add_argument("--prophet-series", type=int, default=60); parser.add_argument("--level", type=float, default=0.8)
args = parser.parse_args()

def dense(frame, start, end):
    """Every series on every day from start to end, zero where there is no row."""
    frame = frame.assign(unique_id=frame.store_id.astype(str) + "/" + frame.product_id.astype(str))
    days = pd.date_range(start, end, freq="D")
    ids = sorted(frame.unique_id.unique())
    index = pd.MultiIndex.from_product([ids, days], names=["unique_id", "ds"])
    return frame.groupby(["unique_id", "date"]).units.sum().rename_axis(["unique_id", "ds"]).reindex(index, fill_value=0.0).rename("y").reset_index()

train = pd.read_csv(args.train, parse_dates=["date"]); test = pd.read_csv(args.test, parse_dates=["date"])
train_end = train.date.max(); horizon = (test.date.max() - train_end).days
Y = dense(train, train.date.min(), train_end)
ids = sorted(Y.unique_id.unique())
T = dense(test, train_end + pd.Timedelta(days=1), test.date.max())
T = T[T.unique_id.isin(ids)]
missing = set(ids) - set(T.unique_id)
if missing:
    extra = pd.MultiIndex.from_product([sorted(missing), pd.date_range(train_end + pd.Timedelta(days=1), periods=horizon)], names=["unique_id", "ds"])
    T = pd.concat([T, pd.DataFrame(index=extra).reset_index().assign(y=0.0)])
# Each series starts at its first sale (as a new product would), not at the panel's start.
first_sale = Y[Y.y > 0].groupby("unique_id").ds.min()
Y = Y[Y.ds >= Y.unique_id.map(first_sale).fillna(Y.ds.min())]
scale = Y.groupby("unique_id").y.apply(lambda s: np.mean(np.abs(s.values[7:] - s.values[:-7])) if len(s) > 7 else 1.0).replace(0, 1.0)

def score(forecast, uids):
    merged = T[T.unique_id.isin(uids)].merge(forecast, on=["unique_id", "ds"], how="left")
    lost = int(merged.yhat.isna().sum()); merged = merged.fillna({"yhat": 0.0})
    error = merged.y - merged.yhat
    merged["abs"] = error.abs()
    r2 = 1 - (error ** 2).sum() / ((merged.y - merged.y.mean()) ** 2).sum()
    mase = (merged.groupby("unique_id")["abs"].mean() / scale.reindex(merged.unique_id.unique())).mean()
    coverage = ((merged.y >= merged.lo) & (merged.y <= merged.hi)).mean() if "lo" in merged else float("nan")
    width = (merged.hi - merged.lo).mean() if "lo" in merged else float("nan")
    sparse = merged.unique_id.isin(mostly_zero)
    sparse_coverage = ((merged.y >= merged.lo) & (merged.y <= merged.hi))[sparse].mean() if "lo" in merged and sparse.any() else float("nan")
    return dict(MASE=mase, MAE=merged["abs"].mean(), RMSE=float(np.sqrt((error ** 2).mean())), R2=r2, coverage=coverage, width=width,
                sparse=sparse_coverage, lost=lost)

# Mostly-zero series: more than half of the last 90 training days without a sale.
mostly_zero = set(Y.groupby("unique_id").y.apply(lambda s: (s.values[-90:] == 0).mean() > 0.5).loc[lambda s: s].index)

results, frames = {}, {}
for name, path, seconds in args.ours:
    ours = pd.read_csv(path, parse_dates=["date"])
    ours = ours.assign(unique_id=ours.store_id.astype(str) + "/" + ours.product_id.astype(str)).rename(columns={"date": "ds", "yhat_lower": "lo", "yhat_upper": "hi"})
    frames[name] = ours[["unique_id", "ds", "yhat", "lo", "hi"]]
    results[name] = 1000 * float(seconds) / len(ids)

from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS, MSTL, SeasonalNaive
percent = int(round(args.level * 100))
sample = ids[:: max(1, len(ids) // args.prophet_series)][: args.prophet_series]
for name, model, uids in (("statsforecast AutoETS(7)", AutoETS(season_length=7), ids), ("statsforecast SeasonalNaive(7)", SeasonalNaive(season_length=7), ids),
                          ("statsforecast MSTL(7, 365)", MSTL(season_length=[7, 365]), ids), ("statsforecast AutoARIMA(7)", AutoARIMA(season_length=7), sample)):
    started = time.time()
    fc = StatsForecast(models=[model], freq="D", n_jobs=1).forecast(df=Y[Y.unique_id.isin(uids)], h=horizon, level=[percent]).reset_index()
    results[name] = 1000 * (time.time() - started) / len(uids)
    column = [c for c in fc.columns if c not in ("unique_id", "ds", "index") and "-lo-" not in c and "-hi-" not in c][0]
    frames[name] = fc.rename(columns={column: "yhat", f"{column}-lo-{percent}": "lo", f"{column}-hi-{percent}": "hi"})[["unique_id", "ds", "yhat", "lo", "hi"]]

# A global XGBoost model, direct multi-step, with the pooled model's features (bench/forecast_global.py).
from forecast_global import global_xgboost
started = time.time()
frames["XGBoost global (Python)"] = global_xgboost(Y, horizon, args.level)
results["XGBoost global (Python)"] = 1000 * (time.time() - started) / len(ids)

from prophet import Prophet
started = time.time(); parts = []
for uid in sample:
    history = Y[Y.unique_id == uid][["ds", "y"]]
    model = Prophet(interval_width=args.level).fit(history)
    future = model.make_future_dataframe(periods=horizon, include_history=False)
    p = model.predict(future)[["ds", "yhat", "yhat_lower", "yhat_upper"]].assign(unique_id=uid)
    parts.append(p.rename(columns={"yhat_lower": "lo", "yhat_upper": "hi"}))
results["Prophet (defaults)"] = 1000 * (time.time() - started) / len(sample)
frames["Prophet (defaults)"] = pd.concat(parts)

print(f"{len(ids)} daily series, {len(Y.ds.unique())} training days, {horizon}-day holdout, {percent}% intervals; Prophet on {len(sample)} of them.\n")
print(f"{len(mostly_zero)} series are mostly zero (over half of their last 90 training days).\n")
print("| model | series | MASE | MAE | RMSE | R² | coverage | coverage, mostly zero | interval width | ms/series |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, frame in frames.items():
    uids = sample if name.startswith("Prophet") or "AutoARIMA" in name else ids
    s = score(frame, uids)
    print(f"| {name} | {len(uids)} | {s['MASE']:.3f} | {s['MAE']:.3f} | {s['RMSE']:.3f} | {s['R2']:.3f} | {s['coverage']:.3f} | {s['sparse']:.3f} | {s['width']:.2f} | {results[name]:.1f} |")
print("\nOn the Prophet sample only:\n")
print("| model | MASE | MAE | R² | coverage |")
print("|---|---:|---:|---:|---:|")
for name, frame in frames.items():
    s = score(frame, sample)
    print(f"| {name} | {s['MASE']:.3f} | {s['MAE']:.3f} | {s['R2']:.3f} | {s['coverage']:.3f} |")
