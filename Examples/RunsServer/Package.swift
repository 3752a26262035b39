// swift-tools-version: 6.0
// A spec-first server for api/runs.yaml: GenPlugin generates the client, the server side (`server: true`) and the
// Hummingbird and Vapor adapters (`servers: [hummingbird, vapor]`) into the RunsAPI target, which holds only the spec,
// its gen-config.yaml and a one-line Swift file. RunsService implements the handlers; `runs-server` serves them (or the
// fixtures, with --mock) over HTTP; the tests call every operation over loopback with the generated client.
//
// Server-side streaming lives here too, since it needs the same SwiftNIO and AsyncHTTPClient (Vapor's HTTP client) and
// CI then builds them once: the streaming test API's client generated with the AsyncHTTPClient transport
// (`transports: [asyncHTTPClient]` in Sources/StreamsAPI/gen-config.yaml), and gen's streaming wire tests run through it.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "RunsServer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "runs-server", targets: ["RunsServer"]),
        .executable(name: "streams-server", targets: ["StreamsServer"]),
    ],
    dependencies: [
        // In your package: .package(url: "https://github.com/<owner>/gen", from: "<version>")
        .package(name: "gen", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // The generated adapters import Hummingbird, HTTPTypes, Vapor, NIOCore and NIOHTTP1.
        .target(
            name: "RunsAPI",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["gen-config.yaml"],
            swiftSettings: strict,
            plugins: [.plugin(name: "GenPlugin", package: "gen")]
        ),
        .target(
            name: "RunsService",
            dependencies: [
                "RunsAPI", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Vapor", package: "vapor"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "RunsServer", dependencies: ["RunsAPI", "RunsService"], swiftSettings: strict),
        .testTarget(name: "RunsServerTests", dependencies: ["RunsAPI", "RunsService"], swiftSettings: strict),

        // The streaming test API: its client with the AsyncHTTPClient transport (AsyncHTTPClientTransport.swift imports
        // AsyncHTTPClient, NIOCore and NIOHTTP1), and its server side with both adapters.
        .target(
            name: "StreamsAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["gen-config.yaml"],
            swiftSettings: strict,
            plugins: [.plugin(name: "GenPlugin", package: "gen")]
        ),
        .executableTarget(name: "StreamProbe", dependencies: ["StreamsAPI"]),
        .testTarget(name: "StreamingTests", dependencies: ["StreamsAPI", "StreamProbe"]),
        // The server side of streams: a handler that streams every framing, blobs and a two-way stream
        // (StreamsService), served in-process by the wire tests or as `streams-server` for its peak memory.
        .target(
            name: "StreamsService",
            dependencies: [
                "StreamsAPI", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "StreamsServer", dependencies: ["StreamsService"], swiftSettings: strict),
        .testTarget(
            name: "ServerStreamingTests",
            dependencies: ["StreamsAPI", "StreamsService", "StreamsServer", "StreamProbe"],
            swiftSettings: strict),
    ]
)
