// swift-tools-version: 6.0
// The fuzz target of gen: arbitrary bytes through the whole pipeline (YAML, reader, emitter, templates).
// Built with libFuzzer and AddressSanitizer by Scripts/fuzz.sh; kept out of the main package because libFuzzer
// provides `main`.
import PackageDescription

let package = Package(
    name: "GenFuzz",
    dependencies: [.package(name: "gen", path: "..")],
    targets: [
        .executableTarget(name: "GenFuzz", dependencies: [.product(name: "Generator", package: "gen")])
    ]
)
