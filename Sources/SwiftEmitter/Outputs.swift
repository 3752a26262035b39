import Foundation
public import SwiftPlanning

/// One kind of file gen writes, declared once: `emit` walks `Outputs.all` to render them (in its order), `gen
/// --list-outputs` prints them for the build plugin, and the template catalogue test checks that
/// `Templates/README.md` and `Runtime/README.md` describe each.
public struct OutputFile: Sendable {
    /// Which output: what `emit` renders it from.
    public enum ID: String, Sendable, CaseIterable {
        case client, clientOperations, models, operations, runtime, asyncHTTPClientTransport, server,
            serverOperations, mockHandler, hummingbirdAdapter, vaporAdapter, fixtures, exerciser, exerciserOperations
    }

    /// What a file is made from.
    public enum Source: Sendable, Hashable {
        /// A template of `Templates/` (its name without `.mustache`).
        case template(String)
        /// The runtime's Swift files (`Runtime/…`), copied.
        case runtime
    }

    public let id: ID
    /// The file's name; in a file spread by first letter, `X` stands for the letter (`Models+X.swift`).
    public let name: String
    public let source: Source
    /// Spread over one file per first letter (`Models+A.swift` … `Models+_.swift`).
    public let byLetter: Bool
    /// Test support, compiled into a test target of its own with `fixtures.module`.
    public let isTestSupport: Bool
    /// Whether `options` write it.
    public let isWritten: @Sendable (EmitOptions) -> Bool

    init(
        _ id: ID, _ name: String, _ source: Source, byLetter: Bool = false, isTestSupport: Bool = false,
        isWritten: @escaping @Sendable (EmitOptions) -> Bool = { _ in true }
    ) {
        self.id = id
        self.name = name
        self.source = source
        self.byLetter = byLetter
        self.isTestSupport = isTestSupport
        self.isWritten = isWritten
    }

    /// The file for the letter `key` of a file spread by letter (`Models+R.swift`), or the name.
    public func fileName(_ key: String) -> String {
        byLetter ? name.replacingOccurrences(of: "+X.", with: "+\(key).") : name
    }
}

/// The table of outputs.
public enum Outputs {
    /// Every output, in the order `emit` renders and returns their files (the fixture JSON files, data without a
    /// template, come after them): the one-file jobs first (Fixtures.swift is a third of GitHub's output; started
    /// last, such a job ran alone on one core at the end, and its working strings came on top of every file already
    /// rendered). The models render on the other core while the operations are planned, so their place here is only
    /// where their files are returned.
    public static let all: [OutputFile] = [
        OutputFile(.fixtures, "Fixtures.swift", .template("Fixtures.swift"), isTestSupport: true) { $0.fixtures },
        OutputFile(.exerciser, "Exerciser.swift", .template("Exerciser.swift")) { $0.exerciser },
        OutputFile(.exerciserOperations, "Exerciser+X.swift", .template("ExerciserOperations.swift"), byLetter: true) {
            $0.exerciser
        },
        OutputFile(.client, "Client.swift", .template("Client.swift")),
        OutputFile(.runtime, "Runtime.swift", .runtime),
        OutputFile(.asyncHTTPClientTransport, "AsyncHTTPClientTransport.swift", .runtime) {
            $0.transports.contains(.asyncHTTPClient) && $0.fixturesModule == nil
        },
        OutputFile(.server, "Server.swift", .template("Server.swift")) { $0.server },
        OutputFile(.serverOperations, "Server+X.swift", .template("ServerOperations.swift"), byLetter: true) {
            $0.server
        },
        OutputFile(.mockHandler, "MockHandler.swift", .template("MockHandler.swift")) {
            $0.server && $0.fixtures && $0.fixturesModule == nil
        },
        OutputFile(.hummingbirdAdapter, "HummingbirdAdapter.swift", .runtime) {
            $0.server && $0.serverAdapters.contains(.hummingbird)
        },
        OutputFile(.vaporAdapter, "VaporAdapter.swift", .runtime) { $0.server && $0.serverAdapters.contains(.vapor) },
        OutputFile(.clientOperations, "Client+X.swift", .template("ClientOperations.swift"), byLetter: true),
        OutputFile(.operations, "Operations+X.swift", .template("Operations.swift"), byLetter: true),
        OutputFile(.models, "Models+X.swift", .template("Models.swift"), byLetter: true),
    ]

    /// The templates `options` render.
    static func templates(for options: EmitOptions) -> [String] {
        all.compactMap { output in
            guard output.isWritten(options), case .template(let name) = output.source else { return nil }
            return name
        }
    }

    /// Every Swift file a target gets from gen with `options` and `--every-file` (all letters of the files spread by
    /// letter, but those of the exerciser, which are not written with `--every-file`): what a build plugin declares
    /// before gen runs. With `fixtures.module` the target is that module's test target, which compiles the test
    /// support only.
    public static func files(for options: EmitOptions) -> [String] {
        all.filter { $0.isWritten(options) && (options.fixturesModule == nil || $0.isTestSupport) }.flatMap {
            output -> [String] in
            guard output.byLetter else { return [output.name] }
            return output.id == .exerciserOperations ? [] : FileLayout.keys.map(output.fileName)
        }
    }
}
