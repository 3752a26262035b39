// swift-tools-version: 6.0
import PackageDescription

/// Upcoming features every Swift target of this package opts into (as swift-openapi-generator does):
/// imports are internal unless marked `public`, existentials are spelled `any`, and members are only
/// visible through modules that are imported.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "gen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gen", targets: ["gen"]),
        .library(name: "Generator", targets: ["Generator"]),
        .plugin(name: "GenPlugin", targets: ["GenPlugin"]),
        .plugin(name: "GenerateCode", targets: ["GenerateCode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // MARK: - Pipeline, one module per stage
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "Diagnostics", swiftSettings: strictSettings),
        .target(name: "YAMLNodes", dependencies: ["CYAML", "Diagnostics"], swiftSettings: strictSettings),
        .target(name: "APIModel", dependencies: ["Diagnostics"], swiftSettings: strictSettings),
        .target(
            name: "OpenAPIReader",
            dependencies: ["YAMLNodes", "APIModel", "Diagnostics"],
            swiftSettings: strictSettings
        ),
        // What Swift a spec becomes, decided once before anything is printed: names, types, declaration and
        // operation plans (the client, the server, the exerciser and the surface all print from them).
        .target(name: "SwiftPlanning", dependencies: ["APIModel", "Diagnostics"], swiftSettings: strictSettings),
        // Values for a schema (fixtures, the exerciser's arguments) and the check that a value matches its schema.
        .target(
            name: "ExampleValues", dependencies: ["SwiftPlanning", "APIModel", "Diagnostics"],
            swiftSettings: strictSettings),
        // The generated Swift API as data, and how two compare (`gen diff`): no renderer, no templates.
        .target(
            name: "Surface", dependencies: ["SwiftPlanning", "APIModel", "Diagnostics"], swiftSettings: strictSettings),
        // Printing: the views the templates read, the templates, the runtime's copy and the table of outputs.
        .target(
            name: "SwiftEmitter",
            dependencies: [
                "SwiftPlanning", "ExampleValues", "APIModel", "Diagnostics",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Generator",
            dependencies: [
                "YAMLNodes", "OpenAPIReader", "APIModel", "SwiftPlanning", "Surface", "SwiftEmitter", "Diagnostics",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "gen",
            dependencies: [
                "Generator", "Diagnostics", "YAMLNodes", "SwiftPlanning", "Surface", "SwiftEmitter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - The runtime gen copies into every generated module, compiled and tested here as Swift of its own.
        // No product links it: gen reads its files as text (`RuntimeSources`), so plugin users build nothing more.
        // `Adapters/` imports server frameworks and is compiled where they are (Examples/).
        .target(
            name: "GenRuntime", path: "Runtime", exclude: ["Adapters", "README.md"], swiftSettings: strictSettings),

        // MARK: - Plugins
        .plugin(name: "GenPlugin", capability: .buildTool(), dependencies: ["gen"]),
        .plugin(
            name: "GenerateCode",
            capability: .command(
                intent: .custom(
                    verb: "generate-code", description: "Regenerate checked-in Swift code from OpenAPI specs with gen"),
                permissions: [.writeToPackageDirectory(reason: "gen rewrites the generated folder from the spec")]
            ),
            dependencies: ["gen"]
        ),

        // MARK: - The committed output of `swift run gen api/runs.yaml`, compiled with every build
        .target(name: "RunsAPI", path: "Generated", exclude: ["Fixtures"], swiftSettings: strictSettings),

        // MARK: - Tests
        .testTarget(name: "GenRuntimeTests", dependencies: ["GenRuntime"], swiftSettings: strictSettings),
        .testTarget(name: "YAMLNodesTests", dependencies: ["YAMLNodes", "Diagnostics"], swiftSettings: strictSettings),
        .testTarget(
            name: "OpenAPIReaderTests",
            dependencies: ["OpenAPIReader", "YAMLNodes", "APIModel", "Diagnostics"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftEmitterTests",
            dependencies: [
                "SwiftEmitter", "SwiftPlanning", "ExampleValues", "Surface", "OpenAPIReader", "YAMLNodes", "APIModel",
                "Diagnostics", "Generator",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GeneratorTests",
            dependencies: ["Generator", "SwiftEmitter", "SwiftPlanning", "Surface", "Diagnostics", "gen"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GeneratedCodeTests", dependencies: ["RunsAPI", "StreamsAPI", "StreamProbe"],
            swiftSettings: strictSettings),

        // MARK: - The streaming test API, generated at build time by the plugin (as users do), and a program that
        // streams through it in a process of its own, so its peak memory is its own.
        .target(
            name: "StreamsAPI", path: "Tests/StreamsAPI", exclude: ["gen-config.yaml"], swiftSettings: strictSettings,
            plugins: ["GenPlugin"]),
        .executableTarget(
            name: "StreamProbe", dependencies: ["StreamsAPI"], path: "Tests/StreamProbe",
            swiftSettings: strictSettings),

        // MARK: - The server side of api/runs.yaml (`server: true`), generated by the plugin into a target that holds
        // only the spec, its gen-config.yaml and a one-line Swift file, and tested in-process.
        .target(
            name: "RunsServerAPI", path: "Tests/RunsServerAPI", exclude: ["gen-config.yaml"],
            swiftSettings: strictSettings, plugins: ["GenPlugin"]),
        .testTarget(name: "ServerTests", dependencies: ["RunsServerAPI"], swiftSettings: strictSettings),
    ]
)
