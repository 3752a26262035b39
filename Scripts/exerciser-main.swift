// The program Scripts/corpus.sh and Scripts/conformance.sh compile with gen's output (`--exerciser`):
//
//   program                   runs the exerciser: every operation against ReplayTransport, every documented response
//                             checked; prints each failure, each request sent (a line of JSON) and the summary
//   program --types           prints each key of Exerciser.decodedTypeKeys and its Swift type, tab-separated
//   program --reencode FILE   reads lines `key<TAB>json` and prints, for each, `ok<TAB>json` (the value decoded as the
//                             key's type and encoded again) or `error<TAB>why it did not decode`
import Foundation

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "--types":
    for key in Exerciser.decodedTypeKeys {
        print(key + "\t" + (Exerciser.decodedType(key).map { String(reflecting: $0) } ?? "-"))
    }
case "--reencode":
    guard arguments.count == 2, let input = FileManager.default.contents(atPath: arguments.last!) else {
        FileHandle.standardError.write(Data("usage: program --reencode FILE\n".utf8))
        exit(2)
    }
    var output = ""
    for line in String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
        guard let tab = line.firstIndex(of: "\t") else { continue }
        do {
            let encoded = try Exerciser.reencode(String(line[..<tab]), Data(line[line.index(after: tab)...].utf8))
            output += "ok\t" + String(decoding: encoded, as: UTF8.self) + "\n"
        } catch {
            let reason = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            output += "error\t" + reason.prefix(600) + "\n"
        }
    }
    FileHandle.standardOutput.write(Data(output.utf8))
default:
    let report = await Exerciser.run()
    for failure in report.failures { print("FAIL " + failure) }
    for request in report.requests { print(request.jsonLine) }
    print("exerciser: " + report.summary)
}
