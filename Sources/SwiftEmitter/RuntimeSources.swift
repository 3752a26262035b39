import Foundation
import SwiftPlanning

/// The runtime every generated module carries (Foundation only, no runtime package): the Swift files of `Runtime/`,
/// a target of gen's own package that is compiled, linted and unit-tested there, read here as text and copied into
/// the output as they are. Only two things change, by `RuntimeSources.copy(_:access:)`: the access level of
/// declarations (`public` in the sources) and the keyword of `public import`s.
///
/// Each file starts with a comment saying what it holds (dropped: the generated header replaces it). The files of
/// `Runtime.swift` then have their imports (dropped too: `Runtime.swift` has one import block), then their code.
public struct RuntimeSources: Sendable {
    /// Path below the runtime folder (`Client/HTTP.swift`) → text.
    public var texts: [String: String]
    /// The folder the files came from, for messages.
    public var directory: String

    /// Creates a runtime from the texts of its files.
    public init(texts: [String: String], directory: String) {
        self.texts = texts
        self.directory = directory
    }

    /// The files whose code makes `Runtime.swift`, in this order.
    static let clientParts = [
        "Client/HTTP.swift", "Client/URLSessionTransport.swift", "Client/URLSessionBodies.swift", "Client/Wire.swift",
        "Streaming/ByteStream.swift", "Streaming/EventStreamParsers.swift", "Streaming/EventStream.swift",
        "Streaming/EventBody.swift",
        "Client/Pagination.swift", "Parameters/Parameters.swift", "Parameters/ParameterSerializer.swift",
        "Formats/JSON.swift", "Formats/JSONReader.swift", "Formats/JSONWriter.swift", "Formats/Dates.swift",
        "Formats/Compositions.swift",
    ]
    /// The files of `clientParts` left out with `urlSession: false` (the only ones that use FoundationNetworking).
    static let urlSessionParts: Set = ["Client/URLSessionTransport.swift", "Client/URLSessionBodies.swift"]
    /// The files added to `Runtime.swift` with the server side (`server: true`).
    static let serverParts = [
        "Server/Routes.swift", "Server/ServerRequest.swift", "Server/ServerRequest+Bodies.swift",
        "Server/RouteTable.swift", "Server/TextDecoder.swift", "Server/Validation.swift",
        "Server/Validation+Checks.swift", "Server/DocumentedErrors.swift", "Server/ResponseEncoding.swift",
        "Server/ResponseContract.swift",
    ]

    /// The file copied whole as the output `output` (a transport or a server adapter, `HummingbirdAdapter.swift`).
    static func adapter(_ output: String) -> String { "Adapters/" + output }

    /// Every file gen copies.
    public static var allFiles: [String] {
        clientParts + serverParts + TransportKind.allCases.map { adapter($0.output) }
            + ServerAdapterKind.allCases.map { adapter($0.output) }
    }

    /// The files of `allFiles` that are not there.
    public var missingFiles: [String] { Self.allFiles.filter { texts[$0] == nil } }

    /// `Runtime.swift`: `header`, one import block, and the code of `clientParts` (and `serverParts`).
    func runtimeFile(header: String, access: AccessModifier, server: Bool, urlSession: Bool = true) -> String {
        let keyword = access.importKeyword
        var out = header + "\n"
        out += "\(keyword) Foundation\n"
        if urlSession { out += "#if canImport(FoundationNetworking)\n\(keyword) FoundationNetworking\n#endif\n" }
        for part in Self.clientParts + (server ? Self.serverParts : [])
        where urlSession || !Self.urlSessionParts.contains(part) {
            out += "\n" + Self.copy(Self.code(of: texts[part] ?? ""), access: access)
        }
        return out
    }

    /// The file `output` of `Adapters/`: `header`, then the file without its leading comment.
    func adapterFile(_ output: String, header: String, access: AccessModifier) -> String {
        header + "\n" + Self.copy(Self.withoutLeadingComment(texts[Self.adapter(output)] ?? ""), access: access)
    }

    /// The top-level types the runtime declares (`HTTPRequest`; `RouteTable` and the server adapters'
    /// `HummingbirdAdapter`, `HummingbirdRequestContext` with `server`; the transports' always, as a configuration
    /// may add them): a schema must not take their names.
    public func typeNames(server: Bool) -> Set<String> {
        var names: Set<String> = []
        let transports = TransportKind.allCases.map { Self.adapter($0.output) }
        let adapters = server ? ServerAdapterKind.allCases.map { Self.adapter($0.output) } : []
        for part in Self.clientParts + (server ? Self.serverParts : []) + transports + adapters {
            TextLines.forEachLine(texts[part] ?? "") { line in
                if let name = Self.declaredTypeName(line) { names.insert(name) }
            }
        }
        return names
    }

    /// The name of the type a top-level line declares (`public struct HTTPRequest: Sendable {` → `HTTPRequest`).
    static func declaredTypeName(_ line: Substring) -> String? {
        let modifiers: Set<Substring> = ["public", "private", "fileprivate", "internal", "final", "indirect"]
        let kinds: Set<Substring> = ["struct", "enum", "class", "protocol", "actor", "typealias"]
        var words = line.split(separator: " ", omittingEmptySubsequences: false)[...]
        while let first = words.first, first.hasPrefix("@") || modifiers.contains(first) { words = words.dropFirst() }
        guard let kind = words.first, kinds.contains(kind), let declared = words.dropFirst().first else { return nil }
        let name = declared.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    // MARK: - The rule

    /// `text` for a module of `access`: a line's leading `public import` becomes `access`'s import keyword, and every
    /// other `public` modifier (the word, then a space, not part of a longer name) becomes `access`. The runtime's
    /// sources write `public` nowhere else (`RuntimeSourcesTests` checks that).
    static func copy(_ text: some StringProtocol, access: AccessModifier) -> String {
        guard access != .public else { return String(text) }
        return TextLines.split(String(text)).map { line in
            let indent = line.prefix { $0 == " " }
            let rest = line.dropFirst(indent.count)
            if rest.hasPrefix("public import ") {
                return indent + access.importKeyword + " " + rest.dropFirst("public import ".count)
            }
            return replacingModifier(line, with: access.rawValue)
        }.joined(separator: "\n")
    }

    /// Every `public ` in `line` that does not continue a name (`republic ` stays), as `replacement`.
    private static func replacingModifier(_ line: Substring, with replacement: String) -> String {
        var out = ""
        var rest = line
        while let range = rest.range(of: "public ") {
            let before = rest[..<range.lowerBound]
            out += before
            let previous = before.last ?? (out.last ?? " ")
            out +=
                previous.isLetter || previous.isNumber || previous == "_" || previous == "`"
                ? "public " : replacement + " "
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// `text` without the comment lines it starts with and the blank lines after them.
    static func withoutLeadingComment(_ text: String) -> Substring {
        var rest = Substring(text)
        while rest.hasPrefix("//") || rest.hasPrefix("\n") {
            rest = rest.drop { $0 != "\n" }.dropFirst()
        }
        return rest
    }

    /// The code of a `Runtime.swift` part: after its leading comment, its imports (and `#if canImport` blocks of
    /// imports), and the blank lines after them.
    static func code(of text: String) -> Substring {
        var rest = withoutLeadingComment(text)
        while let line = rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
            line.isEmpty || line.hasPrefix("import ") || line.hasPrefix("public import ")
                || line.hasPrefix("#if canImport(") || line == "#else" || line == "#endif"
        {
            rest = rest.dropFirst(line.count).dropFirst()
        }
        return rest
    }
}
