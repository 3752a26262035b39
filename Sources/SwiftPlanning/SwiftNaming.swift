package import Diagnostics

/// Turns names from a spec (any style: `run_id`, `run-id`, `Run ID`, `2fa`, `class`) into Swift identifiers.
///
/// ```
/// typeName("run_info")    == "RunInfo"       memberName("RunID")   == "runID"
/// typeName("2fa")         == "_2fa"          memberName("class")   == "`class`"
/// ```
package enum SwiftNaming {
    /// Swift keywords that must be escaped with backticks when used as identifiers.
    package static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "as", "Any", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "await",
        "async", "some", "any", "consume", "borrowing", "consuming", "package", "Type", "Protocol",
    ]

    /// Type names that would shadow a standard or Foundation type the generated code relies on, or a type of the
    /// generated files (`Client.swift`, `Fixtures.swift`, `Exerciser.swift`); a schema with one of these names gets
    /// the suffix `Model` (documented on the declaration). The runtime's own types are read from its files
    /// (`RuntimeSources.typeNames`), so a type added there is reserved without a list to keep.
    package static let reservedTypeNames: Set<String> = [
        "Error", "Data", "Date", "URL", "UUID", "String", "Int", "Int32", "Int64", "Double", "Float", "Bool",
        "Decimal", "Array", "Dictionary", "Optional", "Any", "Never", "Void", "Result", "Task", "Character",
        "Codable", "Decodable", "Encodable", "Decoder", "Encoder", "CodingKey", "Hashable", "Equatable", "Sendable",
        "Set", "Type", "Self", "Protocol", "JSONDecoder", "JSONEncoder", "Foundation", "Swift",
        // The generated files' top-level types.
        "Client", "Server", "Fixture", "Fixtures", "ReplayTransport", "Operations", "Authentication", "OperationID",
        "Servers", "AnyFixture", "Exerciser",
    ]

    /// The server side's generated top-level types (Server.swift, MockHandler.swift, the adapters with
    /// `server: true`), reserved only then so a client-only module keeps its models' names.
    package static let serverTypeNames: Set<String> = [
        "APIHandler", "APIRouter", "MockHandler", "HummingbirdAdapter", "VaporAdapter", "RequestRules", "ResponseRules",
        // Each operation's `Operations.X.Input` and `Operations.X.Response` would hide a model of that name there.
        "Input", "Response",
    ]

    /// Splits a name into words at separators, case changes and letter/digit boundaries kept as written.
    package static func words(_ raw: String) -> [String] {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(raw) }
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in raw {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previous = nil
                continue
            }
            if let previous, previous.isLowercase || previous.isNumber, character.isUppercase {
                // "runInfo" → "run", "Info"; acronyms stay together ("runID" → "run", "ID").
                words.append(current)
                current = ""
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `words` for ASCII text (nearly every name in a spec), on bytes: the same splits without looking up
    /// Unicode properties per `Character`, which profiles showed among the model stage's largest costs.
    private static func asciiWords(_ raw: String) -> [String] {
        enum Kind { case lower, upper, digit, other }
        func kind(_ byte: UInt8) -> Kind {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): .lower
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): .upper
            case UInt8(ascii: "0")...UInt8(ascii: "9"): .digit
            default: .other
            }
        }
        var words: [String] = []
        let bytes = Array(raw.utf8)
        var start = 0
        var previous = Kind.other
        for (index, byte) in bytes.enumerated() {
            let current = kind(byte)
            if current == .other {
                if start < index { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                start = index + 1
            } else if current == .upper, previous == .lower || previous == .digit {
                // "runInfo" → "run", "Info"; acronyms stay together ("runID" → "run", "ID").
                words.append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index
            }
            previous = current
        }
        if start < bytes.count { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }

    /// `UpperCamelCase` for types.
    package static func typeName(_ raw: String) -> String {
        let joined = words(raw).map(capitalizeFirst).joined()
        return escapedIfNeeded(startsWithDigit(joined) ? "_" + joined : (joined.isEmpty ? "_Unnamed" : joined))
    }

    /// `lowerCamelCase` for properties, parameters, methods and enum cases.
    package static func memberName(_ raw: String) -> String {
        // A leading sign is meaningful ("+1" and "-1" are different reactions): spell it.
        if let sign = raw.first, sign == "+" || sign == "-", raw.count > 1 {
            return memberName((sign == "+" ? "plus " : "minus ") + raw.dropFirst())
        }
        let parts = words(raw)
        guard let first = parts.first else { return "_unnamed" }
        let joined = lowercaseLeadingAcronym(first) + parts.dropFirst().map(capitalizeFirst).joined()
        return escapedIfNeeded(startsWithDigit(joined) ? "_" + joined : joined)
    }

    /// The identifier with backticks when it is a keyword.
    package static func escapedIfNeeded(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// The identifier without backticks (for building other names from it).
    package static func unescaped(_ identifier: String) -> String {
        identifier.hasPrefix("`") ? String(identifier.dropFirst().dropLast()) : identifier
    }

    private static func startsWithDigit(_ s: String) -> Bool { s.first?.isNumber ?? false }

    private static func capitalizeFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    /// "URL" → "url", "URLSession" → "urlSession", "OAuth" → "oAuth", "Run" → "run", "runID" → "runID".
    private static func lowercaseLeadingAcronym(_ word: String) -> String {
        let characters = Array(word)
        let upperRun = characters.prefix { $0.isUppercase }.count
        if upperRun == 0 { return word }
        if upperRun == characters.count { return word.lowercased() }
        let lowered = upperRun == 1 ? 1 : upperRun - 1
        return String(characters.prefix(lowered)).lowercased() + String(characters.dropFirst(lowered))
    }
}

/// Hands out names within one scope, so two spec names that map to one Swift identifier get distinct,
/// deterministic names: a type nested in a parent first takes the parent's name as a prefix
/// (`StartRunRequest.runDetails` beside the component `RunDetails` → `StartRunRequestRunDetails`); a number (`2`,
/// then `3`, … in document order) is the last resort.
package struct NameScope {
    /// Names taken for every scope of a kind (component type names), shared and never copied.
    private let taken: Set<String>
    private var used: [String: Int] = [:]
    /// The name of the declaration this scope is nested in, tried as a prefix before a number.
    private let parentName: String?

    package init(reserved: [String] = [], taken: Set<String> = [], parentName: String? = nil) {
        self.taken = taken
        self.parentName = parentName
        for name in reserved { used[SwiftNaming.unescaped(name)] = 1 }
    }

    /// Where each candidate was first claimed from the spec, for collision reports.
    private var firstUses: [String: SourceLocation] = [:]

    package func isFree(_ name: String) -> Bool { used[name] == nil && !taken.contains(name) }

    /// A unique form of `candidate` for what is written at `location`. When a name written earlier already made
    /// `candidate`, `report` gets the name given instead and where the first one is written: the one check every
    /// kind of name collision (types, members, enum cases, operations) goes through.
    package mutating func claim(
        _ candidate: String, at location: SourceLocation,
        onCollision report: (_ renamed: String, _ first: SourceLocation) -> Void
    ) -> String {
        let key = SwiftNaming.unescaped(candidate)
        let (name, collided) = claim(candidate)
        if collided, let first = firstUses[key] { report(name, first) }
        firstUses[key] = firstUses[key] ?? location
        return name
    }

    /// A unique form of `identifier`, and whether it had to be changed.
    package mutating func claim(_ identifier: String) -> (name: String, collided: Bool) {
        let base = SwiftNaming.unescaped(identifier)
        guard let count = used[base] ?? (taken.contains(base) ? 1 : nil) else {
            used[base] = 1
            return (identifier, false)
        }
        if let parentName, !base.hasPrefix(parentName), isFree(parentName + base) {
            used[parentName + base] = 1
            return (parentName + base, true)
        }
        var n = count + 1
        while used[base + String(n)] != nil || taken.contains(base + String(n)) { n += 1 }
        used[base] = n
        used[base + String(n)] = 1
        return (SwiftNaming.escapedIfNeeded(base + String(n)), true)
    }
}
