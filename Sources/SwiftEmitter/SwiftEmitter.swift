public import APIModel
import Foundation
public import Diagnostics
internal import Mustache

/// One file gen writes, relative to the output folder.
public struct GeneratedFile: Hashable, Sendable {
    /// The path below the output folder (`Models.swift`, `Fixtures/getRun/200.json`).
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

    /// Creates a template set.
    public init(texts: [String: String], directory: String) {
        self.texts = texts
        self.directory = directory
    }

    /// The top-level templates, one per generated Swift file, in a fixed order.
    public static let outputs = ["Models.swift", "Client.swift", "Runtime.swift", "Fixtures.swift"]
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
    /// - Returns: The files in a fixed order: the four Swift files, then the fixture JSON files.
    public static func emit(
        _ document: APIDocument, specName: String, templates: TemplateSet, diagnostics: any DiagnosticSink
    ) -> [GeneratedFile] {
        var library = MustacheLibrary()
        var failed = false
        // Sorted so template errors are reported in the same order on every run.
        for (name, text) in templates.texts.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.emit(.templateError(
                    "\(error.error)",
                    at: SourceLocation(file: templates.directory + "/" + name + ".mustache",
                                       line: error.context.lineNumber, column: error.context.columnNumber)))
                failed = true
            } catch {
                diagnostics.emit(.templateError("\(error)", at: SourceLocation(file: templates.directory + "/" + name + ".mustache", line: 1, column: 1)))
                failed = true
            }
        }
        for name in TemplateSet.outputs where templates.texts[name] == nil {
            diagnostics.emit(.missingTemplate(name, in: templates.directory))
            failed = true
        }
        if failed { return [] }

        let types = TypeBuilder(document: document, diagnostics: diagnostics)
        let clientBuilder = ClientBuilder(document: document, types: types, diagnostics: diagnostics)
        let (client, namespaces) = clientBuilder.build()
        let renderer = NestedRenderer(library: library)
        var models = ModelsView(types: types.componentTypes().map(renderer.prerender), operationNamespaces: namespaces,
                                hasOperationNamespaces: !namespaces.isEmpty)
        models.namespaceLines = renderer.declarationLines(namespaces.map { namespace in
            var namespace = namespace
            namespace.typeLines = renderer.declarationLines(namespace.types.map { renderer.render(renderer.prerender($0)) })
            return library.render(namespace, withTemplate: "partials/namespace") ?? ""
        })
        let (fixtures, fixtureFiles) = FixturesBuilder(document: document, client: clientBuilder, types: types).build()

        let views: [String: FileView] = [
            "Models.swift": FileView(specName: specName, models: [models]),
            "Client.swift": FileView(specName: specName, client: [client]),
            "Runtime.swift": FileView(specName: specName),
            "Fixtures.swift": FileView(specName: specName, fixtures: [fixtures]),
        ]
        // The four files render independently: on both cores at once, collected in a fixed order.
        let rendered = RenderedFiles(count: TemplateSet.outputs.count)
        let templatesLibrary = library
        DispatchQueue.concurrentPerform(iterations: TemplateSet.outputs.count) { index in
            let name = TemplateSet.outputs[index]
            var text = Tidy.swiftSource(templatesLibrary.render(views[name]!, withTemplate: name) ?? "")
            if name == "Models.swift" { text = FoundationImport.narrowed(text) }
            rendered.set(index, GeneratedFile(path: name, contents: text))
        }
        var files = rendered.all
        files += fixtureFiles.map { GeneratedFile(path: $0.path, contents: $0.text) }
        return files
    }
}

/// Files rendered on several threads, each into its own slot.
private final class RenderedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [GeneratedFile?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ file: GeneratedFile) { lock.withLock { slots[index] = file } }

    var all: [GeneratedFile] { lock.withLock { slots.compactMap { $0 } } }
}

/// Renders nested declarations at column 0, to be printed line by line by an indented section.
///
/// Mustache can indent a partial called on an indented line, but swift-mustache 2.1 indents only the first
/// iteration of a section inside such a partial; so no partial is ever called on an indented line.
struct NestedRenderer {
    let library: MustacheLibrary

    /// `view` with the `nestedLines` of its struct or oneOf filled in, depth first.
    func prerender(_ view: TypeView) -> TypeView {
        var view = view
        for index in view.structView.indices {
            view.structView[index].nestedLines = declarationLines(view.structView[index].nested.map { render(prerender($0)) })
        }
        for index in view.oneOfView.indices {
            view.oneOfView[index].nestedLines = declarationLines(view.oneOfView[index].nested.map { render(prerender($0)) })
        }
        return view
    }

    func render(_ view: TypeView) -> String {
        library.render(view, withTemplate: "partials/type") ?? ""
    }

    /// The lines of each declaration, preceded by a blank line; the template indents every line it prints.
    func declarationLines(_ declarations: [String]) -> [String] {
        declarations.flatMap { text -> [String] in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while lines.last == "" { lines.removeLast() }
            return [""] + lines
        }
    }
}

/// Models that use no Foundation type in their declarations must not import it publicly (Swift 6 warns about
/// an unused `public import`); decided on the rendered code, with comments and string literals left out.
enum FoundationImport {
    static let publicImport = "\npublic import Foundation\n"

    static func narrowed(_ text: String) -> String {
        guard let range = text.range(of: publicImport) else { return text }
        let code = text.split(separator: "\n").filter { !$0.drop(while: { $0 == " " }).hasPrefix("//") }
            .map(stripStrings).joined(separator: "\n")
        for word in ["Date", "Data", "UUID", "URL", "Decimal"] where containsIdentifier(word, in: code) {
            return text
        }
        return text.replacingCharacters(in: range, with: "\nimport Foundation\n")
    }

    private static func stripStrings(_ line: Substring) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for character in line {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static func containsIdentifier(_ word: String, in code: String) -> Bool {
        var rest = code[...]
        while let range = rest.range(of: word) {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            let isBoundary: (Character?) -> Bool = { $0.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true }
            if isBoundary(before) && isBoundary(after) { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }
}

/// Final whitespace rules every generated Swift file meets: no trailing spaces, at most one blank line in a row,
/// no blank line right after `{` or before `}`, one final newline.
enum Tidy {
    static func swiftSource(_ text: String) -> String {
        var lines: [Substring] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
            if line.isEmpty {
                if let previous = lines.last, previous.isEmpty || previous.hasSuffix("{") { continue }
                if lines.isEmpty { continue }
            } else if line.trimmingLeadingSpaces.hasPrefix("}"), lines.last?.isEmpty == true {
                lines.removeLast()
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Substring {
    fileprivate var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
}
