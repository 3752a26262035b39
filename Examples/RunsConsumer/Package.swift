// swift-tools-version: 6.0
// An example consumer: a package that depends on gen and lets its build plugin generate the client.
import PackageDescription

let package = Package(
    name: "RunsConsumer",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your package: .package(url: "https://github.com/<owner>/gen", from: "<version>")
        .package(name: "gen", path: "../..")
    ],
    targets: [
        .target(
            name: "RunsClient",
            plugins: [.plugin(name: "GenPlugin", package: "gen")]
        ),
        .testTarget(name: "RunsClientTests", dependencies: ["RunsClient"]),
        // The same plugin with a gen-config.yaml beside the spec: an internal client with one operation, no fixtures.
        .target(
            name: "RunWatcher",
            exclude: ["gen-config.yaml"],
            plugins: [.plugin(name: "GenPlugin", package: "gen")]
        ),
        // Its fixtures and ReplayTransport are generated into its tests instead (`fixtures: {module: RunWatcher}`).
        .testTarget(
            name: "RunWatcherTests",
            dependencies: ["RunWatcher"],
            exclude: ["gen-config.yaml"],
            plugins: [.plugin(name: "GenPlugin", package: "gen")]
        ),
    ]
)
