"""A global XGBoost model in Python with the features of retail-edge's pooled model
(plugins/forecast/Forecasting/PooledFeatures.swift): direct multi-step (the step is a feature),
values divided by each series' last-28-day mean, calendar (weekday, day of month, week of year,
month, day of year), the last week, the same weekday's recent values, rolling means, spread and
zero share, the same days a year before; 80% intervals from conformal quantiles of its own
holdout errors (last horizon days, refitted without them), by week ahead. The peer
bench/forecast_compare.py runs against retail-edge's pooled model."""
import numpy as np, pandas as pd, xgboost as xgb

PARAMS = dict(tree_method="hist", max_depth=7, learning_rate=0.1, max_bin=64, min_child_weight=5, subsample=0.8,
              objective="reg:squarederror", nthread=0, seed=0, verbosity=0)


def _features(values, start, origin, step, scale, csum):
    target = origin + step
    day = start + pd.Timedelta(days=int(target))
    def lag(i):
        return values[i] / scale if 0 <= i <= origin else np.nan
    def mean(end, days):
        first = max(0, end - days + 1)
        return (csum[end + 1] - csum[first]) / (end - first + 1) if end >= first else np.nan
    weeks = (step + 6) // 7
    same = [values[target - 7 * w] for w in range(weeks, weeks + 4) if target - 7 * w >= 0]
    window = values[max(0, origin - 27):origin + 1]
    return [step, day.isoweekday(), day.day, day.dayofyear // 7 + 1, day.month, day.dayofyear,
            *[lag(origin - b) for b in range(7)], lag(target - 7 * weeks), np.mean(same) / scale if same else np.nan,
            mean(origin, 7) / scale, mean(origin, 28) / scale, mean(origin, 91) / scale, mean(origin, 364) / scale,
            window.std() / scale, (window == 0).mean(), lag(target - 364),
            mean(target - 361, 7) / scale if target - 367 >= 0 else np.nan,
            mean(origin - 364, 28) / scale if origin - 364 >= 0 else np.nan,
            np.log(scale), np.log(origin + 1), (values[:origin + 1] == 0).mean()]


def _scale(values, csum, origin):
    first = max(0, origin - 27)
    recent = (csum[origin + 1] - csum[first]) / (origin - first + 1)
    if recent > 0:
        return recent
    whole = csum[origin + 1] / (origin + 1)
    return whole if whole > 0 else 1.0


def _fit_predict(panel, horizon, hidden, training_days=730, stride=2):
    rows, labels = [], []
    for index, (uid, start, values) in enumerate(panel):
        count = len(values) - hidden
        if count < 2:
            continue
        csum = np.concatenate([[0.0], np.cumsum(values)])
        for target in range(max(1, count - training_days) + index % stride, count, stride):
            step = min(target, 1 + ((target // stride) * 11 + index * 7) % horizon)
            scale = _scale(values, csum, target - step)
            rows.append(_features(values, start, target - step, step, scale, csum)); labels.append(values[target] / scale)
    booster = xgb.train(PARAMS, xgb.DMatrix(np.array(rows, dtype=np.float32), label=np.array(labels)), num_boost_round=120)
    out, prediction, scales = [], [], []
    for uid, start, values in panel:
        origin = len(values) - hidden - 1
        if origin < 0:
            continue
        csum = np.concatenate([[0.0], np.cumsum(values)])
        scale = _scale(values, csum, origin)
        for step in range(1, horizon + 1):
            prediction.append(_features(values, start, origin, step, scale, csum))
        scales.append(scale); out.append((uid, start + pd.Timedelta(days=origin + 1)))
    predicted = booster.predict(xgb.DMatrix(np.array(prediction, dtype=np.float32))).reshape(len(out), horizon)
    return {uid: (first, np.maximum(0, p * s)) for (uid, first), p, s in zip(out, predicted, scales)}


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
