import APIModel
import Diagnostics
import OpenAPIReader
import SwiftPlanning
import Testing
import YAMLNodes

@testable import SwiftEmitter

/// What gen plans for responses offered in several media types, and for streams: the methods, their names, the
/// `Accept` each sends, and the terminator.
@Suite struct StreamingPlanTests {
    func plans(
        _ yaml: String, eventStreams: EventStreamOptions = EventStreamOptions()
    ) throws -> (
        plans: [OperationPlan], diagnostics: [Diagnostic]
    ) {
        let sink = DiagnosticCollector()
        let root = try #require(YAMLParser.parse(yaml, file: "t.yaml", diagnostics: sink))
        let document = try #require(OpenAPIReader.read(root, file: "t.yaml", diagnostics: sink))
        let types = TypeBuilder(document: document, diagnostics: sink)
        _ = types.componentTypes()
        let plans = OperationPlanner(document: document, types: types, eventStreams: eventStreams, diagnostics: sink)
            .planOperations().plans
        return (plans, sink.sorted)
    }

    static let spec = """
        openapi: 3.1.0
        info: {title: Chat, version: "1"}
        paths:
          /chat:
            post:
              operationId: chat
              requestBody:
                content: {application/json: {schema: {type: object, properties: {q: {type: string}}}}}
              responses:
                "200":
                  description: An answer, or its tokens as they come.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/Answer"}}
                    text/event-stream:
                      schema: {$ref: "#/components/schemas/Token"}
                      example: "data: {\\"t\\": \\"a\\"}\\n\\ndata: [DONE]\\n\\n"
                "429":
                  description: Slow down.
                  content: {application/json: {schema: {$ref: "#/components/schemas/Answer"}}}
          /notes:
            post:
              operationId: postNote
              requestBody:
                required: true
                content:
                  application/json: {schema: {$ref: "#/components/schemas/Answer"}}
                  application/x-www-form-urlencoded: {schema: {$ref: "#/components/schemas/Answer"}}
                  multipart/form-data: {schema: {type: object, properties: {file: {type: string, format: binary}}}}
                  text/plain: {schema: {type: string}}
              responses:
                "204": {description: Noted.}
          /export:
            get:
              operationId: export
              responses:
                "200":
                  description: JSON or CSV.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/Answer"}}
                    text/csv: {schema: {type: string}}
          /lines:
            get:
              operationId: lines
              responses:
                "200":
                  description: JSON Lines only.
                  content: {application/x-ndjson: {schema: {$ref: "#/components/schemas/Token"}}}
          /chat-stream:
            get:
              operationId: chatStream
              responses:
                "204": {description: An operation that already has the name a stream would get.}
        components:
          schemas:
            Answer: {type: object, properties: {text: {type: string}}}
            Token: {type: object, required: [t], properties: {t: {type: string}}}
        """

    @Test("JSON and events: the method asks for JSON, …Stream for the events; the terminator is read from the example")
    func jsonAndEvents() throws {
        let (plans, diagnostics) = try plans(Self.spec)
        let chat = try #require(plans.first { $0.name == "chat" })
        #expect(chat.accept == ["application/json"])
        #expect(chat.returns == .value(.json(.named("Answer"))))
        let stream = try #require(chat.streams.first)
        #expect(chat.streams.count == 1)
        // `chatStream` is an operation's name: the stream method gets another, with a warning at the operation.
        #expect(stream.name != "chatStream" && stream.name.hasPrefix("chatStream"))
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("chat stream") })
        #expect(
            stream.kind
                == .events(element: .named("Token"), framing: .serverSentEvents, terminator: "[DONE]"))
        #expect(stream.accept == ["text/event-stream"])
        #expect(stream.statuses == [.code(200)])
    }

    @Test("JSON and CSV: the method asks for JSON, …Bytes streams the CSV")
    func jsonAndCSV() throws {
        let export = try #require(try plans(Self.spec).plans.first { $0.name == "export" })
        #expect(export.accept == ["application/json"])
        #expect(export.streams.map(\.name) == ["exportBytes"])
        #expect(export.streams.first?.kind == .bytes)
        #expect(export.streams.first?.accept == ["text/csv"])
    }

    @Test("events only: the method reads their bytes whole, …Stream decodes them; no terminator unless configured")
    func eventsOnly() throws {
        let lines = try #require(try plans(Self.spec).plans.first { $0.name == "lines" })
        #expect(lines.accept == ["application/x-ndjson"])
        #expect(lines.returns == .value(.bytes))
        #expect(lines.streams.map(\.name) == ["linesStream"])
        #expect(lines.streams.first?.kind == .events(element: .named("Token"), framing: .jsonLines, terminator: nil))
    }

    @Test("a stream without a schema is streamed as JSONValue events, or as gen-config's schema for the operation")
    func untypedStreams() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: Greetings, version: "1"}
            paths:
              /greetings:
                get:
                  operationId: getGreetings
                  responses:
                    "200":
                      description: Greetings, one per line.
                      content: {application/jsonl: {}}
              /events:
                get:
                  operationId: getEvents
                  responses:
                    "200":
                      description: Greetings as Server-sent events.
                      content: {text/event-stream: {}}
            components:
              schemas:
                Greeting: {type: object, properties: {message: {type: string}}}
            """
        func kind(_ name: String, _ options: EventStreamOptions = EventStreamOptions()) throws -> StreamPlan.Kind? {
            let plan = try #require(try plans(spec, eventStreams: options).plans.first { $0.name == name })
            // The method itself still reads the stream whole (and says so); `…Stream` reads it event by event.
            #expect(plan.returns == .value(.bytes))
            #expect(plan.streams.map(\.name) == [name + "Stream"])
            return plan.streams.first?.kind
        }
        #expect(try kind("getGreetings") == .events(element: .json, framing: .jsonLines, terminator: nil))
        #expect(try kind("getEvents") == .events(element: .json, framing: .serverSentEvents, terminator: nil))
        #expect(
            try kind("getGreetings", EventStreamOptions(schemas: ["getGreetings": "Greeting"]))
                == .events(element: .named("Greeting"), framing: .jsonLines, terminator: nil))
        let (_, diagnostics) = try plans(spec, eventStreams: EventStreamOptions(schemas: ["getEvents": "Greting"]))
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:17:21: warning: gen-config's event schema 'Greting' for operation 'getEvents' is not in components.schemas; the stream's events are read as the spec says"
            ])
    }

    @Test("a configured terminator wins over the example's, and one per operation over both")
    func configuredTerminator() throws {
        func terminator(_ options: EventStreamOptions) throws -> String? {
            let chat = try #require(try plans(Self.spec, eventStreams: options).plans.first { $0.name == "chat" })
            guard case .events(_, _, let terminator) = chat.streams.first?.kind else { return nil }
            return terminator
        }
        #expect(try terminator(EventStreamOptions(terminator: "END")) == "END")
        #expect(try terminator(EventStreamOptions(terminator: "END", terminators: ["chat": "STOP"])) == "STOP")
    }

    @Test("a request body in several media types: JSON is `body:`, each other one an overload with its own label")
    func requestBodyMediaTypes() throws {
        let note = try #require(try plans(Self.spec).plans.first { $0.name == "postNote" })
        #expect(note.body?.encoding == .json(contentType: "application/json"))
        #expect(note.alternateBodies.map(\.label) == ["formBody", "multipartBody", "textPlainBody"])
        #expect(
            note.alternateBodies.map(\.body.type) == [
                .named("Answer"), .named("MultipartBody", qualifier: "Operations.PostNote."), .data,
            ])
        #expect(note.alternateBodies[1].body.encoding == .multipart(binaryFields: ["file"], fields: []))
    }

    @Test("the terminator of an example is a last data line that is not JSON")
    func terminatorFromExamples() {
        func example(_ text: String) -> Example {
            Example(
                name: nil, summary: nil, value: .string(text), location: SourceLocation(file: "t", line: 1, column: 1))
        }
        #expect(OperationPlanner.terminator(in: [example("data: {\"a\": 1}\n\ndata: [DONE]\n\n")]) == "[DONE]")
        #expect(OperationPlanner.terminator(in: [example("data: {\"a\": 1}\n\ndata: {\"a\": 2}\n\n")]) == nil)
        #expect(OperationPlanner.terminator(in: [example("data: 42\n\n")]) == nil)
        #expect(OperationPlanner.terminator(in: []) == nil)
    }
}
