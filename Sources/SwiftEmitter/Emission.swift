import Diagnostics
import Foundation
internal import Mustache
import SwiftPlanning

/// One run of `emit`: what every output's renderer needs, decided once, and a renderer per output of `Outputs`.
/// Each renderer queues its files on `queue` and returns their indexes; `emit` puts them in the table's order.
struct Emission {
    let options: EmitOptions
    let library: MustacheLibrary
    let runtime: RuntimeSources
    let renderer: DeclarationRenderer
    /// The root view every template starts from.
    let file: FileView
    let queue = RenderQueue()

    init(templates: CompiledTemplates, options: EmitOptions, specName: String) {
        self.options = options
        library = templates.library
        runtime = templates.runtime
        renderer = DeclarationRenderer(library: library, access: options.access.rawValue, equality: options.equality)
        file = FileView(
            specName: specName, access: options.access.rawValue, importKeyword: options.access.importKeyword,
            isHashable: options.hashable)
    }

    /// What the planning stage gave the renderers: the translation, the fixtures and the exerciser.
    struct Planned {
        let translation: Translation
        /// The client's view (Client.swift, Client+X.swift).
        let client: ClientView
        let fixtures: FixturesView
        let fixtureFiles: [(path: String, text: String)]
        let fixtureMembers: [FixtureMembers]
        let exerciser: ExerciserView?
        /// The server side's view, with `server: true`.
        let server: ServerSideView?
        let diagnostics: any DiagnosticSink

        init(_ translation: Translation, options: EmitOptions, diagnostics: any DiagnosticSink) {
            self.translation = translation
            self.diagnostics = diagnostics
            client = ClientBuilder(planner: translation.planner).build(
                plans: translation.plans, headersTypes: translation.headersTypes)
            let (document, types, plans) = (translation.document, translation.types, translation.plans)
            // Without fixtures there is no exerciser either (`canEmit`), so nothing needs them built.
            (fixtures, fixtureFiles, fixtureMembers) =
                options.fixtures
                ? FixturesBuilder(document: document, plans: plans, types: types, diagnostics: diagnostics).build()
                : (FixturesView(operations: [], routes: [], allFixtures: []), [], [])
            exerciser =
                options.exerciser
                ? ExerciserBuilder(
                    document: document, plans: plans, fixtureMembers: fixtureMembers, types: types,
                    diagnostics: diagnostics, roundTrips: options.server
                ).build() : nil
            server =
                options.server
                ? ServerBuilder(
                    document: document, plans: plans, namespaced: Set(translation.namespaces.map(\.name)),
                    access: options.access.rawValue,
                    foundationImport: { Emission.foundationImport($0, options.access) }, diagnostics: diagnostics
                ).build() : nil
        }
    }

    /// Queues the files of `output`.
    func render(_ output: OutputFile, _ planned: Planned) -> [Int] {
        switch output.id {
        case .client: [client(output, planned)]
        case .clientOperations: clientOperations(output, planned)
        case .models: []  // queued while the operations are planned (`models(_:)`)
        case .operations: operations(output, planned)
        case .runtime:
            [
                queue.add(output.name) {
                    runtime.runtimeFile(
                        header: header(), access: options.access, server: options.server,
                        urlSession: options.urlSession)
                }
            ]
        case .asyncHTTPClientTransport, .hummingbirdAdapter, .vaporAdapter:
            [queue.add(output.name) { runtime.adapterFile(output.name, header: header(), access: options.access) }]
        case .server, .serverOperations: server(output, planned)
        case .mockHandler: [mockHandler(output, planned)]
        case .fixtures: [fixtures(output, planned)]
        case .exerciser, .exerciserOperations: exerciser(output, planned)
        }
    }

    // MARK: - The renderers

    /// A file with nothing to declare (a letter written for `everyFile`) is its header comment only.
    func header() -> String { library.render(file, withTemplate: "partials/file-header") ?? "" }

    /// The import of Foundation: `public import` only where a public declaration needs it (Swift 6 warns about a
    /// `public import` nothing public needs).
    func foundationImport(_ needed: Bool) -> String { Self.foundationImport(needed, options.access) }

    static func foundationImport(_ needed: Bool, _ access: AccessModifier) -> String {
        (needed ? access.importKeyword : "import") + " Foundation"
    }

    /// Queues `template` rendered with `view` as the file `name`.
    private func add(_ name: String, _ template: OutputFile.Source, _ view: @escaping () -> FileView) -> Int {
        guard case .template(let template) = template else { preconditionFailure("\(name) has no template") }
        return queue.add(name) { library.render(view(), withTemplate: template) ?? "" }
    }

    /// The component schemas' declarations, by letter (`Models+X.swift`).
    func models(_ componentTypes: [ComponentDeclaration]) -> [Int] {
        let output = Outputs.all.first { $0.id == .models }!
        return FileLayout.grouped(componentTypes, everyKey: options.everyFile, name: \.name).map { key, declarations in
            guard !declarations.isEmpty else { return queue.add(output.fileName(key), header) }
            return add(output.fileName(key), output.source) {
                file.with(
                    models: ModelsView(
                        types: declarations.flatMap { renderer.views($0.plan) },
                        foundationImport: foundationImport(declarations.contains { $0.plan.usesFoundation })))
            }
        }
    }

    private func client(_ output: OutputFile, _ planned: Planned) -> Int {
        var core = planned.client
        core.operations = []
        core.hasOperationNamespaces = !planned.translation.namespaces.isEmpty || options.server
        core.urlSession = options.urlSession
        return add(output.name, output.source) { file.with(client: core) }
    }

    /// The client's operations by letter (`Client+X.swift`); with `client: false`, none (the letters' headers
    /// for `everyFile`).
    private func clientOperations(_ output: OutputFile, _ planned: Planned) -> [Int] {
        let (client, plans) = (planned.client, planned.translation.plans)
        let entries = options.client ? Array(zip(client.operations, plans)) : []
        return FileLayout.grouped(entries, everyKey: options.everyFile, name: { $0.0.name }).map { key, entries in
            guard !entries.isEmpty else { return queue.add(output.fileName(key), header) }
            var part = client
            part.operations = entries.map { $0.0 }
            part.foundationImport = foundationImport(entries.contains { $0.1.signatureUsesFoundation })
            return add(output.fileName(key), output.source) { file.with(client: part) }
        }
    }

    /// The operations' inline types by letter (`Operations+X.swift`).
    private func operations(_ output: OutputFile, _ planned: Planned) -> [Int] {
        FileLayout.grouped(planned.translation.namespaces, everyKey: options.everyFile, name: \.name).map {
            key, group in
            guard !group.isEmpty else { return queue.add(output.fileName(key), header) }
            return add(output.fileName(key), output.source) {
                let lines = renderer.declarationLines(
                    group.map { library.render(renderer.namespaceView($0), withTemplate: "partials/namespace") ?? "" })
                let usesFoundation = group.contains { $0.declarations.contains(where: \.usesFoundation) }
                return file.with(
                    models: ModelsView(namespaceLines: lines, foundationImport: foundationImport(usesFoundation)))
            }
        }
    }

    /// `Server.swift`, or each operation's `Input` and `Response` by letter (`Server+X.swift`).
    private func server(_ output: OutputFile, _ planned: Planned) -> [Int] {
        guard let server = planned.server else { return [] }
        guard output.byLetter else {
            var view = file
            view.server = [server]
            return [add(output.name, output.source) { view }]
        }
        let entries = Array(zip(server.operations, planned.translation.plans))
        return FileLayout.grouped(entries, everyKey: options.everyFile, name: { $0.0.name }).map { key, entries in
            guard !entries.isEmpty else { return queue.add(output.fileName(key), header) }
            var letter = server
            letter.operations = entries.map(\.0)
            letter.foundationImport = foundationImport(entries.contains { $0.1.serverSignatureUsesFoundation })
            var view = file
            view.server = [letter]
            return add(output.fileName(key), output.source) { view }
        }
    }

    private func mockHandler(_ output: OutputFile, _ planned: Planned) -> Int {
        let translation = planned.translation
        var view = file
        view.mock = [
            MockBuilder(
                document: translation.document, plans: translation.plans, fixtureMembers: planned.fixtureMembers,
                types: translation.types, diagnostics: planned.diagnostics
            ).build()
        ]
        return add(output.name, output.source) { view }
    }

    private func fixtures(_ output: OutputFile, _ planned: Planned) -> Int {
        var view = file
        view.fixtures = [planned.fixtures]
        view.testableImports = options.fixturesModule.map { [$0] } ?? []
        return add(output.name, output.source) { view }
    }

    /// `Exerciser.swift` (the report, `run()`, the helpers), or each operation's checks by letter
    /// (`Exerciser+X.swift`): a large spec's (5.6 MB for GitHub's) are not one compile job.
    private func exerciser(_ output: OutputFile, _ planned: Planned) -> [Int] {
        guard let whole = planned.exerciser else { return [] }
        guard output.byLetter else {
            var core = whole
            core.operations = []
            var view = file
            view.exerciser = [core]
            return [add(output.name, output.source) { view }]
        }
        return ExerciserBuilder.letters(whole.operations).map { key, function, operations in
            var letter = whole
            letter.operations = operations
            letter.letterFunction = function
            var view = file
            view.exerciser = [letter]
            return add(output.fileName(key), output.source) { view }
        }
    }
}
