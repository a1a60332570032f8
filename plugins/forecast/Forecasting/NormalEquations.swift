/// Accumulates `XᵀX` and `Xᵀy` row by row and solves the ridge system by Cholesky.
struct NormalEquations: Sendable {
    let width: Int
    private(set) var gram: [Double]
    private(set) var moment: [Double]
    /// `yᵀy` and the number of rows added, for the residual variance.
    private(set) var responseSquares = 0.0
    private(set) var rowCount = 0

    init(width: Int) {
        self.width = width
        gram = [Double](repeating: 0, count: width * width)
        moment = [Double](repeating: 0, count: width)
    }

    /// Adds consecutive design rows (row-major, `width` values each) and their responses; only the upper
    /// triangle of `XᵀX` is kept. Rows are taken four at a time so each pass over `XᵀX` does four updates.
    mutating func add(rows: UnsafeBufferPointer<Double>, responses: UnsafeBufferPointer<Double>) {
        let width = self.width
        gram.withUnsafeMutableBufferPointer { gram in
            moment.withUnsafeMutableBufferPointer { moment in
                let gram = gram.baseAddress!
                var first = 0
                while first < responses.count {
                    let block = min(4, responses.count - first)
                    let r0 = rows.baseAddress! + first * width
                    let r1 = block > 1 ? r0 + width : r0, r2 = block > 2 ? r0 + 2 * width : r0, r3 = block > 3 ? r0 + 3 * width : r0
                    let w1 = block > 1 ? 1.0 : 0, w2 = block > 2 ? 1.0 : 0, w3 = block > 3 ? 1.0 : 0
                    for i in 0..<width {
                        let a0 = r0[i], a1 = w1 * r1[i], a2 = w2 * r2[i], a3 = w3 * r3[i]
                        moment[i] += a0 * responses[first] + (block > 1 ? a1 * responses[first + 1] : 0)
                            + (block > 2 ? a2 * responses[first + 2] : 0) + (block > 3 ? a3 * responses[first + 3] : 0)
                        if a0 == 0, a1 == 0, a2 == 0, a3 == 0 { continue }
                        let row = gram + i * width
                        for j in i..<width { row[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j] }
                    }
                    first += block
                }
                for response in responses { responseSquares += response * response }
                rowCount += responses.count
            }
        }
    }

    /// Residual variance `‖y − Xβ‖² / (rows − width)` of `coefficients`, from the accumulated sums.
    func residualVariance(_ coefficients: [Double]) -> Double {
        var quadratic = 0.0, linear = 0.0
        for i in 0..<width {
            linear += coefficients[i] * moment[i]
            quadratic += coefficients[i] * coefficients[i] * gram[i * width + i]
            for j in (i + 1)..<max(i + 1, width) { quadratic += 2 * coefficients[i] * coefficients[j] * gram[i * width + j] }
        }
        return max(0, responseSquares - 2 * linear + quadratic) / Double(max(rowCount - width, 1))
    }

    /// The diagonal entry of `XᵀX` for `column`: for an indicator column, the number of days it is active.
    func diagonal(_ column: Int) -> Double { gram[column * width + column] }

    /// Solves `(XᵀX + diag(penalty)) β = Xᵀy`; a tiny ridge keeps the system positive definite.
    func solve(penalty: [Double]) -> [Double] {
        let n = width
        var matrix = gram
        var jitter = 1e-9
        while true {
            for i in 0..<n { matrix[i * n + i] = gram[i * n + i] + penalty[i] + jitter }
            if let factor = NormalEquations.cholesky(matrix, n) {
                return NormalEquations.substitute(factor, n, moment)
            }
            jitter *= 100
            for i in 0..<n { for j in i..<n { matrix[i * n + j] = gram[i * n + j] } }
        }
    }

    /// Lower Cholesky factor of the symmetric matrix whose upper triangle is given, or nil if not positive definite.
    private static func cholesky(_ upper: [Double], _ n: Int) -> [Double]? {
        var lower = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var diagonal = upper[j * n + j]
            for k in 0..<j { diagonal -= lower[j * n + k] * lower[j * n + k] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            let root = diagonal.squareRoot()
            lower[j * n + j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var sum = upper[j * n + i]
                for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                lower[i * n + j] = sum / root
            }
        }
        return lower
    }

    private static func substitute(_ lower: [Double], _ n: Int, _ rhs: [Double]) -> [Double] {
        var z = rhs
        for i in 0..<n {
            var sum = z[i]
            for k in 0..<i { sum -= lower[i * n + k] * z[k] }
            z[i] = sum / lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = z[i]
            for k in (i + 1)..<max(i + 1, n) { sum -= lower[k * n + i] * z[k] }
            z[i] = sum / lower[i * n + i]
        }
        return z
    }
}
