import Foundation
import StreamsService

// Serves the streaming test API in a process of its own, so that the wire tests can read its peak memory while 1 GiB
// goes through it:
//
//   streams-server hummingbird|vapor     prints the port it listens on (127.0.0.1), then serves until killed

guard CommandLine.arguments.count == 2, let adapter = StreamsServer.Adapter(rawValue: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: streams-server hummingbird|vapor\n".utf8))
    exit(2)
}
try await StreamsServer.run(StreamsHandler(), adapter: adapter, port: 0) { port in
    FileHandle.standardOutput.write(Data("\(port)\n".utf8))
}
