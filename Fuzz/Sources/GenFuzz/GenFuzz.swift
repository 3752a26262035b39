import Foundation
import Generator

/// The templates, loaded once for all inputs.
private let templates = try! Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)

/// One input through the whole pipeline. Any crash, hang or leak is a bug; errors in the input are expected and
/// reported as diagnostics.
private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: count)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let result = Generator.generate(specText: text, specPath: "fuzz.yaml", templates: templates)
    if result.files.contains(where: { $0.path.isEmpty }) { fatalError("a file without a path") }
    return 0
}

// MARK: - Text mode: mutated spec text never becomes code

/// `GEN_FUZZ_MODE=text`: the input is the text of every prose field of a fixed spec (descriptions, summaries,
/// titles, examples, defaults). Whatever it holds, the output must have the same code as with a plain word there:
/// the two outputs, with doc comments and the contents of string literals set aside, are identical. A line break
/// that escaped a comment, or a quote that escaped a literal, would add code and fail this.
private let textMode = ProcessInfo.processInfo.environment["GEN_FUZZ_MODE"] == "text"

/// The spec with `text` (as YAML escapes) in every prose field.
private func proseSpec(_ text: String) -> String {
    let t = yamlQuoted(text)
    return """
        openapi: 3.1.0
        info: {title: Fuzz, version: '1', description: \(t), summary: \(t)}
        servers: [{url: 'https://api.example.com'}]
        tags: [{name: pets, description: \(t)}]
        paths:
          /pets/{id}:
            summary: \(t)
            get:
              operationId: getPet
              summary: \(t)
              description: \(t)
              parameters:
                - {name: id, in: path, required: true, description: \(t), schema: {type: string, description: \(t)}}
                - {name: q, in: query, description: \(t), example: \(t), schema: {type: string, default: \(t)}}
                - {name: X-Trace, in: header, description: \(t), schema: {type: string}}
              responses:
                '200':
                  description: \(t)
                  headers: {X-Rate: {description: \(t), schema: {type: integer}}}
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                      examples: {one: {summary: \(t), value: {name: \(t)}}}
                '404':
                  description: \(t)
                  content: {application/json: {schema: {type: object, description: \(t), properties: {detail: {type: string, description: \(t)}}}}}
            post:
              operationId: createPet
              description: \(t)
              requestBody:
                description: \(t)
                content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
              responses: {'201': {description: \(t)}, default: {description: \(t)}}
        components:
          securitySchemes:
            key: {type: apiKey, in: header, name: X-Key, description: \(t)}
          schemas:
            Pet:
              type: object
              title: \(t)
              description: \(t)
              required: [name]
              properties:
                name: {type: string, title: \(t), description: \(t), example: \(t), default: \(t)}
                tag: {type: string, description: \(t), deprecated: true, readOnly: true}
                kind: {type: string, enum: [cat, dog], description: \(t)}
              example: {name: \(t)}
        security: [{key: []}]
        """
}

/// `text` as a YAML double-quoted scalar: printable ASCII as it is, everything else as an escape.
private func yamlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x20...0x7E: out.unicodeScalars.append(scalar)
        case 0...0xFFFF: out += "\\u" + String(format: "%04X", scalar.value)
        default: out += "\\U" + String(format: "%08X", scalar.value)
        }
    }
    return out + "\""
}

/// A Swift file's code without its doc comments, the contents of its string literals and raw multi-line literals.
private func code(of swift: String) -> String {
    var out = ""
    var inMultiline = false
    // Lines as the Swift lexer ends them: at `\n`, `\r` or `\r\n` (a `\r` in a comment ends it).
    let lines = swift.replacingOccurrences(of: "\r\n", with: "\n").split(
        omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
    for line in lines {
        let trimmed = line.drop { $0 == " " }
        if inMultiline {
            if trimmed.hasPrefix("\"\"\"") { inMultiline = false }
            continue
        }
        if trimmed.hasPrefix("///") { continue }
        if trimmed.hasSuffix("\"\"\"") {
            // A raw multi-line literal opens here; its `#`s depend on what it holds, its lines are data.
            var opening = line.dropLast(3)
            while opening.last == "#" { opening = opening.dropLast() }
            out += opening + "\"\"\"\n"
            inMultiline = true
            continue
        }
        var inString = false
        var escaped = false
        // Scalars, as the lexer reads them: a combining mark after a quote is still a quote to Swift.
        for scalar in line.unicodeScalars {
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                    out.unicodeScalars.append(scalar)
                }
                continue
            }
            if scalar == "\"" { inString = true }
            out.unicodeScalars.append(scalar)
        }
        out += "\n"
    }
    return out
}

/// The Swift files of `spec`'s output by path, as code only.
private func generatedCode(_ spec: String) -> [String: String] {
    let result = Generator.generate(specText: spec, specPath: "fuzz.yaml", templates: templates)
    if result.hasErrors { fatalError("the prose spec does not generate: \(result.diagnostics)") }
    var files: [String: String] = [:]
    for file in result.files where file.path.hasSuffix(".swift") { files[file.path] = code(of: file.contents) }
    return files
}

/// The output with a plain word in every prose field, to compare each input's output with.
private let plainCode = textMode ? generatedCode(proseSpec("plain")) : [:]

private func fuzzText(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    let fuzzed = generatedCode(proseSpec(text))
    if fuzzed.keys.sorted() != plainCode.keys.sorted() { fatalError("other files: \(fuzzed.keys.sorted())") }
    for (path, plain) in plainCode where fuzzed[path] != plain {
        let left = plain.split(separator: "\n", omittingEmptySubsequences: false)
        let right = (fuzzed[path] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(left.count, right.count)).first { left[$0] != right[$0] } ?? min(left.count, right.count)
        fatalError("spec text changed the code of \(path) at line \(line + 1): \(right.dropFirst(line).first ?? "")")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `main` aliased to `<Target>_main`; this one hands over to libFuzzer's driver.
@_cdecl("GenFuzz_main")
public func genFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runDriver(&argc, &argv) { data, count in textMode ? fuzzText(data, count) : fuzzOne(data, count) }
}
