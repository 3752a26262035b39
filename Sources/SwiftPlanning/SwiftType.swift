/// A Swift type as the emitter reasons about it: decisions are `switch`es over these values, and the spelling is
/// made only when a view is filled in.
///
/// ```
/// .optional(.array(.named("RunSummary")))          → "[RunSummary]?"
/// .named("OkBody", in: "Operations.GetThing.")     → "Operations.GetThing.OkBody"
/// ```
public indirect enum SwiftType: Hashable, Sendable {
    case string, int, int32, int64, double, float, bool
    /// Foundation's `Date` (coded as RFC 3339 text by generated models).
    case date
    /// Foundation's `Data` (base64 in JSON; raw bytes for binary bodies).
    case data
    /// Foundation's `UUID`.
    case uuid
    /// The runtime's `JSONValue`: any JSON.
    case json
    /// A generated declaration: its name, and the qualifier it is spelled with outside its own scope
    /// (`Operations.GetThing.`), empty for top-level and nested-in-place types.
    case named(String, qualifier: String)
    case array(SwiftType)
    /// `[String: Value]`.
    case dictionary(SwiftType)
    case optional(SwiftType)

    /// A generated type spelled without a qualifier.
    package static func named(_ name: String) -> SwiftType { .named(name, qualifier: "") }

    /// The Swift spelling.
    public var spelling: String {
        switch self {
        case .string: "String"
        case .int: "Int"
        case .int32: "Int32"
        case .int64: "Int64"
        case .double: "Double"
        case .float: "Float"
        case .bool: "Bool"
        case .date: "Date"
        case .data: "Data"
        case .uuid: "UUID"
        case .json: "JSONValue"
        case .named(let name, let qualifier): qualifier + name
        case .array(let element): "[" + element.spelling + "]"
        case .dictionary(let value): "[String: " + value.spelling + "]"
        case .optional(let wrapped): wrapped.spelling + "?"
        }
    }

    /// Whether the spelling names a Foundation type, so a file declaring it must import Foundation publicly.
    package var needsFoundation: Bool {
        switch self {
        case .date, .data, .uuid: true
        case .string, .int, .int32, .int64, .double, .float, .bool, .json, .named: false
        case .array(let inner), .dictionary(let inner), .optional(let inner): inner.needsFoundation
        }
    }

    /// The type made optional (an optional stays as it is: `T??` is never meant).
    package var optional: SwiftType {
        if case .optional = self { return self }
        return .optional(self)
    }

    /// The type without its outer optional.
    package var unwrapped: SwiftType {
        if case .optional(let wrapped) = self { return wrapped }
        return self
    }

    /// Whether values are JSON arrays.
    package var isArray: Bool {
        if case .array = unwrapped { return true }
        return false
    }

    /// Whether `JSONValue` appears anywhere in the type.
    package var containsJSONValue: Bool {
        switch self {
        case .json: true
        case .array(let inner), .dictionary(let inner), .optional(let inner): inner.containsJSONValue
        default: false
        }
    }

    /// Whether the type is a dictionary.
    package var isDictionary: Bool {
        if case .dictionary = unwrapped { return true }
        return false
    }

    /// How a `Date` sits in this type, for models that code dates as RFC 3339 text whatever the coder's strategy.
    package var dateShape: DateShape? {
        switch unwrapped {
        case .date: .single
        case .array(.date): .array
        case .dictionary(.date): .dictionary
        default: nil
        }
    }

    /// Words naming the type, for case and member names (`[RunSummary]` → `RunSummary`, `[String: Int]` → `Int`).
    package var nameWords: String {
        switch self {
        case .named(let name, _): SwiftNaming.unescaped(name)
        case .array(let inner), .optional(let inner): inner.nameWords
        case .dictionary(let inner): "String " + inner.nameWords
        default: spelling
        }
    }
}

/// Where a `Date` sits in a property's type.
package enum DateShape: Hashable, Sendable {
    case single, array, dictionary
}
