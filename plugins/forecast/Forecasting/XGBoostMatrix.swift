import CXGBoost

/// A dense feature matrix in XGBoost (a `DMatrixHandle`, freed with the value); NaN is a missing value.
final class XGBoostMatrix {
    let handle: DMatrixHandle
    let rows: Int
    private let api: retail_edge_xgboost_api

    /// Copies `rows` × `columns` row-major `values` into XGBoost, with `labels` (one per row) when training.
    init(values: [Float], rows: Int, columns: Int, labels: [Float]? = nil, threads: Int) throws(XGBoostError) {
        precondition(values.count == rows * columns, "matrix of \(rows) × \(columns) given \(values.count) values")
        let api = try XGBoostLibrary.loaded()
        var handle: DMatrixHandle?
        try XGBoostError.check(values.withUnsafeBufferPointer {
            api.matrixCreateFromMat!($0.baseAddress, bst_ulong(rows), bst_ulong(columns), .nan, &handle, Int32(threads))
        }, "XGDMatrixCreateFromMat_omp")
        self.handle = handle!
        self.rows = rows
        self.api = api
        if let labels {
            precondition(labels.count == rows, "\(labels.count) labels for \(rows) rows")
            try XGBoostError.check(labels.withUnsafeBufferPointer { api.matrixSetFloatInfo!(handle, "label", $0.baseAddress, bst_ulong(rows)) },
                                   "XGDMatrixSetFloatInfo")
        }
    }

    deinit { _ = api.matrixFree!(handle) }
}
