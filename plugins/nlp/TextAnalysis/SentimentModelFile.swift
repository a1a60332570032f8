import Foundation

/// The versioned binary model format.
///
/// Layout (little-endian): magic `RESM`, format version (UInt32), header length (UInt32), a JSON
/// header (labels, hash settings, temperature, metrics, quantisation scales, optional lexicon), IDF as UInt16 per bucket,
/// one Float32 bias per class, then weights as Int16 per bucket and class (bucket-major), each class
/// with its own scale. 2^18 buckets and three classes take about 2 MB.
enum SentimentModelFile {
    static let formatVersion: UInt32 = 1
    private static let magic = Array("RESM".utf8)

    private struct Header: Codable {
        var labels: [String]
        var hashing: FeatureHashing
        var temperature: Float
        var metrics: [String: Double]
        var inverseDocumentFrequencyMinimum: Float
        var inverseDocumentFrequencyStep: Float
        var weightScales: [Float]
        var lexicon: [String: Float]?
    }

    static func encode(_ classifier: SentimentClassifier) throws -> Data {
        let idf = classifier.vectorizer.inverseDocumentFrequency
        let idfMinimum = idf.min() ?? 0
        let idfStep = max(((idf.max() ?? 0) - idfMinimum) / Float(UInt16.max), .leastNormalMagnitude)
        let classCount = classifier.labels.count
        var weightScales = [Float](repeating: 0, count: classCount)
        for (index, weight) in classifier.weights.enumerated() {
            weightScales[index % classCount] = max(weightScales[index % classCount], abs(weight))
        }
        weightScales = weightScales.map { max($0 / Float(Int16.max), .leastNormalMagnitude) }
        let header = Header(
            labels: classifier.labels,
            hashing: classifier.hashing,
            temperature: classifier.temperature,
            metrics: classifier.metrics,
            inverseDocumentFrequencyMinimum: idfMinimum,
            inverseDocumentFrequencyStep: idfStep,
            weightScales: weightScales,
            lexicon: classifier.lexicon?.valences
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let headerData = try encoder.encode(header)

        var data = Data(magic)
        append(formatVersion, to: &data)
        append(UInt32(headerData.count), to: &data)
        data.append(headerData)
        for value in idf { append(UInt16(((value - idfMinimum) / idfStep).rounded()), to: &data) }
        for bias in classifier.biases { append(bias.bitPattern, to: &data) }
        var quantised = [Int16](repeating: 0, count: classifier.weights.count)
        for (index, weight) in classifier.weights.enumerated() {
            quantised[index] = Int16((weight / weightScales[index % classCount]).rounded()).littleEndian
        }
        quantised.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    static func decode(_ data: Data) throws -> SentimentClassifier {
        var reader = ByteReader(data: data)
        guard try reader.bytes(4) == magic else { throw SentimentError(.malformedModelFile, "not a sentiment model file") }
        let version: UInt32 = try reader.integer()
        guard version == formatVersion else {
            throw SentimentError(.unsupportedModelVersion, "format version \(version), this build reads \(formatVersion)")
        }
        let headerLength: UInt32 = try reader.integer()
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(try reader.bytes(Int(headerLength))))
        } catch let error as SentimentError {
            throw error
        } catch {
            throw SentimentError(.malformedModelFile, "unreadable header: \(error)")
        }
        let bucketCount = header.hashing.bucketCount
        let classCount = header.labels.count
        guard header.weightScales.count == classCount, classCount > 1, (1...24).contains(header.hashing.bucketBits) else {
            throw SentimentError(.malformedModelFile, "inconsistent header")
        }
        let idfCodes: [UInt16] = try reader.integers(bucketCount)
        let biasBits: [UInt32] = try reader.integers(classCount)
        let weightCodes: [Int16] = try reader.integers(bucketCount * classCount)
        guard reader.isAtEnd else { throw SentimentError(.malformedModelFile, "trailing bytes") }
        var weights = [Float](repeating: 0, count: weightCodes.count)
        for index in weights.indices { weights[index] = Float(weightCodes[index]) * header.weightScales[index % classCount] }
        return SentimentClassifier(
            labels: header.labels,
            vectorizer: HashedTfIdfVectorizer(
                hashing: header.hashing,
                lexicon: header.lexicon.map(SentimentLexicon.init(valences:)),
                inverseDocumentFrequency: idfCodes.map { header.inverseDocumentFrequencyMinimum + Float($0) * header.inverseDocumentFrequencyStep }
            ),
            weights: weights,
            biases: biasBits.map(Float.init(bitPattern:)),
            temperature: header.temperature,
            metrics: header.metrics
        )
    }

    private static func append<Value: FixedWidthInteger>(_ value: Value, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}

extension SentimentClassifier {
    /// Decodes the bytes of a model file.
    public init(data: Data) throws {
        self = try SentimentModelFile.decode(data)
    }

    /// The bytes of the model file (see `write(to:)`).
    public func encoded() throws -> Data {
        try SentimentModelFile.encode(self)
    }

    /// Reads a model written by `write(to:)`.
    public init(contentsOf url: URL) throws {
        self = try SentimentModelFile.decode(try Data(contentsOf: url))
    }

    /// Writes the model in the versioned binary format (weights quantised to 16 bits).
    public func write(to url: URL) throws {
        try SentimentModelFile.encode(self).write(to: url)
    }
}
