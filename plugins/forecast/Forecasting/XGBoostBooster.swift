import CXGBoost

/// Gradient-boosted trees trained through XGBoost's C API (a `BoosterHandle`, freed with the value).
final class XGBoostBooster {
    private let handle: BoosterHandle

    /// Trains `rounds` boosting rounds on `training` with XGBoost `parameters` (`max_depth`, `eta`, ...).
    init(training: XGBoostMatrix, parameters: [(String, String)], rounds: Int) throws(XGBoostError) {
        var handle: BoosterHandle?
        var matrices: [DMatrixHandle?] = [training.handle]
        try XGBoostError.check(XGBoosterCreate(&matrices, 1, &handle), "XGBoosterCreate")
        self.handle = handle!
        for (name, value) in parameters {
            try XGBoostError.check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name))")
        }
        for round in 0..<rounds {
            try XGBoostError.check(XGBoosterUpdateOneIter(handle, Int32(round), training.handle), "XGBoosterUpdateOneIter")
        }
    }

    /// One prediction per row of `matrix`.
    func predict(_ matrix: XGBoostMatrix) throws(XGBoostError) -> [Float] {
        var length: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try XGBoostError.check(XGBoosterPredict(handle, matrix.handle, 0, 0, 0, &length, &result), "XGBoosterPredict")
        return Array(UnsafeBufferPointer(start: result, count: Int(length)))
    }

    deinit { XGBoosterFree(handle) }
}
