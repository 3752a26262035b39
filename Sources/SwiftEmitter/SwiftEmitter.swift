public import APIModel
public import Diagnostics
import Foundation
internal import Mustache

/// One file gen writes, relative to the output folder.
public struct GeneratedFile: Hashable, Sendable {
    /// The path below the output folder (`Models+R.swift`, `Fixtures/getRun/200.json`).
    public var path: String
    /// The complete contents.
    public var contents: String

    /// Creates a file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// The templates gen renders, by name (`Models.swift`, `partials/struct`), with the file each came from.
public struct TemplateSet: Sendable {
    /// Template name (path below the templates folder without `.mustache`) → text.
    public var texts: [String: String]
    /// The folder the templates came from, for messages.
    public var directory: String

    /// The runtime copied into every module (not a template: Swift files of their own, see `RuntimeSources`).
    public var runtime: RuntimeSources

    /// Creates a template set.
    public init(texts: [String: String], directory: String, runtime: RuntimeSources) {
        self.texts = texts
        self.directory = directory
        self.runtime = runtime
    }

    /// The top-level templates, in a fixed order: `Client.swift` renders one file, the templates of
    /// `FileLayout.Part` one file per letter, `Fixtures.swift` the fixtures.
    public static let outputs = [
        "Client.swift", "ClientOperations.swift", "Models.swift", "Operations.swift", "Fixtures.swift",
    ]
}

/// The optional output that exercises the generated client (`EmitOptions.exerciser`).
let exerciserOutput = "Exerciser.swift"
/// The template of `Exerciser+X.swift`, the checks of the operations whose names start with X.
let exerciserOperationsTemplate = "ExerciserOperations.swift"

/// Transports gen writes besides `URLSessionTransport`, each a file that imports its package in the user's target.
public enum TransportKind: String, Sendable, Hashable, CaseIterable {
    /// `AsyncHTTPClientTransport` (swift-server/async-http-client): streams with backpressure, for servers.
    case asyncHTTPClient

    /// The file (and its template) that holds the transport.
    public var output: String {
        switch self {
        case .asyncHTTPClient: "AsyncHTTPClientTransport.swift"
        }
    }
}

/// Adapters that serve `APIRouter` through a server framework, each a file that imports it in the user's target.
public enum ServerAdapterKind: String, Sendable, Hashable, CaseIterable {
    /// Hummingbird 2 (hummingbird-project/hummingbird).
    case hummingbird
    /// Vapor 4 (vapor/vapor).
    case vapor

    /// The file (and its template) that holds the adapter.
    public var output: String {
        switch self {
        case .hummingbird: "HummingbirdAdapter.swift"
        case .vapor: "VaporAdapter.swift"
        }
    }
}

/// The server side's outputs (`EmitOptions.server`).
let serverOutput = "Server.swift"
let mockOutput = "MockHandler.swift"

/// The access level of the generated declarations.
public enum AccessModifier: String, Sendable, Hashable, CaseIterable {
    /// A library others import (the default).
    case `public`
    /// Code generated into a target that other targets of the same package use.
    case package
    /// Code generated into the target that uses it.
    case `internal`

    /// The keyword of a Foundation import that declarations of this level may expose.
    var importKeyword: String {
        switch self {
        case .public: "public import"
        case .package: "package import"
        case .internal: "import"
        }
    }
}

/// What to generate, and how.
public struct EmitOptions: Sendable, Hashable {
    /// Also write `Exerciser.swift`, which calls every operation against `ReplayTransport` and checks every
    /// documented response (`Exerciser.run()`).
    public var exerciser: Bool
    /// The access level of every generated declaration.
    public var access: AccessModifier
    /// Only these operations and the schemas they use, when set.
    public var filter: OperationFilter?
    /// Swift types chosen instead of gen's defaults.
    public var typeOverrides: TypeOverrides
    /// Whether `Fixtures.swift` (fixtures and `ReplayTransport`) and the fixture files are generated.
    public var fixtures: Bool
    /// The module the fixtures test, when they are compiled in another target (a test target):
    /// `Fixtures.swift` then imports it with `@testable`.
    public var fixturesModule: String?
    /// Write every file of `FileLayout.everyPartFile`, those with nothing to declare as a header comment: a build
    /// plugin declares its output files before gen runs.
    public var everyFile: Bool
    /// Whether the models (and the operations' error enums, headers and outputs) are `Hashable`; by default they
    /// are `Equatable` only: hashing code for every model costs about a tenth of a large module's build, and few
    /// programs put API responses in sets or dictionary keys.
    public var hashable: Bool
    /// How Server-sent event streams end (`eventStreams` in gen-config).
    public var eventStreams: EventStreamOptions = EventStreamOptions()
    /// Transports to write besides `URLSessionTransport` (`transports` in gen-config).
    public var transports: [TransportKind] = []
    /// Also write the server side (`server: true` in gen-config, or `--server`): Server.swift (`APIHandler`,
    /// `APIRouter`), `Server+X.swift` (each operation's `Input` and `Response`, by letter) and, with fixtures,
    /// MockHandler.swift.
    public var server = false
    /// Write the client's operations (`client: false` in gen-config leaves them out, for a server-only module).
    public var client = true
    /// Server adapters to write (`servers` in gen-config), each a file that imports its framework.
    public var serverAdapters: [ServerAdapterKind] = []

    /// `Hashable` or `Equatable`, as `hashable` says.
    var equality: String { hashable ? "Hashable" : "Equatable" }

    /// Creates options.
    public init(
        exerciser: Bool = false, access: AccessModifier = .public, filter: OperationFilter? = nil,
        typeOverrides: TypeOverrides = TypeOverrides(), fixtures: Bool = true, fixturesModule: String? = nil,
        everyFile: Bool = false, hashable: Bool = false
    ) {
        self.everyFile = everyFile
        self.hashable = hashable
        self.exerciser = exerciser
        self.access = access
        self.filter = filter
        self.typeOverrides = typeOverrides
        self.fixtures = fixtures
        self.fixturesModule = fixturesModule
    }
}

/// Turns an `APIDocument` into Swift files through the Mustache templates.
public enum SwiftEmitter {
    /// Renders every output file.
    ///
    /// - Parameters:
    ///   - document: The model read from the spec.
    ///   - specName: The spec's file name for the header (no directories, so output never depends on paths).
    ///   - templates: The templates to render.
    ///   - diagnostics: Receives naming collisions and template errors.
    ///   - stageFinished: Called with `"model"` once the views are built and `"render"` once the files are
    ///     rendered, for `--timings`.
    /// - Returns: The files in a fixed order: the Swift files (see `FileLayout`), then the fixture JSON files.
    public static func emit(
        _ document: APIDocument, specName: String, templates: TemplateSet, options: EmitOptions = EmitOptions(),
        diagnostics: any DiagnosticSink, stageFinished: (_ stage: String) -> Void = { _ in }
    ) -> [GeneratedFile] {
        emit(
            document, specName: specName, templates: CompiledTemplates(templates), options: options,
            diagnostics: diagnostics, stageFinished: stageFinished)
    }

    /// Renders every output file with templates compiled beforehand (see `CompiledTemplates`).
    public static func emit(
        _ document: APIDocument, specName: String, templates: CompiledTemplates, options: EmitOptions = EmitOptions(),
        diagnostics: any DiagnosticSink, stageFinished: (_ stage: String) -> Void = { _ in }
    ) -> [GeneratedFile] {
        for diagnostic in templates.problems { diagnostics.emit(diagnostic) }
        guard templates.problems.isEmpty else { return [] }
        for name in [exerciserOutput, exerciserOperationsTemplate]
        where options.exerciser && !templates.names.contains(name) {
            diagnostics.emit(.missingTemplate(name, in: templates.directory))
            return []
        }
        let serverTemplates = options.server ? [serverOutput, FileLayout.Part.server.template, mockOutput] : []
        for name in serverTemplates where !templates.names.contains(name) {
            diagnostics.emit(.missingTemplate(name, in: templates.directory))
            return []
        }
        if options.exerciser, !options.fixtures || options.fixturesModule != nil {
            diagnostics.emit(.exerciserNeedsFixtures)
            return []
        }
        let library = templates.library
        let access = options.access.rawValue
        let renderer = DeclarationRenderer(library: library, access: access, equality: options.equality)
        // Swift 6 warns about a `public import` nothing public needs.
        let foundationImport = { (needed: Bool) in (needed ? options.access.importKeyword : "import") + " Foundation" }
        var file = FileView(
            specName: specName, access: access, importKeyword: options.access.importKeyword,
            isHashable: options.hashable)
        // A letter's file with nothing to declare (written for `everyFile`) is its header comment only.
        let header: () -> String = { library.render(file, withTemplate: "partials/file-header") ?? "" }
        let queue = RenderQueue()
        let background = DispatchGroup()
        var modelFiles: [Int] = []

        let translation = Translation(
            document, options: options, runtimeTypeNames: templates.runtime.typeNames(server: options.server),
            diagnostics: diagnostics
        ) {
            componentTypes in
            // The models' files depend on the component schemas only: they render on the other core while the
            // operations are planned and the fixtures built.
            for (key, declarations) in FileLayout.grouped(componentTypes, everyKey: options.everyFile, name: \.name) {
                let part = FileLayout.Part.models
                modelFiles.append(
                    queue.add(
                        part.fileName(key),
                        declarations.isEmpty
                            ? header
                            : {
                                let models = ModelsView(
                                    types: declarations.flatMap { renderer.views($0.plan) },
                                    foundationImport: foundationImport(declarations.contains { $0.plan.usesFoundation })
                                )
                                return library.render(file.with(models: models), withTemplate: part.template) ?? ""
                            }))
            }
            DispatchQueue.global().async(group: background) { queue.work() }
        }
        let (document, types) = (translation.document, translation.types)
        let (client, namespaces, plans) = (translation.client, translation.namespaces, translation.plans)
        // Without fixtures there is no exerciser either (checked above), so nothing needs them built.
        let (fixtures, fixtureFiles, fixtureMembers) =
            options.fixtures
            ? FixturesBuilder(document: document, plans: plans, types: types, diagnostics: diagnostics).build()
            : (FixturesView(operations: [], routes: [], allFixtures: []), [], [])
        let exerciser =
            options.exerciser
            ? [
                ExerciserBuilder(
                    document: document, plans: plans, fixtureMembers: fixtureMembers, types: types,
                    diagnostics: diagnostics, roundTrips: options.server
                ).build()
            ]
            : []
        stageFinished("model")

        // The one-file jobs first (Fixtures.swift is a third of GitHub's output): started last, such a job ran
        // alone on one core at the end, and its working strings came on top of every file already rendered.
        var fixturesFile: [Int] = []
        var exerciserFile: [Int] = []
        if options.fixtures {
            var view = file
            view.fixtures = [fixtures]
            view.testableImports = options.fixturesModule.map { [$0] } ?? []
            fixturesFile.append(
                queue.add("Fixtures.swift") { library.render(view, withTemplate: "Fixtures.swift") ?? "" })
        }
        if let whole = exerciser.first {
            var core = whole
            core.operations = []
            var view = file
            view.exerciser = [core]
            exerciserFile.append(
                queue.add(exerciserOutput) { library.render(view, withTemplate: exerciserOutput) ?? "" })
            // Each operation's checks, spread by letter: a large spec's (5.6 MB for GitHub's) are not one compile job.
            for (key, function, operations) in ExerciserBuilder.letters(whole.operations) {
                var letter = whole
                letter.operations = operations
                letter.letterFunction = function
                var letterView = file
                letterView.exerciser = [letter]
                exerciserFile.append(
                    queue.add("Exerciser+\(key).swift") {
                        library.render(letterView, withTemplate: exerciserOperationsTemplate) ?? ""
                    })
            }
        }
        var clientCore = client
        clientCore.operations = []
        clientCore.hasOperationNamespaces = !namespaces.isEmpty || options.server
        let clientFile = queue.add("Client.swift") {
            library.render(file.with(client: clientCore), withTemplate: "Client.swift") ?? ""
        }
        let runtime = templates.runtime
        let runtimeFile = queue.add("Runtime.swift") {
            runtime.runtimeFile(header: header(), access: options.access, server: options.server)
        }
        let transportFiles =
            options.fixturesModule != nil
            ? []
            : options.transports.map { transport in
                queue.add(transport.output) {
                    runtime.adapterFile(transport.output, header: header(), access: options.access)
                }
            }
        var serverFiles: [Int] = []
        if options.server {
            var view = file
            let server = ServerBuilder(
                document: document, plans: plans, namespaced: Set(namespaces.map(\.name)), access: access,
                foundationImport: foundationImport
            ).build()
            view.server = [server]
            serverFiles.append(queue.add(serverOutput) { library.render(view, withTemplate: serverOutput) ?? "" })
            // Each operation's Input and Response, spread by letter as the client's operations are.
            let part = FileLayout.Part.server
            for (key, entries) in FileLayout.grouped(
                Array(zip(server.operations, plans)), everyKey: options.everyFile, name: { $0.0.name })
            {
                var letter = server
                letter.operations = entries.map(\.0)
                letter.foundationImport = foundationImport(entries.contains { $0.1.signatureUsesFoundation })
                var letterView = file
                letterView.server = [letter]
                serverFiles.append(
                    queue.add(
                        part.fileName(key),
                        entries.isEmpty ? header : { library.render(letterView, withTemplate: part.template) ?? "" }))
            }
            if options.fixtures, options.fixturesModule == nil {
                view.mock = [
                    MockBuilder(
                        document: document, plans: plans, fixtureMembers: fixtureMembers, types: types,
                        diagnostics: diagnostics
                    ).build()
                ]
                serverFiles.append(queue.add(mockOutput) { library.render(view, withTemplate: mockOutput) ?? "" })
            }
            for adapter in options.serverAdapters {
                serverFiles.append(
                    queue.add(adapter.output) {
                        runtime.adapterFile(adapter.output, header: header(), access: options.access)
                    })
            }
        }
        var clientFiles: [Int] = []
        for (key, entries) in FileLayout.grouped(
            options.client ? Array(zip(client.operations, plans)) : [], everyKey: options.everyFile,
            name: { $0.0.name })
        {
            var part = client
            part.operations = entries.map { $0.0 }
            part.foundationImport = foundationImport(entries.contains { $0.1.signatureUsesFoundation })
            clientFiles.append(
                queue.add(
                    FileLayout.Part.client.fileName(key),
                    entries.isEmpty
                        ? header
                        : {
                            library.render(file.with(client: part), withTemplate: FileLayout.Part.client.template) ?? ""
                        }))
        }
        var operationFiles: [Int] = []
        for (key, group) in FileLayout.grouped(namespaces, everyKey: options.everyFile, name: \.name) {
            operationFiles.append(
                queue.add(
                    FileLayout.Part.operations.fileName(key),
                    group.isEmpty
                        ? header
                        : {
                            let lines = renderer.declarationLines(
                                group.map {
                                    library.render(renderer.namespaceView($0), withTemplate: "partials/namespace") ?? ""
                                })
                            let usesFoundation = group.contains { $0.declarations.contains(where: \.usesFoundation) }
                            let models = ModelsView(
                                namespaceLines: lines, foundationImport: foundationImport(usesFoundation))
                            return library.render(
                                file.with(models: models), withTemplate: FileLayout.Part.operations.template) ?? ""
                        }))
        }
        DispatchQueue.concurrentPerform(iterations: 2) { _ in queue.work() }
        background.wait()
        var files =
            ([clientFile] + clientFiles + modelFiles + operationFiles + [runtimeFile] + transportFiles + serverFiles
            + fixturesFile + exerciserFile)
            .map(queue.result)
        if options.fixtures { files += fixtureFiles.map { GeneratedFile(path: $0.path, contents: $0.text) } }
        stageFinished("render")
        return files
    }
}

/// The files to render, each taken by whichever thread is free next: a background thread starts on the models'
/// files while the rest is still being planned, and at the render stage both cores take what is left.
private final class RenderQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [(path: String, render: () -> String)] = []
    private var results: [GeneratedFile?] = []
    private var next = 0

    /// Adds a file to render; returns its index for `result`.
    func add(_ path: String, _ render: @escaping () -> String) -> Int {
        lock.withLock {
            jobs.append((path, render))
            results.append(nil)
            return jobs.count - 1
        }
    }

    /// Renders files until none is left to take.
    func work() {
        while let (index, job) = take() {
            let file = GeneratedFile(path: job.path, contents: Tidy.swiftSource(job.render()))
            lock.withLock { results[index] = file }
        }
    }

    private func take() -> (Int, (path: String, render: () -> String))? {
        lock.withLock {
            guard next < jobs.count else { return nil }
            next += 1
            return (next - 1, jobs[next - 1])
        }
    }

    /// A rendered file; call once every worker is done.
    func result(_ index: Int) -> GeneratedFile { lock.withLock { results[index]! } }
}

/// The typed translation of a spec that `emit` prints and `surface` compares: the filter applied, every schema and
/// operation planned, in one order, so `gen diff` sees exactly the API `gen` generates.
struct Translation {
    /// The document after the configuration's filter.
    let document: APIDocument
    let types: TypeBuilder
    let clientBuilder: ClientBuilder
    /// The declarations of the component schemas.
    let componentTypes: [ComponentDeclaration]
    let client: ClientView
    /// The inline types of the operations that declare any, in document order.
    let namespaces: [NamespacePlan]
    /// One plan per operation of `document`, in document order.
    let plans: [OperationPlan]

    /// - Parameter componentsReady: Called with the component schemas' declarations as soon as they are final,
    ///   before the operations are planned.
    ///   - runtimeTypeNames: The runtime's types (`RuntimeSources.typeNames`), which no schema may be named after.
    init(
        _ document: APIDocument, options: EmitOptions, runtimeTypeNames: Set<String>, diagnostics: any DiagnosticSink,
        componentsReady: (_ componentTypes: [ComponentDeclaration]) -> Void = { _ in }
    ) {
        let document = options.filter.map { $0.apply(to: document, diagnostics: diagnostics) } ?? document
        let types = TypeBuilder(
            document: document, overrides: options.typeOverrides,
            reserved: runtimeTypeNames.union(options.server ? SwiftNaming.serverTypeNames : []),
            diagnostics: diagnostics)
        let clientBuilder = ClientBuilder(
            document: document, types: types, access: options.access.rawValue, eventStreams: options.eventStreams,
            serverSide: options.server, diagnostics: diagnostics)
        self.document = document
        self.types = types
        self.clientBuilder = clientBuilder
        componentTypes = types.componentTypes()
        componentsReady(componentTypes)
        (client, namespaces, plans) = clientBuilder.build()
    }
}

/// How the Server-sent event streams of a spec end: a `data` value that is no event but the end of the stream
/// (OpenAI's `[DONE]`), for every stream or per operation (by `operationId`). Without one, a terminator shown in
/// the stream's examples is used, and otherwise the stream ends with the body.
public struct EventStreamOptions: Sendable, Hashable {
    /// The terminator of every stream.
    public var terminator: String?
    /// Terminators by `operationId`, overriding `terminator`.
    public var terminators: [String: String]

    /// Creates options.
    public init(terminator: String? = nil, terminators: [String: String] = [:]) {
        self.terminator = terminator
        self.terminators = terminators
    }
}

/// Templates parsed once, on both cores, before any spec is rendered with them; parsing does not depend on the
/// spec, so the generator does it while the spec is being read.
public struct CompiledTemplates: Sendable {
    let library: MustacheLibrary
    /// Syntax errors and missing top-level templates, in template-name order.
    public let problems: [Diagnostic]

    /// Parses every template of `set`.
    public init(_ set: TemplateSet) {
        // Sorted so template errors are reported in the same order on every run.
        let names = set.texts.keys.sorted()
        let slots = Slots<Parsed>(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let name = names[index]
            let file = set.directory + "/" + name + ".mustache"
            do {
                slots.set(index, .template(try MustacheTemplate(string: set.texts[name]!)))
            } catch let error as MustacheTemplate.ParserError {
                slots.set(
                    index,
                    .problem(
                        .templateError(
                            "\(error.error)",
                            at: SourceLocation(
                                file: file, line: error.context.lineNumber, column: error.context.columnNumber))))
            } catch {
                slots.set(
                    index, .problem(.templateError("\(error)", at: SourceLocation(file: file, line: 1, column: 1))))
            }
        }
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        for (name, result) in zip(names, slots.all) {
            switch result {
            case .template(let template): library.register(template, named: name)
            case .problem(let diagnostic): problems.append(diagnostic)
            }
        }
        for name in TemplateSet.outputs where set.texts[name] == nil {
            problems.append(.missingTemplate(name, in: set.directory))
        }
        for path in set.runtime.missingFiles {
            problems.append(.missingRuntimeFile(path, in: set.runtime.directory))
        }
        self.runtime = set.runtime
        self.library = library
        self.problems = problems
        self.names = Set(names)
        self.directory = set.directory
    }

    /// The names of the templates parsed.
    let names: Set<String>
    /// The runtime copied into every module.
    let runtime: RuntimeSources
    /// The folder the templates came from, for messages.
    let directory: String

    private enum Parsed: Sendable {
        case template(MustacheTemplate)
        case problem(Diagnostic)
    }
}

/// Values computed on several threads, each into its own slot (rendering here, writing in the generator).
package final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    /// The values in slot order; call once every slot is set.
    package var all: [Value] { lock.withLock { slots.map { $0! } } }
}

/// Final whitespace rules every generated Swift file meets: no trailing spaces, at most one blank line in a row,
/// no blank line right after `{` or before `}`, one final newline.
enum Tidy {
    /// One pass over the lines, holding back only a blank line until the next line shows whether it stays: no
    /// array of lines, so tidying GitHub's 3 MB Fixtures.swift costs its output and nothing more.
    static func swiftSource(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingBlank = false
        var hasLines = false
        var lastEndsWithBrace = false
        TextLines.forEachLine(text) { raw in
            let line = raw.trimmingTrailingBlanks
            if line.isEmpty {
                // Kept only between two lines, once, and never right after `{`.
                if hasLines && !lastEndsWithBrace { pendingBlank = true }
                return
            }
            if pendingBlank && !line.hasPrefixAfterSpaces("}") { out += "\n" }
            pendingBlank = false
            out += line
            out += "\n"
            hasLines = true
            lastEndsWithBrace = line.endsWith(UInt8(ascii: "{"))
        }
        return hasLines ? out : "\n"
    }
}
