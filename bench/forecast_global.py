"""A global XGBoost model in Python with the features of retail-edge's pooled model
(plugins/forecast/Forecasting/PooledFeatures.swift) and settings (PooledConfiguration.swift):
direct multi-step (the step is a feature), values divided by each series' last-28-day mean (the
trees learn its square root), calendar (weekday, day of month, week of year,
month, day of year), the last week, the same weekday's recent values, rolling means, spread and
zero share, the same days a year before; 80% intervals from conformal quantiles of its own
holdout errors (last horizon days, refitted without them), by week ahead. The peer
bench/forecast_compare.py runs against retail-edge's pooled model."""
import numpy as np, pandas as pd, xgboost as xgb

PARAMS = dict(tree_method="hist", max_depth=6, learning_rate=0.1, max_bin=64, min_child_weight=5, subsample=0.8,
              objective="reg:squarederror", nthread=0, seed=0, verbosity=0)


def _series_features(values, start, origins, steps):
    """Feature rows (one per origin/step pair) and scales for one series, vectorised."""
    n = len(values)
    csum = np.concatenate([[0.0], np.cumsum(values)])
    zsum = np.concatenate([[0.0], np.cumsum(values == 0)])
    qsum = np.concatenate([[0.0], np.cumsum(values * values)])
    origins = np.asarray(origins); steps = np.asarray(steps); targets = origins + steps

    def window_mean(sums, end, days):
        first = np.maximum(0, end - days + 1)
        valid = (end >= first) & (end >= 0) & (end < n)
        e = np.clip(end, 0, n - 1); f = np.clip(first, 0, n - 1)
        out = (sums[e + 1] - sums[f]) / np.maximum(e - f + 1, 1)
        return np.where(valid, out, np.nan)

    recent = window_mean(csum, origins, 28)
    whole = csum[origins + 1] / (origins + 1)
    scale = np.where(recent > 0, recent, np.where(whole > 0, whole, 1.0))

    def lag(index):
        ok = (index >= 0) & (index <= origins)
        return np.where(ok, values[np.clip(index, 0, n - 1)], np.nan) / scale

    days = pd.DatetimeIndex(start + pd.to_timedelta(targets, unit="D"))
    weeks = (steps + 6) // 7
    same_sum = np.zeros(len(origins)); same_count = np.zeros(len(origins))
    for w in range(4):
        index = targets - 7 * (weeks + w)
        ok = index >= 0
        same_sum += np.where(ok, values[np.clip(index, 0, n - 1)], 0); same_count += ok
    mean28 = window_mean(csum, origins, 28)
    deviation = np.sqrt(np.maximum(0, window_mean(qsum, origins, 28) - mean28 ** 2))
    columns = [steps, days.isocalendar().day.to_numpy(), days.day, days.dayofyear // 7 + 1, days.month, days.dayofyear,
               *[lag(origins - b) for b in range(7)], lag(targets - 7 * weeks),
               np.where(same_count > 0, same_sum / np.maximum(same_count, 1), np.nan) / scale,
               window_mean(csum, origins, 7) / scale, mean28 / scale, window_mean(csum, origins, 91) / scale,
               window_mean(csum, origins, 364) / scale, deviation / scale, window_mean(zsum, origins, 28),
               lag(targets - 364), np.where(targets - 367 >= 0, window_mean(csum, targets - 361, 7), np.nan) / scale,
               np.where(origins - 364 >= 0, window_mean(csum, origins - 364, 28), np.nan) / scale,
               np.log(scale), np.log(origins + 1), zsum[origins + 1] / (origins + 1)]
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns]).astype(np.float32), scale


def _fit_predict(panel, horizon, hidden, training_days=400, stride=3):
    rows, labels = [], []
    for index, (uid, start, values) in enumerate(panel):
        count = len(values) - hidden
        if count < 2:
            continue
        targets = np.arange(max(1, count - training_days) + index % stride, count, stride)
        steps = np.minimum(targets, 1 + ((targets // stride) * 11 + index * 7) % horizon)
        features, scale = _series_features(values, start, targets - steps, steps)
        rows.append(features); labels.append(np.sqrt(values[targets] / scale))
    booster = xgb.train(PARAMS, xgb.DMatrix(np.vstack(rows), label=np.concatenate(labels)), num_boost_round=80)
    out, prediction, scales = [], [], []
    for uid, start, values in panel:
        origin = len(values) - hidden - 1
        if origin < 0:
            continue
        features, scale = _series_features(values, start, np.full(horizon, origin), np.arange(1, horizon + 1))
        prediction.append(features); scales.append(scale[0]); out.append((uid, start + pd.Timedelta(days=origin + 1)))
    predicted = booster.predict(xgb.DMatrix(np.vstack(prediction))).reshape(len(out), horizon)
    return {uid: (first, np.maximum(0, p) ** 2 * s) for (uid, first), p, s in zip(out, predicted, scales)}


def global_xgboost(Y, horizon, level):
    """Forecasts (unique_id, ds, yhat, lo, hi) for `horizon` days after each series in long frame Y."""
    panel = [(uid, g.ds.iloc[0], g.y.to_numpy(dtype=float)) for uid, g in Y.groupby("unique_id", sort=True)]
    holdout = _fit_predict(panel, horizon, horizon)
    by_week = {}
    for uid, start, values in panel:
        if uid in holdout:
            actual = values[-horizon:]
            for step, (f, a) in enumerate(zip(holdout[uid][1], actual)):
                by_week.setdefault(min(step // 7, 4), []).append((a - f) / np.sqrt(f + 1))
    tail = (1 - level) / 2
    offsets = {w: (min(0, np.quantile(e, tail)), max(0, np.quantile(e, 1 - tail))) for w, e in by_week.items()}
    frames = []
    for uid, (first, mean) in _fit_predict(panel, horizon, 0).items():
        weeks = [offsets.get(min(s // 7, 4), (0, 0)) for s in range(horizon)]
        lo = np.maximum(0, mean + np.array([w[0] for w in weeks]) * np.sqrt(mean + 1))
        hi = mean + np.array([w[1] for w in weeks]) * np.sqrt(mean + 1)
        frames.append(pd.DataFrame(dict(unique_id=uid, ds=pd.date_range(first, periods=horizon), yhat=mean, lo=lo, hi=hi)))
    return pd.concat(frames)
