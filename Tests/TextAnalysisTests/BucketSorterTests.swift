import Testing
@testable import TextAnalysis

@Suite struct BucketSorterTests {
    /// The radix sort agrees with the standard library's on short and long inputs, duplicates,
    /// one to three digit passes, and after reuse with a shorter input.
    @Test(arguments: [4, 18, 20, 27]) func sortsLikeTheStandardLibrary(bits: Int) {
        var sorter = BucketSorter(bucketCount: 1 << bits)
        var generator = SeededRandomNumberGenerator(seed: UInt64(bits))
        for count in [0, 1, 31, 33, 500, 5_000, 40] {
            var buckets = (0..<count).map { _ in Int32.random(in: 0..<Int32(1 << bits), using: &generator) }
            buckets += buckets.prefix(count / 3)
            let expected = buckets.sorted()
            sorter.sort(&buckets)
            #expect(buckets == expected, "\(count) buckets below 2^\(bits)")
        }
    }
}
