import CXGBoost

/// A dense feature matrix in XGBoost (a `DMatrixHandle`, freed with the value); NaN is a missing value.
final class XGBoostMatrix {
    let handle: DMatrixHandle
    private let api: retail_edge_xgboost_api

    /// Copies `rows` × `columns` row-major `values` into XGBoost (rows to predict; training rows come in batches).
    init(values: [Float], rows: Int, columns: Int, threads: Int) throws(XGBoostError) {
        precondition(values.count == rows * columns, "matrix of \(rows) × \(columns) given \(values.count) values")
        let api = try XGBoostLibrary.loaded()
        var handle: DMatrixHandle?
        try XGBoostError.check(values.withUnsafeBufferPointer {
            api.matrixCreateFromMat!($0.baseAddress, bst_ulong(rows), bst_ulong(columns), .nan, &handle, Int32(threads))
        }, "XGDMatrixCreateFromMat_omp")
        self.handle = handle!
        self.api = api
    }

    /// Builds a training matrix batch by batch, straight into XGBoost's quantised form (a `QuantileDMatrix`
    /// with `maximumBins` bins per feature, for the `hist` tree method): no copy of the whole matrix is held,
    /// in XGBoost's float form or ours. XGBoost reads the batches twice (quantiles, then bins), so `fill`
    /// must write the same `rows` × `columns` values and one label per row for a batch index each time.
    init(batches: Int, columns: Int, maximumBins: Int, threads: Int,
         fill: (_ batch: Int, _ values: inout [Float], _ labels: inout [Float]) -> Void) throws(XGBoostError) {
        let api = try XGBoostLibrary.loaded()
        var proxy: DMatrixHandle?
        try XGBoostError.check(api.proxyCreate!(&proxy), "XGProxyDMatrixCreate")
        defer { _ = api.matrixFree!(proxy) }
        let built: Result<DMatrixHandle, XGBoostError> = withoutActuallyEscaping(fill) { fill in
            let batchSource = XGBoostBatchSource(batches: batches, columns: columns, proxy: proxy!, api: api, fill: fill)
            let reset: @convention(c) (DataIterHandle?) -> Void = { context in
                Unmanaged<XGBoostBatchSource>.fromOpaque(context!).takeUnretainedValue().reset()
            }
            let next: @convention(c) (DataIterHandle?) -> Int32 = { context in
                Unmanaged<XGBoostBatchSource>.fromOpaque(context!).takeUnretainedValue().next()
            }
            let configuration = #"{"missing": NaN, "nthread": \#(threads), "max_bin": \#(maximumBins)}"#
            var handle: DMatrixHandle?
            let status = withExtendedLifetime(batchSource) {
                api.quantileMatrixCreateFromCallback!(Unmanaged.passUnretained(batchSource).toOpaque(), proxy, nil, reset, next, configuration, &handle)
            }
            if let failure = batchSource.failure { return .failure(failure) }
            return Result { () throws(XGBoostError) in
                try XGBoostError.check(status, "XGQuantileDMatrixCreateFromCallback")
                return handle!
            }
        }
        handle = try built.get()
        self.api = api
    }

    deinit { _ = api.matrixFree!(handle) }
}
