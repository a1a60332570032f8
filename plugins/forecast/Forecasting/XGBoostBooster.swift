import CXGBoost

/// Gradient-boosted trees trained through XGBoost's C API (a `BoosterHandle`, freed with the value).
final class XGBoostBooster {
    private let handle: BoosterHandle
    private let api: retail_edge_xgboost_api

    /// Trains `rounds` boosting rounds on `training` with XGBoost `parameters` (`max_depth`, `eta`, ...).
    init(training: XGBoostMatrix, parameters: [(String, String)], rounds: Int) throws(XGBoostError) {
        let api = try XGBoostLibrary.loaded()
        var handle: BoosterHandle?
        var matrices: [DMatrixHandle?] = [training.handle]
        try XGBoostError.check(api.boosterCreate!(&matrices, 1, &handle), "XGBoosterCreate")
        self.handle = handle!
        self.api = api
        for (name, value) in parameters {
            try XGBoostError.check(api.boosterSetParam!(handle, name, value), "XGBoosterSetParam(\(name))")
        }
        for round in 0..<rounds {
            try XGBoostError.check(api.boosterUpdateOneIter!(handle, Int32(round), training.handle), "XGBoosterUpdateOneIter")
        }
    }

    /// One prediction per row of `matrix`.
    func predict(_ matrix: XGBoostMatrix) throws(XGBoostError) -> [Float] {
        var length: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try XGBoostError.check(api.boosterPredict!(handle, matrix.handle, 0, 0, 0, &length, &result), "XGBoosterPredict")
        return Array(UnsafeBufferPointer(start: result, count: Int(length)))
    }

    deinit { _ = api.boosterFree!(handle) }
}
