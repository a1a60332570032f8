/// Reads an int or double column as doubles.
struct NumericView {
    let doubles: [Double]
    let ints: [Int64]
    let validity: [Bool]?

    @inline(__always)
    subscript(row: Int) -> Double { doubles.isEmpty ? Double(ints[row]) : doubles[row] }

    func isNull(_ row: Int) -> Bool { validity.map { !$0[row] } ?? false }
}
