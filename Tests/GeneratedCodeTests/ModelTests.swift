import Foundation
import RunsAPI
import Testing

/// Parses JSON into Foundation objects so two payloads compare by meaning, not by key order or spacing.
func jsonObject(_ data: Data) throws -> NSObject {
    try #require(JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? NSObject)
}

@Suite struct ModelTests {
    @Test("every fixture decodes into its model and re-encodes to equivalent JSON")
    func fixturesRoundTrip() throws {
        // One per documented JSON response and named example: getRun 9, listRuns 10 (three pages), listRunResults 9, startRun 3, rerun 3,
        // getRunStatus 3, cancelRun 2 (its 204 has no body).
        #expect(Fixtures.all.count == 39)
        for fixture in Fixtures.all {
            let original = try jsonObject(Data(fixture.json.utf8))
            let reencoded = try jsonObject(fixture.reencoded())
            #expect(original == reencoded, "fixture for status \(fixture.statusCode) does not round-trip")
        }
    }

    @Test("the 200 fixture is the documented example")
    func okFixture() throws {
        let run = try Fixtures.GetRun.ok.decoded()
        #expect(run.id == 0)
        #expect(run.runStatus == .canceled)
        #expect(run.runType == .deploy)
        #expect(run.runDetails.deployRunDetails?.deployCommit == "string")
        #expect(run.userCredentials?.snowflakeAuthType == .basic)
        #expect(run.runHistory == [0])
        #expect(run.runTimeParameters == [:])
        #expect(run.runEndTime == Date(timeIntervalSince1970: 1_566_656_122))
    }

    @Test("an unknown runStatus decodes and keeps its raw value")
    func unknownEnumValue() throws {
        let json = Fixtures.GetRun.ok.json.replacingOccurrences(
            of: #""runStatus": "canceled""#, with: #""runStatus": "queued""#)
        let run = try JSONDecoder().decode(RunInfo.self, from: Data(json.utf8))
        #expect(run.runStatus == .unknown("queued"))
        #expect(run.runStatus.rawValue == "queued")
        let encoded = try JSONEncoder().encode(run)
        #expect(String(decoding: encoded, as: UTF8.self).contains(#""runStatus":"queued""#))
        #expect(RunStatus(rawValue: "waitingToRun") == .waitingToRun)
        #expect(RunStatus.allCases.count == 7)
    }

    @Test(
        "date-times decode with and without fractional seconds and with offsets",
        arguments: [
            ("2019-08-24T14:15:22Z", 1_566_656_122.0),
            ("2019-08-24T14:15:22.5Z", 1_566_656_122.5),
            ("2019-08-24T14:15:22.123456Z", 1_566_656_122.123456),
            ("2019-08-24T16:15:22+02:00", 1_566_656_122.0),
            ("2019-08-24T09:45:22.25-04:30", 1_566_656_122.25),
            ("2019-08-24t14:15:22z", 1_566_656_122.0),
        ])
    func dateTimes(text: String, seconds: Double) throws {
        let json =
            #"{"id": 1, "runDetails": {"environmentID": "e"}, "runStatus": "running", "runTimeParameters": {}, "runType": "refresh", "runStartTime": "\#(text)"}"#
        let run = try JSONDecoder().decode(RunInfo.self, from: Data(json.utf8))
        let start = try #require(run.runStartTime)
        #expect(abs(start.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test("an invalid date-time is a decoding error that names the field")
    func invalidDate() {
        let json =
            #"{"id": 1, "runDetails": {"environmentID": "e"}, "runStatus": "running", "runTimeParameters": {}, "runType": "refresh", "runEndTime": "yesterday"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RunInfo.self, from: Data(json.utf8)) }
    }

    @Test("dates are written back in UTC, with fractional seconds only when there are any")
    func dateEncoding() {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_566_656_122)) == "2019-08-24T14:15:22Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_566_656_122.25)) == "2019-08-24T14:15:22.25Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test("runDetails decodes a deploy run")
    func deployDetails() throws {
        let json =
            #"{"canceled": false, "deployCommit": "abc123", "deployCommitMessage": "ship", "environmentID": "7", "parallelism": 16, "nodesInRun": 42}"#
        let details = try JSONDecoder().decode(RunDetails.self, from: Data(json.utf8))
        #expect(
            details.deployRunDetails
                == DeployRunDetails(
                    canceled: false, deployCommit: "abc123", deployCommitMessage: "ship", environmentID: "7",
                    parallelism: 16,
                    nodesInRun: 42))
        // anyOf: the shared fields also match the refresh variant, whose other fields are optional.
        #expect(details.refreshRunDetails?.environmentID == "7")
        #expect(try jsonObject(JSONEncoder().encode(details)) == jsonObject(Data(json.utf8)))
    }

    @Test("runDetails decodes a refresh run with jobID and node selectors")
    func refreshDetails() throws {
        let json =
            #"{"environmentID": "9", "jobID": 12, "includeNodesSelector": "+model_a", "excludeNodesSelector": "{ location: STAGE }", "parallelism": 8, "refreshDescription": "nightly"}"#
        let details = try JSONDecoder().decode(RunDetails.self, from: Data(json.utf8))
        #expect(details.deployRunDetails == nil)
        let refresh = try #require(details.refreshRunDetails)
        #expect(refresh.jobID == 12)
        #expect(refresh.includeNodesSelector == "+model_a")
        #expect(refresh.excludeNodesSelector == "{ location: STAGE }")
        #expect(refresh.refreshDescription == "nightly")
        #expect(try jsonObject(JSONEncoder().encode(details)) == jsonObject(Data(json.utf8)))
    }

    @Test("a list of full runs matches both forms of listRuns' data and re-encodes with every member")
    func listOfFullRuns() throws {
        // `data` is an anyOf of a list of summaries and a list of full runs: the full form decodes as both, and the
        // summaries keep no runDetails, so the two encodings are merged element by element (found by
        // Scripts/conformance.sh: runDetails came back left out).
        let json =
            #"{"limit": 1, "orderBy": "id", "orderByDirection": "asc", "data": [{"id": 3, "runDetails": {"environmentID": "e", "jobID": 4}, "runStatus": "running", "runTimeParameters": {"x": 1}, "runType": "refresh"}]}"#
        let response = try JSONDecoder().decode(RunsResponse.self, from: Data(json.utf8))
        #expect(response.data.runSummary?.first?.id == 3)
        #expect(response.data.runInfo?.first?.runDetails.refreshRunDetails?.jobID == 4)
        #expect(try jsonObject(JSONEncoder().encode(response)) == jsonObject(Data(json.utf8)))
    }

    @Test("runDetails matching neither variant is a decoding error")
    func neitherVariant() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RunDetails.self, from: Data(#"{"canceled": true}"#.utf8))
        }
    }

    @Test("free-form runTimeParameters keep any JSON")
    func freeForm() throws {
        let json =
            #"{"id": 1, "runDetails": {"environmentID": "e"}, "runStatus": "completed", "runTimeParameters": {"a": 1, "b": [true, null, "x"], "c": {"d": 1.5}}, "runType": "refresh"}"#
        let run = try JSONDecoder().decode(RunInfo.self, from: Data(json.utf8))
        #expect(run.runTimeParameters["a"] == .integer(1))
        #expect(run.runTimeParameters["b"] == .array([.bool(true), .null, .string("x")]))
        #expect(run.runTimeParameters["c"] == .object(["d": .number(1.5)]))
    }
}
