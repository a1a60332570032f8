import ArgumentParser
import EdgeCore
import Foundation

/// Generates realistic, deterministic retail transactions: per store and product a daily demand
/// with weekly and yearly seasonality, holidays, promotions (with a price cut) and noise; a
/// quarter of the products sell only now and then. Each unit sold lands in a transaction line.
/// Optionally also the expected demand each day's units were drawn around (what a perfect
/// forecast would say) and the planned promotions, including those of the 30 days after the data.
struct DemoDataGenerator {
    let stores: Int
    let products: Int
    let days: Int
    let startDay: Int32
    let badRowFraction: Double
    private var random: SplitMix64

    init(stores: Int, products: Int, days: Int, start: String, seed: UInt64, badRowFraction: Double) throws {
        guard let day = FieldParser.parse(start, FieldParser.date) else { throw ValidationError("--start must be YYYY-MM-DD") }
        self.stores = stores
        self.products = products
        self.days = days
        self.startDay = day
        self.badRowFraction = badRowFraction
        self.random = SplitMix64(seed: seed)
    }

    struct Result {
        var rows = 0
        var bytes = 0
        var files = 0
    }

    private struct Product {
        var id: String
        var price: Double
        var baseDemand: Double
        var intermittent: Bool
        var weekly: [Double]
        var yearlyPhase: Double
        var yearlyAmplitude: Double
        /// Promotion start days (relative), each lasting 7 days.
        var promotions: Set<Int>

        func isPromoted(_ offset: Int) -> Bool { (0..<7).contains { promotions.contains(offset - $0) } }
    }

    /// Days after the data whose planned promotions the promotions file lists (the known future).
    static let plannedDays = 30

    /// Writes the transactions into `directory`; with `expectedPath`, the expected units per day,
    /// store and product (`date,store_id,product_id,units`); with `promotionsPath`, the promoted days
    /// (`date,store_id,product_id,promo`) through ``plannedDays`` past the data.
    mutating func write(to directory: String, expectedPath: String? = nil, promotionsPath: String? = nil) throws -> Result {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let catalog = (0..<products).map { makeProduct($0) }
        let storeFactors = (0..<stores).map { _ in 0.6 + random.nextDouble() * 0.9 }
        var result = Result()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        var handle: FileHandle?
        var currentMonth = ""
        func flush() throws {
            guard let handle, !buffer.isEmpty else { return }
            try handle.write(contentsOf: buffer)
            result.bytes += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        var lines: [(Int, Int, Int, Int, Double)] = [] // seconds, store, product, units, price
        var holidayYear = Int.min, holidays: [Int32: String] = [:]
        var expected = expectedPath.map { _ in "date,store_id,product_id,units\n" }
        for offset in 0..<days {
            let day = startDay + Int32(offset)
            let date = CivilDate(daysSinceEpoch: day)
            let month = String(date.description.prefix(7))
            if month != currentMonth {
                try flush()
                try handle?.close()
                let path = "\(directory)/transactions-\(month).csv"
                _ = FileManager.default.createFile(atPath: path, contents: nil)
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                buffer.append(contentsOf: Array("ts,store_id,product_id,units,unit_price\n".utf8))
                currentMonth = month
                result.files += 1
            }
            if date.year != holidayYear {
                holidayYear = date.year
                holidays = HolidayCalendar.unitedStates.days(in: date.year)
            }
            let holiday = holidays[day].flatMap { Self.holidayMultipliers[$0] } ?? 1
            lines.removeAll(keepingCapacity: true)
            for (s, storeFactor) in storeFactors.enumerated() {
                for (p, product) in catalog.enumerated() {
                    let promoted = product.isPromoted(offset)
                    let season = 1 + product.yearlyAmplitude * sin(2 * .pi * (Double(date.dayOfYear) / 365.25 + product.yearlyPhase))
                    let trend = 1 + 0.15 * Double(offset) / 365
                    var mean = product.baseDemand * storeFactor * product.weekly[date.isoWeekday - 1] * season * holiday * trend
                    if promoted { mean *= 1.6 }
                    expected?.append("\(date),S\(pad(s + 1, 2)),\(product.id),\(mean)\n")
                    var units = negativeBinomial(mean: mean, dispersion: product.intermittent ? 0.6 : 4)
                    let price = promoted ? (product.price * 0.8 * 100).rounded() / 100 : product.price
                    while units > 0 {
                        let basket = min(units, 1 + Int(random.next() % 3))
                        units -= basket
                        let seconds = 8 * 3600 + Int(random.next() % UInt64(13 * 3600))
                        lines.append((seconds, s, p, basket, price))
                    }
                }
            }
            lines.sort { $0.0 < $1.0 }
            let datePrefix = Array(date.description.utf8)
            for line in lines {
                if badRowFraction > 0, random.nextDouble() < badRowFraction {
                    appendBadRow(&buffer, datePrefix: datePrefix)
                } else {
                    buffer.append(contentsOf: datePrefix)
                    buffer.append(UInt8(ascii: "T"))
                    appendTime(&buffer, line.0)
                    buffer.append(contentsOf: Array(",S\(pad(line.1 + 1, 2)),\(catalog[line.2].id),\(line.3),\(formatPrice(line.4))\n".utf8))
                }
                result.rows += 1
            }
            if buffer.count > 1 << 21 { try flush() }
        }
        try flush()
        try handle?.close()
        if let expectedPath, let expected { try Data(expected.utf8).write(to: URL(fileURLWithPath: expectedPath), options: .atomic) }
        if let promotionsPath {
            var text = "date,store_id,product_id,promo\n"
            for offset in 0..<(days + Self.plannedDays) {
                let date = CivilDate(daysSinceEpoch: startDay + Int32(offset))
                for product in catalog where product.isPromoted(offset) {
                    for store in 0..<stores { text += "\(date),S\(pad(store + 1, 2)),\(product.id),1\n" }
                }
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: promotionsPath), options: .atomic)
        }
        return result
    }

    private mutating func makeProduct(_ index: Int) -> Product {
        let intermittent = random.nextDouble() < 0.25
        let base = intermittent ? 0.15 + random.nextDouble() * 0.5 : 1.5 + random.nextDouble() * 5
        let weekendLift = 1.1 + random.nextDouble() * 0.5
        let weekly = [0.85, 0.8, 0.85, 0.95, 1.1, weekendLift * 1.1, weekendLift].map { $0 * (0.95 + random.nextDouble() * 0.1) }
        var promotions = Set<Int>()
        var day = Int(random.next() % 60)
        while day < days + Self.plannedDays {
            promotions.insert(day)
            day += 30 + Int(random.next() % 90)
        }
        return Product(
            id: "P\(pad(index + 1, 3))",
            price: (Double(99 + Int(random.next() % 4900)) / 100),
            baseDemand: base, intermittent: intermittent, weekly: weekly,
            yearlyPhase: random.nextDouble(), yearlyAmplitude: 0.1 + random.nextDouble() * 0.35,
            promotions: promotions
        )
    }

    /// Demand multipliers of events of the shipped US calendar (the one the models and `dim_date`
    /// use); other events and days: 1.
    static let holidayMultipliers: [String: Double] = [
        "New Year's Day": 0.15, "Independence Day": 1.3, "Black Friday": 2.5, "Cyber Monday": 1.3,
        "Last shopping days": 1.8, "Christmas Eve": 1.8, "Christmas Day": 0.15, "Day after Christmas": 1.3, "New Year's Eve": 1.3,
    ]

    private mutating func negativeBinomial(mean: Double, dispersion: Double) -> Int {
        guard mean > 0 else { return 0 }
        // Gamma-Poisson mixture: rate ~ Gamma(k, mean/k), units ~ Poisson(rate).
        let rate = gamma(shape: dispersion) * mean / dispersion
        return poisson(rate)
    }

    private mutating func gamma(shape: Double) -> Double {
        if shape < 1 { return gamma(shape: shape + 1) * pow(random.nextDouble(), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / sqrt(9 * d)
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = random.nextDouble()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    private mutating func normal() -> Double {
        let u1 = max(random.nextDouble(), 1e-12), u2 = random.nextDouble()
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }

    private mutating func poisson(_ lambda: Double) -> Int {
        if lambda > 30 { return max(0, Int((lambda + sqrt(lambda) * normal()).rounded())) }
        let limit = exp(-lambda)
        var k = 0
        var p = random.nextDouble()
        while p > limit {
            k += 1
            p *= random.nextDouble()
        }
        return k
    }

    private mutating func appendBadRow(_ buffer: inout [UInt8], datePrefix: [UInt8]) {
        let kinds = ["\(String(decoding: datePrefix, as: UTF8.self))T12:00:00,S01,P001,two,1.99\n",
                     "\(String(decoding: datePrefix, as: UTF8.self))T12:00:00,S01,P001\n",
                     "2024-13-45T12:00:00,S01,P001,1,1.99\n",
                     "\(String(decoding: datePrefix, as: UTF8.self))T12:00:00,S01,P001,1,\n"]
        buffer.append(contentsOf: Array(kinds[Int(random.next() % UInt64(kinds.count))].utf8))
    }

    private func appendTime(_ buffer: inout [UInt8], _ seconds: Int) {
        for value in [seconds / 3600, seconds / 60 % 60, seconds % 60].enumerated() {
            if value.offset > 0 { buffer.append(UInt8(ascii: ":")) }
            buffer.append(UInt8(48 + value.element / 10))
            buffer.append(UInt8(48 + value.element % 10))
        }
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private func formatPrice(_ price: Double) -> String {
        let cents = Int((price * 100).rounded())
        return "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

extension CivilDate {
    /// 1-based day of the year.
    var dayOfYear: Int {
        Int(daysSinceEpoch - CivilDate(year: year, month: 1, day: 1).daysSinceEpoch) + 1
    }
}
