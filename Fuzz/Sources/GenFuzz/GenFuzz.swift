import Foundation
import Generator

/// The templates, loaded once for all inputs.
private let templates = try! Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)

/// One input through the whole pipeline. Any crash, hang or leak is a bug; errors in the input are expected and
/// reported as diagnostics.
private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: count)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let result = Generator.generate(specText: text, specPath: "fuzz.yaml", templates: templates)
    if result.files.contains(where: { $0.path.isEmpty }) { fatalError("a file without a path") }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `main` aliased to `<Target>_main`; this one hands over to libFuzzer's driver.
@_cdecl("GenFuzz_main")
public func genFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runDriver(&argc, &argv) { data, count in fuzzOne(data, count) }
}
