import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-code [SPEC…] [gen options]`: regenerates
/// checked-in code with gen, for packages that commit their generated folder.
///
/// With no spec, every `api/*.yaml|yml|json` of the package is used (output `Generated/`, or one subfolder per spec
/// when there are several). Other arguments go to gen unchanged (`--output`, `--check`, …).
@main
struct GenerateCode: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let gen = try context.tool(named: "gen").url
        var arguments = arguments
        if !arguments.contains(where: { !$0.hasPrefix("-") }) {
            let api = context.package.directoryURL.appendingPathComponent("api")
            let specs = ((try? FileManager.default.contentsOfDirectory(atPath: api.path)) ?? [])
                .filter { ["yaml", "yml", "json"].contains(URL(fileURLWithPath: $0).pathExtension) }.sorted()
            guard !specs.isEmpty else {
                throw GenerateError(
                    "no spec given and none in \(api.path); run `swift package generate-code path/to/openapi.yaml`")
            }
            arguments = specs.map { "api/" + $0 } + arguments
        }
        let process = Process()
        process.executableURL = gen
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw GenerateError("gen exited with status \(process.terminationStatus)")
        }
    }
}

struct GenerateError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
