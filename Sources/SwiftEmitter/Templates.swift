public import Diagnostics
import Foundation
internal import Mustache
import SwiftPlanning

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
        // The templates every run renders (the others are checked when the options that render them are set).
        for name in Outputs.templates(for: EmitOptions()) where set.texts[name] == nil {
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
