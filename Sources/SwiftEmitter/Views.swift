// View models: everything a template prints, already named, escaped, typed and ordered in Swift.
// Templates only print these values; see Templates/README.md for the reference of every field.
//
// No view has an optional field: Mustache treats a nil value as missing and looks the name up in the enclosing
// views, so a nested type would find (and render) its parent's parts. "Zero or one" is an array instead.

/// One declaration in a Models+X.swift or Operations+X.swift file, made from a `DeclarationPlan` by
/// `DeclarationRenderer`. The templates see the declaration as the one non-empty section among `structView`,
/// `enumView`, `oneOfView`, `aliasView`, `headersView` and `outputView`.
struct TypeView {
    enum Declaration {
        case structure(StructView)
        case enumeration(EnumView)
        case oneOf(OneOfView)
        case alias(AliasView)
        case headers(HeadersView)
        case output(OutputView)
    }

    var declaration: Declaration
    /// `public`, `package` or `internal`, for every declaration.
    var access: String
    /// `Equatable`, or `Hashable` with `hashable: true`.
    var equality: String

    // Every section is answered, the ones of other kinds with nothing: a nil would make Mustache look the name up in
    // the enclosing view and render the parent's declaration.
    var structView: [StructView] { if case .structure(let view) = declaration { [view] } else { [] } }
    var enumView: [EnumView] { if case .enumeration(let view) = declaration { [view] } else { [] } }
    var oneOfView: [OneOfView] { if case .oneOf(let view) = declaration { [view] } else { [] } }
    var aliasView: [AliasView] { if case .alias(let view) = declaration { [view] } else { [] } }
    var headersView: [HeadersView] { if case .headers(let view) = declaration { [view] } else { [] } }
    var outputView: [OutputView] { if case .output(let view) = declaration { [view] } else { [] } }
}

/// What an operation whose success responses differ returns: an enum with a case per success status.
struct OutputView {
    var doc: [String]
    /// Always empty; present so Mustache does not find an outer view's attributes.
    var attributes: [String] = []
    var name: String
    var cases: [OutputCaseView]
}

/// One success status of an `Output` enum.
struct OutputCaseView {
    var doc: [String]
    /// `ok(Thing)`, `accepted(Data)` or `noContent`.
    var declaration: String
}

/// The typed headers of a response: a struct read from an `HTTPResponse`.
struct HeadersView {
    var doc: [String]
    var attributes: [String] = []
    var name: String
    var properties: [HeaderPropertyView]
}

/// One response header.
struct HeaderPropertyView {
    var doc: [String]
    var attributes: [String] = []
    var name: String
    /// The Swift type, optional.
    var type: String
    /// The expression reading it from `response`.
    var read: String
    /// The header's name, as a Swift literal.
    var headerName: String
    /// The expression writing a present `value` as text.
    var write: String
    /// `, ` after every parameter of the memberwise initializer but the last.
    var separator: String
}

/// A `struct` for an object schema, or for an `anyOf`/`allOf` of several schemas.
struct StructView {
    /// `///` lines, each complete.
    var doc: [String]
    /// Attribute lines such as `@available(*, deprecated)`.
    var attributes: [String]
    /// The Swift type name (escaped).
    var name: String
    /// `Codable, Equatable, Sendable` (`Hashable` with `hashable: true`; composites add `ParameterValue`, so they
    /// can be parameters).
    var conformances: String
    /// The JSON names of required members that may be `null`, as one list of Swift literals (`"a", "b"`): the
    /// struct's `AlternativeChecks` conformance; empty when it has none.
    var requiredNullableMembers: [String]
    /// The members whose schema lists their string values, as one dictionary's elements (`"type": ["function"]`);
    /// empty when there are none.
    var listedValues: [String]
    /// Stored properties in document order.
    var properties: [PropertyView]
    /// Parameter lines of the memberwise initializer, with trailing commas where needed.
    var initParameters: [String]
    /// Statements of `init(from:)` reading each property by its JSON name (empty for anyOf/allOf composites,
    /// which code themselves, and for objects without properties).
    var decodeLines: [String]
    /// Statements of `encode(to:)` writing each property (`nil` is left out), in document order.
    var encodeLines: [String]
    /// Whether `decodeLines` is non-empty (Mustache cannot ask an array for its count).
    var hasCoding: Bool
    /// Set for `anyOf`/`allOf` composites of non-object parts: each part decoded from the same value.
    var composite: [CompositeView]
    /// The types declared inside this one (inline enums and objects), rendered, one line per element (the
    /// template indents them).
    var nestedLines: [String]
}

/// One stored property.
struct PropertyView {
    var doc: [String]
    var attributes: [String]
    /// The Swift property name (escaped).
    var name: String
    /// The Swift type including `?`.
    var type: String
}

/// How a composite (`anyOf` or `allOf`) decodes and encodes.
struct CompositeView {
    /// The parts, each a stored property of the struct.
    var parts: [CompositePartView]
    /// Whether every part must decode (`allOf`) or at least one (`anyOf`).
    var isAllOf: Bool
    /// The names of the parts for the error message, e.g. `DeployRunDetails, RefreshRunDetails`.
    var partList: String
    /// Whether every part is a JSON object, so all of them can be encoded into one object.
    var encodesAllParts: Bool
    /// `self.a == nil && self.b == nil` for the anyOf check.
    var noneMatchedCondition: String
    /// For an `anyOf`: the lines that drop the parts missing a required member when another part is complete.
    var completeLines: [String]
    /// The statements of `encode(to:)`: every part into one object, or the first part present.
    var encodeLines: [String]
    /// The statements of `parameterValue`: the first part present (empty unless `isParameterValue`).
    var parameterLines: [String]
    /// Whether every part is a simple value, so the composite can be sent as a parameter.
    var isParameterValue: Bool
}

/// One part of a composite.
struct CompositePartView {
    var name: String
    /// The non-optional Swift type.
    var type: String
    var isLast: Bool
}

/// An open `enum` with a case per spec value and `unknown(raw)` for values the spec does not list.
struct EnumView {
    var doc: [String]
    var attributes: [String]
    var name: String
    /// `String` or `Int`.
    var rawType: String
    var cases: [EnumCaseView]
    /// `.canceled, .completed`: the listed cases for `allCases`.
    var allCasesList: String
}

/// One case of an open enum.
struct EnumCaseView {
    var doc: [String]
    /// The Swift case name (escaped).
    var name: String
    /// The raw value as a Swift literal (`"waitingToRun"`, `3`).
    var literal: String
}

/// A `oneOf` as an enum with one case per alternative.
struct OneOfView {
    var doc: [String]
    var attributes: [String]
    /// `indirect ` when an alternative contains the enum itself, else empty.
    var indirectKeyword: String
    var name: String
    /// `Codable, Equatable, Sendable` (`Hashable` with `hashable: true`), plus `ParameterValue` when every
    /// alternative is a simple value.
    var conformances: String
    /// Whether every alternative is a simple value, so the enum can be sent as a parameter.
    var isParameterValue: Bool
    var cases: [OneOfCaseView]
    /// The discriminator's JSON key as a Swift literal, when the spec gives one.
    var discriminatorKey: [String]
    /// The `switch` cases that decode it by its discriminator (`DeclarationRenderer.discriminatorLines`).
    var discriminatorLines: [String]
    /// Without a discriminator: `self = try decodeOneOf(…)` over lines, each alternative tried in order.
    var decodeLines: [String]
    /// With one: the line that reads it (optional with a `defaultMapping`).
    var discriminatorReadLines: [String]
    /// With one: the `default:` case's lines, an error or the `defaultMapping`'s case.
    var discriminatorDefaultLines: [String]
    /// Inline alternatives declared inside the enum, rendered, one line per element (the template indents them).
    var nestedLines: [String]
}

/// One alternative of a `oneOf`.
struct OneOfCaseView {
    var name: String
    var type: String
    /// `, discriminator: "BaseNode", key: "type"` for an alternative encoded with the value that selects it.
    var encodeArguments: String
}

/// `public typealias Name = Type` for named schemas that are not objects or enums.
struct AliasView {
    var doc: [String]
    var attributes: [String]
    var name: String
    var type: String
}

/// Root view of every template: the file header plus one of the file-specific parts.
struct FileView {
    /// The spec's file name (no directories: output must not depend on where gen ran).
    var specName: String
    /// `public`, `package` or `internal`, for every declaration.
    var access = "public"
    /// `public import`, `package import` or `import`, for Foundation.
    var importKeyword = "public import"
    /// Whether the models and error enums are `Hashable` (`hashable: true`), not only `Equatable`.
    var isHashable = false
    /// `Hashable` or `Equatable`, as `isHashable` says.
    var equality: String { isHashable ? "Hashable" : "Equatable" }
    /// Modules imported with `@testable` (the client's module, for fixtures compiled in a test target).
    var testableImports: [String] = []
    var models: [ModelsView] = []
    var client: [ClientView] = []
    var fixtures: [FixturesView] = []
    var exerciser: [ExerciserView] = []
    var server: [ServerSideView] = []
    var mock: [MockView] = []

    /// This file's header with the client (Client.swift, Client+X.swift).
    func with(client: ClientView) -> FileView {
        var file = self
        file.client = [client]
        return file
    }

    /// This file's header with models (Models+X.swift, Operations+X.swift).
    func with(models: ModelsView) -> FileView {
        var file = self
        file.models = [models]
        return file
    }
}

/// A `Models+X.swift` (component schemas) or an `Operations+X.swift` (inline types of operations) file.
struct ModelsView {
    /// The component schemas' declarations (Models+X.swift).
    var types: [TypeView] = []
    /// The operations' namespaces of inline types, rendered, one line per element (Operations+X.swift; the
    /// template indents them).
    var namespaceLines: [String] = []
    /// `public import Foundation` when a declaration spells a Foundation type, else `import Foundation`.
    var foundationImport: String
}

/// `public enum Name { …types… }`.
struct NamespaceView {
    var doc: [String]
    /// The access level.
    var access: String
    var name: String
    /// The declarations, rendered, one line per element (the template indents them).
    var typeLines: [String]
}

/// Fixtures.swift.
struct FixturesView {
    var operations: [FixtureOperationView]
    /// The body of `makeRoutes()`: one `routes.append(Route(…))` statement per operation.
    var routes: [String]
    /// The body of `makeAll()`: one `all += GetRun.all` statement per operation.
    var allFixtures: [String]
}

/// The fixtures of one operation.
struct FixtureOperationView {
    var name: String
    /// The client method (`getRun`).
    var methodName: String
    var fixtures: [FixtureView]
    /// `ok, badRequest`: the members of this operation's `all`.
    var allList: String
}

/// One fixture: a JSON payload for a documented response.
struct FixtureView {
    /// Always empty; present so Mustache does not find an outer view's attributes.
    var attributes: [String] = []
    var doc: [String]
    var name: String
    var valueType: String
    var statusCode: Int
    var contentType: String
    /// The raw string literal lines holding the JSON.
    var literalLines: [String]
    /// `framing: .serverSentEvents, terminator: "[DONE]"` for an event stream's fixture (0 or 1).
    var framing: [String] = []
}

/// Exerciser.swift: a function per operation that calls it once per documented response.
struct ExerciserView {
    var operations: [ExerciseOperationView]
    /// The body of `run()`: one call per operation, then `return report`.
    var runLines: [String]
    /// The `DeprecatedOperations` protocol and `Client`'s conformance (empty without deprecated operations).
    var deprecatedLines: [String]
    /// `RoundTripHandler`, with the server side (empty without it).
    var roundTripLines: [String] = []
    /// One element with the server side (the round trips' helpers), none without.
    var hasRoundTrips: [Bool] = []
    /// In a letter's file: the function that runs its operations' checks (`runG`).
    var letterFunction: String = ""
    /// The body of `decodedType(_:)`: a `switch` from each key to its type's metatype.
    var decodedTypeLines: [String] = []
    /// The elements of `decodedTypeKeys` (`"schema #/components/schemas/Pet",`).
    var decodedTypeKeys: [String] = []
}

/// The checks of one operation.
struct ExerciseOperationView {
    var doc: [String]
    /// `exerciseGetRun`.
    var functionName: String
    /// `GetRun`: its letter is its file's.
    var operationName: String
    /// The statements: arguments, then one check per documented response and one for an undocumented status.
    var lines: [String]
}
