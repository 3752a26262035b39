import Foundation
import Testing

@testable import GenRuntime

/// RFC 3339 dates: what is read, what is refused, and what is written.
@Suite struct DatesTests {
    @Test(arguments: [
        ("2019-08-24T14:15:22Z", 1_566_656_122.0),
        ("2019-08-24t14:15:22z", 1_566_656_122.0),
        ("2019-08-24 14:15:22Z", 1_566_656_122.0),
        ("2019-08-24T16:15:22+02:00", 1_566_656_122.0),
        ("2019-08-24T09:45:22-04:30", 1_566_656_122.0),
        ("2019-08-24T14:15:22.25Z", 1_566_656_122.25),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-02-29T00:00:00Z", 951_782_400),
    ])
    func reads(text: String, seconds: Double) {
        #expect(RFC3339.date(from: text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "2019-08-24", "2019-08-24T14:15:22", "2019-13-01T00:00:00Z", "2019-08-32T00:00:00Z", "2019-08-24T24:00:00Z",
        "2019-08-24T14:60:00Z", "2019-08-24T14:15:22+0200", "2019/08/24T14:15:22Z", "", "not a date at all, really",
    ])
    func refuses(text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }

    /// The coding path is worked out only for an error: `JSONReader` finds it by walking down from the top, which
    /// for every date of a long list made decoding quadratic (100,000 dated items: 42 s instead of 0.1 s).
    @Test func theCodingPathIsAskedForOnlyOnError() throws {
        var asked = 0
        func path() -> [any CodingKey] {
            asked += 1
            return []
        }
        _ = try RFC3339.decode("2019-08-24T14:15:22Z", codingPath: path())
        #expect(asked == 0)
        #expect(throws: DecodingError.self) { try RFC3339.decode("yesterday", codingPath: path()) }
        #expect(asked == 1)
    }

    @Test func writesUTCWithTheFractionOnlyWhenThereIsOne() {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_566_656_122)) == "2019-08-24T14:15:22Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_566_656_122.5)) == "2019-08-24T14:15:22.5Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -86_400)) == "1969-12-31T00:00:00Z")
    }

    @Test func roundTripsToTheMicrosecond() throws {
        for seconds in [0.0, 1.000_001, 951_782_400.123_456, 4_102_444_799.999_999, -1_000_000.5] {
            let date = Date(timeIntervalSince1970: seconds)
            let read = try #require(RFC3339.date(from: RFC3339.string(from: date)))
            #expect(abs(read.timeIntervalSince1970 - seconds) < 0.000_001, "\(seconds)")
        }
    }
}
