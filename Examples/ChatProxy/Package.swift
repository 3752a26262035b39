// swift-tools-version: 6.0
// A streaming chat proxy built with gen, as a user would build it: a Hummingbird server generated from its own small
// spec (Sources/ChatAPI: `POST /chat` answering JSON Lines), whose handler asks an OpenAI-compatible chat completions
// endpoint for a stream with the client generated from OpenAI's published spec, filtered to that one operation
// (Sources/OpenAIChat), and forwards each delta as it arrives. Both are generated at build time by GenPlugin.
//
//   UPSTREAM_URL=https://api.openai.com/v1 OPENAI_API_KEY=… swift run chat-proxy
//   curl -N localhost:8080/chat -H 'Content-Type: application/json' -d '{"messages":[{"role":"user","content":"Hi"}]}'
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ChatProxy",
    platforms: [.macOS(.v14)],
    products: [.executable(name: "chat-proxy", targets: ["chat-proxy"])],
    dependencies: [
        // In your package: .package(url: "https://github.com/<owner>/gen", from: "<version>")
        .package(name: "gen", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // The proxy's API: server side with the Hummingbird adapter, client on AsyncHTTPClient.
        .target(
            name: "ChatAPI",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["gen-config.yaml"],
            swiftSettings: strict,
            plugins: [.plugin(name: "GenPlugin", package: "gen")]
        ),
        // The upstream: OpenAI's chat completions client on AsyncHTTPClient.
        .target(
            name: "OpenAIChat",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["gen-config.yaml"],
            swiftSettings: strict,
            plugins: [.plugin(name: "GenPlugin", package: "gen")]
        ),
        .target(
            name: "ChatProxy",
            dependencies: [
                "ChatAPI", "OpenAIChat", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "chat-proxy", dependencies: ["ChatProxy"], swiftSettings: strict),
        .testTarget(
            name: "ChatProxyTests",
            dependencies: [
                "ChatProxy", "ChatAPI", "OpenAIChat", "chat-proxy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
    ]
)
