import CXGBoost

/// The data iterator behind a batch-built ``XGBoostMatrix``: XGBoost calls `reset` and `next` through C
/// callbacks; each `next` fills one batch and points XGBoost's proxy matrix at a copy of it in memory this
/// source owns (XGBoost reads it after `next` returns, until the following call).
final class XGBoostBatchSource {
    private let batches: Int
    private let columns: Int
    private let proxy: DMatrixHandle
    private let api: retail_edge_xgboost_api
    private let fill: (Int, inout [Float], inout [Float]) -> Void
    private var batch = 0
    private var values: [Float] = []
    private var labels: [Float] = []
    /// The batch as XGBoost sees it: values, then labels.
    private var handedOver = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
    /// The first failure inside a callback (a callback cannot throw through C).
    private(set) var failure: XGBoostError?

    init(batches: Int, columns: Int, proxy: DMatrixHandle, api: retail_edge_xgboost_api,
         fill: @escaping (Int, inout [Float], inout [Float]) -> Void) {
        self.batches = batches
        self.columns = columns
        self.proxy = proxy
        self.api = api
        self.fill = fill
    }

    func reset() {
        batch = 0
    }

    /// 1 when a batch was set on the proxy, 0 at the end (or after a failure).
    func next() -> Int32 {
        guard batch < batches, failure == nil else { return 0 }
        values.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        fill(batch, &values, &labels)
        batch += 1
        let rows = labels.count
        guard rows > 0, values.count == rows * columns else {
            failure = XGBoostError(call: "batch \(batch - 1)", message: "\(values.count) values and \(rows) labels for \(columns) columns")
            return 0
        }
        if handedOver.count < values.count + rows {
            handedOver.deallocate()
            handedOver = .allocate(capacity: values.count + rows)
        }
        _ = handedOver.initialize(fromContentsOf: values)
        let labelStart = handedOver.baseAddress! + values.count
        labelStart.initialize(from: labels, count: rows)
        do throws(XGBoostError) {
            let address = UInt(bitPattern: handedOver.baseAddress)
            let interface = #"{"data": [\#(address), true], "shape": [\#(rows), \#(columns)], "typestr": "<f4", "version": 3}"#
            try XGBoostError.check(api.proxySetDataDense!(proxy, interface), "XGProxyDMatrixSetDataDense")
            try XGBoostError.check(api.matrixSetFloatInfo!(proxy, "label", labelStart, bst_ulong(rows)), "XGDMatrixSetFloatInfo")
        } catch {
            failure = error
            return 0
        }
        return 1
    }

    deinit { handedOver.deallocate() }
}
