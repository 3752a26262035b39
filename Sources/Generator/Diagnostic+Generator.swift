import Diagnostics
import SwiftEmitter
import SwiftPlanning

extension Diagnostic {
    /// A transport gen cannot write, in gen-config's `transports`.
    static func unknownTransport(_ name: String, suggestion: String?, at location: SourceLocation) -> Diagnostic {
        let known = TransportKind.allCases.map(\.rawValue).joined(separator: ", ")
        let hint = suggestion.map { "did you mean '\($0)'?" } ?? "gen writes: " + known
        return .error("unknown transport '\(name)' in 'transports'; \(hint)", at: location)
    }

    static func unknownServerAdapter(_ name: String, suggestion: String?, at location: SourceLocation) -> Diagnostic {
        let known = ServerAdapterKind.allCases.map(\.rawValue).joined(separator: ", ")
        let hint = suggestion.map { "did you mean '\($0)'?" } ?? "gen writes: " + known
        return .error("unknown server adapter '\(name)' in 'servers'; \(hint)", at: location)
    }

    /// A key of gen-config.yaml that gen does not know (an error: a misspelled option would be silently lost).
    static func unknownConfigKey(
        _ key: String, in what: String, suggestion: String?, known: Set<String>, at location: SourceLocation
    ) -> Diagnostic {
        let hint =
            suggestion.map { "; did you mean '\($0)'?" } ?? "; known keys: " + known.sorted().joined(separator: ", ")
        return .error("unknown key '\(key)' in \(what)\(hint)", at: location)
    }

    /// A `typeOverrides.formats` entry naming a type a format cannot map to.
    static func formatOverrideNotAllowed(
        _ format: String, type: String, allowed: [String], at location: SourceLocation
    ) -> Diagnostic {
        .error(
            "format '\(format)' cannot map to '\(type)'; a format maps to one of "
                + Set(allowed).sorted().joined(separator: ", "), at: location)
    }

    /// `fixtures.output` without `fixtures.module`.
    static func fixturesOutputNeedsModule(at location: SourceLocation) -> Diagnostic {
        .error(
            "'fixtures.output' puts the fixtures in another target: name the module they test with 'fixtures.module'",
            at: location)
    }

    /// A spec file larger than `--max-file-size`.
    static func fileTooLarge(_ name: String, size: Int, limit: Int) -> Diagnostic {
        .error(
            "'\(name)' is \(size) bytes, more than the limit of \(limit); raise it with --max-file-size if this is "
                + "intended",
            at: nil)
    }

    /// A file that does not exist or cannot be read.
    static func unreadableFile(_ path: String) -> Diagnostic {
        .error("cannot read '\(path)': no such file or not readable", at: nil)
    }

    /// A file that is not UTF-8, at its first invalid byte (or its start when the byte is not known).
    static func invalidUTF8(byte: UInt8?, at location: SourceLocation) -> Diagnostic {
        let which = byte.map { " (byte 0x\(String($0, radix: 16, uppercase: true)))" } ?? ""
        return .error("the file is not valid UTF-8\(which); save it as UTF-8", at: location)
    }

    /// A file a `$ref` leads into outside the folders a spec may read (`Generator.confinedReader`).
    static func outsideReferenceRoots(_ path: String, roots: [String]) -> Diagnostic {
        let folders = roots.map { "'\($0)'" }.joined(separator: ", ")
        return .error(
            "'\(path)' is outside the folders the spec may read (\(folders)); list its folder in gen-config's "
                + "`references: {roots: [...]}` to allow it",
            at: nil)
    }

    /// A folder `references.roots` lists that is not there.
    static func referenceRootNotAFolder(_ path: String, at location: SourceLocation) -> Diagnostic {
        .error("'references.roots' lists '\(path)', which is not a folder", at: location)
    }

    /// A `git:` side of `gen diff` whose `$ref` leaves the repository.
    static func outsideRepository(_ name: String, of source: String) -> Diagnostic {
        .error("cannot read '\(name)': it is outside the repository of \(source)", at: nil)
    }

    /// `git` could not be started to read a `git:` side of `gen diff`.
    static func gitUnavailable(_ name: String) -> Diagnostic {
        .error("cannot run git to read '\(name)'", at: nil)
    }

    /// `git show` failed for a `git:` side of `gen diff`.
    static func gitShowFailed(_ name: String, reason: String?) -> Diagnostic {
        .error("cannot read '\(name)': \(reason ?? "git show failed")", at: nil)
    }
}
