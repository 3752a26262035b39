/// Resolution of plain scalars by the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#103-core-schema).
///
/// Unlike YAML 1.1, `yes`, `no`, `on`, `off`, `y` and `n` stay strings, and so do `0777`-style octals
/// (1.2 spells them `0o777`).
enum CoreSchema {
    static func resolvePlain(_ text: String) -> ScalarValue {
        // The words below are at most 6 bytes and start with one of these; most scalars are neither, and skip the
        // comparisons (a profile showed them a tenth of building GitHub's node tree).
        let utf8 = text.utf8
        if utf8.count <= 6, utf8.first.map(Self.startsSpecialWord) ?? true {
            if let special = specialWord(text) { return special }
        }
        guard let first = text.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return .string(text) }
        if let int = resolveInt(text) { return int }
        if isFloat(text), let value = Double(text) { return .float(value) }
        return .string(text)
    }

    private static func startsSpecialWord(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// The null, boolean and special float words of the core schema.
    private static func specialWord(_ text: String) -> ScalarValue? {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: return nil
        }
    }

    private static func resolveInt(_ text: String) -> ScalarValue? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") {
                return Int(text.dropFirst(2), radix: 8).map { .int($0) } ?? digitsOnly(bytes.dropFirst(2), radix: 8)
            }
            if bytes[1] == UInt8(ascii: "x") {
                return Int(text.dropFirst(2), radix: 16).map { .int($0) } ?? digitsOnly(bytes.dropFirst(2), radix: 16)
            }
        }
        var digits = bytes[...]
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        if let value = Int(text) { return .int(value) }
        // Too large for Int: still a number in YAML; keep it as a float rather than pretend it is a string.
        return Double(text).map { .float($0) }
    }

    /// Out-of-range hex/octal literals that are still well-formed integers become floats.
    private static func digitsOnly(_ bytes: ArraySlice<UInt8>, radix: Int) -> ScalarValue? {
        guard !bytes.isEmpty else { return nil }
        var value = 0.0
        for byte in bytes {
            guard let digit = Int(String(UnicodeScalar(byte)), radix: radix) else { return nil }
            value = value * Double(radix) + Double(digit)
        }
        return .float(value)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let intDigits = bytes.prefix(while: isDigit).count
        bytes = bytes.dropFirst(intDigits)
        var fracDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fracDigits = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fracDigits)
            if intDigits == 0 && fracDigits == 0 { return false }
        } else if intDigits == 0 {
            return false
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                bytes = bytes.dropFirst()
            }
            let expDigits = bytes.prefix(while: isDigit).count
            if expDigits == 0 { return false }
            bytes = bytes.dropFirst(expDigits)
        }
        return bytes.isEmpty
    }

    /// Resolution for an explicitly tagged scalar (`!!str 123`, `!!int "7"`); `nil` when the tag is not a core tag.
    static func resolve(_ text: String, tag: String) -> ScalarValue? {
        switch tag {
        case "tag:yaml.org,2002:str", "!": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            if case .bool(let b) = resolvePlain(text) { return .bool(b) }
            return nil
        case "tag:yaml.org,2002:int":
            if case .int(let i) = resolvePlain(text) { return .int(i) }
            return nil
        case "tag:yaml.org,2002:float":
            switch resolvePlain(text) {
            case .float(let d): return .float(d)
            case .int(let i): return .float(Double(i))
            default: return nil
            }
        default: return nil
        }
    }
}
