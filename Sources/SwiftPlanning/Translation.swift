package import APIModel
package import Diagnostics

/// The typed translation of a spec that `SwiftEmitter.emit` prints and `APISurface` describes: the filter applied,
/// every schema and operation planned, in one order, so `gen diff` sees exactly the API `gen` generates.
package struct Translation {
    /// The document after the configuration's filter.
    package let document: APIDocument
    package let types: TypeBuilder
    package let planner: OperationPlanner
    /// The declarations of the component schemas.
    package let componentTypes: [ComponentDeclaration]
    /// The inline types of the operations that declare any, in document order.
    package let namespaces: [NamespacePlan]
    /// One plan per operation of `document`, in document order.
    package let plans: [OperationPlan]
    /// Per operation, the type its `…WithHeaders` method returns, if it has one.
    package let headersTypes: [SwiftType?]

    /// - Parameter componentsReady: Called with the component schemas' declarations as soon as they are final,
    ///   before the operations are planned.
    ///   - runtimeTypeNames: The runtime's types (`RuntimeSources.typeNames`), which no schema may be named after.
    package init(
        _ document: APIDocument, options: EmitOptions, runtimeTypeNames: Set<String>, diagnostics: any DiagnosticSink,
        componentsReady: (_ componentTypes: [ComponentDeclaration]) -> Void = { _ in }
    ) {
        let document = options.filter.map { $0.apply(to: document, diagnostics: diagnostics) } ?? document
        let types = TypeBuilder(
            document: document, overrides: options.typeOverrides,
            reserved: runtimeTypeNames.union(options.server ? SwiftNaming.serverTypeNames : []),
            diagnostics: diagnostics)
        let planner = OperationPlanner(
            document: document, types: types, access: options.access.rawValue, eventStreams: options.eventStreams,
            serverSide: options.server, diagnostics: diagnostics)
        self.document = document
        self.types = types
        self.planner = planner
        componentTypes = types.componentTypes()
        componentsReady(componentTypes)
        (plans, headersTypes, namespaces) = planner.planOperations()
    }
}
