public import APIModel
public import Diagnostics
import Foundation
internal import Mustache
public import SwiftPlanning

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

    /// Renders every output file with templates compiled beforehand (see `CompiledTemplates`): each output of
    /// `Outputs.all` that `options` write.
    public static func emit(
        _ document: APIDocument, specName: String, templates: CompiledTemplates, options: EmitOptions = EmitOptions(),
        diagnostics: any DiagnosticSink, stageFinished: (_ stage: String) -> Void = { _ in }
    ) -> [GeneratedFile] {
        guard canEmit(templates: templates, options: options, diagnostics: diagnostics) else { return [] }
        let emission = Emission(templates: templates, options: options, specName: specName)
        let background = DispatchGroup()
        var jobs: [OutputFile.ID: [Int]] = [:]
        let translation = Translation(
            document, options: options, runtimeTypeNames: templates.runtime.typeNames(server: options.server),
            diagnostics: diagnostics
        ) { componentTypes in
            // The models' files depend on the component schemas only: they render on the other core while the
            // operations are planned and the fixtures built.
            jobs[.models] = emission.models(componentTypes)
            DispatchQueue.global().async(group: background) { emission.queue.work() }
        }
        let planned = Emission.Planned(translation, options: options, diagnostics: diagnostics)
        stageFinished("model")
        for output in Outputs.all where output.id != .models && output.isWritten(options) {
            jobs[output.id] = emission.render(output, planned)
        }
        DispatchQueue.concurrentPerform(iterations: 2) { _ in emission.queue.work() }
        background.wait()
        var files = Outputs.all.flatMap { jobs[$0.id] ?? [] }.map(emission.queue.result)
        files += planned.fixtureFiles.map { GeneratedFile(path: $0.path, contents: $0.text) }
        stageFinished("render")
        return files
    }

    /// Whether the templates parsed and `options` have what they need; reports what is missing.
    private static func canEmit(
        templates: CompiledTemplates, options: EmitOptions, diagnostics: any DiagnosticSink
    ) -> Bool {
        for diagnostic in templates.problems { diagnostics.emit(diagnostic) }
        guard templates.problems.isEmpty else { return false }
        for name in Outputs.templates(for: options) where !templates.names.contains(name) {
            diagnostics.emit(.missingTemplate(name, in: templates.directory))
            return false
        }
        if options.exerciser, !options.fixtures || options.fixturesModule != nil {
            diagnostics.emit(.exerciserNeedsFixtures)
            return false
        }
        return true
    }
}
