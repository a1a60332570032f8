import Testing
@testable import TextAnalysis

@Suite struct DamerauDistanceTests {
    func distance(_ a: String, _ b: String, limit: Int = 3) -> Int? {
        DamerauDistance.distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), limit: limit)
    }

    @Test func countsTranspositionAsOneEdit() {
        #expect(distance("walmart", "wlamart") == 1)
        #expect(distance("abc", "abc") == 0)
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("kitten", "sitting", limit: 2) == nil)
    }

    @Test func symmetricDeleteIndexFindsWithinBudgetOnly() {
        var index = DeletionNeighbourhoodIndex()
        index.insert("electronics".unicodeScalars.map(\.value), id: 0)
        index.insert("walmart".unicodeScalars.map(\.value), id: 1)
        #expect(index.closestWord(to: "elcetronisc".unicodeScalars.map(\.value)) == 0)
        #expect(index.closestWord(to: "walmrat".unicodeScalars.map(\.value)) == 1)
        #expect(index.closestWord(to: "wlamrat".unicodeScalars.map(\.value)) == nil)
    }
}
