import Diagnostics
import SwiftPlanning

// gen diff: the operations compared (their parameters, bodies, return types, error cases and the methods beside them).

extension SurfaceDiff {
    // MARK: - Operations

    package static func compareOperations(
        _ old: [SurfaceOperation], _ new: [SurfaceOperation], into changes: inout Changes
    ) {
        // The methods and overloads an operation brings beside its own, named with it when it comes or goes.
        func alongside(_ operation: SurfaceOperation) -> String {
            let others = operation.forms.map(\.name) + operation.bodyForms.map { "\(operation.name)(\($0.label):)" }
            return others.isEmpty ? "" : "; with " + others.joined(separator: ", ")
        }
        match(old, new, by: \.name) { operation in
            changes.add(
                .additive, "Client." + operation.name, "new operation (\(operation.route)\(alongside(operation)))",
                at: operation.location)
        } matched: { before, operation in
            let symbol = "Client." + operation.name
            if before.route != operation.route {
                changes.add(.behavior, symbol, "now \(operation.route), was \(before.route)", at: operation.location)
            }
            if before.isDeprecated != operation.isDeprecated {
                changes.add(
                    .additive, symbol,
                    operation.isDeprecated ? "now deprecated" : "no longer deprecated", at: operation.location)
            }
            if before.requiresAuthentication != operation.requiresAuthentication {
                changes.add(
                    .behavior, symbol,
                    operation.requiresAuthentication ? "now sends credentials" : "no longer sends credentials",
                    at: operation.location)
            }
            compareParameters(before, operation, symbol: symbol, into: &changes)
            compareBodies(before, operation, symbol: symbol, into: &changes)
            if before.returnType != operation.returnType {
                changes.add(
                    .breaking, symbol,
                    "returns \(operation.returnType?.spelling ?? "Void"), was \(before.returnType?.spelling ?? "Void")",
                    at: operation.location)
            }
            compareStatuses(before, operation, symbol: symbol, into: &changes)
            compareForms(before, operation, into: &changes)
            compareBodyForms(before, operation, symbol: symbol, into: &changes)
        } removed: { operation in
            changes.add(
                .breaking, "Client." + operation.name, "operation removed (\(operation.route)\(alongside(operation)))",
                at: operation.location, old: true)
        }
    }

    /// `…Stream`, `…Bytes`, `…WithHeaders` and pages methods of an operation both sides have.
    package static func compareForms(_ old: SurfaceOperation, _ new: SurfaceOperation, into changes: inout Changes) {
        match(old.forms, new.forms, by: \.name) { form in
            changes.add(
                .additive, "Client." + form.name, "new method: returns \(form.returns) (\(form.detail))",
                at: form.location)
        } matched: { before, form in
            if before.returns != form.returns {
                changes.add(
                    .breaking, "Client." + form.name, "returns \(form.returns), was \(before.returns)",
                    at: form.location)
            }
            if before.detail != form.detail {
                changes.add(
                    .behavior, "Client." + form.name, "\(form.detail), was \(before.detail)", at: form.location)
            }
        } removed: { form in
            changes.add(
                .breaking, "Client." + form.name, "method removed (returned \(form.returns))", at: form.location,
                old: true)
        }
    }

    /// The overloads that send the body in another media type (`op(multipartBody:)`).
    package static func compareBodyForms(
        _ old: SurfaceOperation, _ new: SurfaceOperation, symbol: String, into changes: inout Changes
    ) {
        func formSymbol(_ form: SurfaceBodyForm) -> String { "\(symbol)(\(form.label):)" }
        match(old.bodyForms, new.bodyForms, by: \.label) { form in
            changes.add(
                .additive, formSymbol(form),
                "new overload: sends the body as \(form.body.encoding) (\(form.body.type.spelling))",
                at: form.body.location)
        } matched: { before, form in
            if before.body.type != form.body.type {
                changes.add(
                    .breaking, formSymbol(form), typeChange(before.body.type, form.body.type), at: form.body.location)
            } else if before.body.isRequired != form.body.isRequired {
                changes.add(
                    form.body.isRequired ? .breaking : .additive, formSymbol(form),
                    form.body.isRequired ? "now required" : "now optional", at: form.body.location)
            }
            if before.body.encoding != form.body.encoding {
                changes.add(
                    .behavior, formSymbol(form), "sent as \(form.body.encoding), was \(before.body.encoding)",
                    at: form.body.location)
            }
        } removed: { form in
            changes.add(
                .breaking, formSymbol(form), "overload removed (sent the body as \(form.body.encoding))",
                at: form.body.location, old: true)
        }
    }

    package static func compareParameters(
        _ old: SurfaceOperation, _ new: SurfaceOperation, symbol: String, into changes: inout Changes
    ) {
        func parameterSymbol(_ parameter: SurfaceParameter) -> String { "\(symbol)(\(parameter.name):)" }
        match(old.parameters, new.parameters, by: \.name) { parameter in
            if parameter.isRequired {
                changes.add(
                    .breaking, parameterSymbol(parameter), "new required parameter: \(parameter.type.spelling)",
                    at: parameter.location)
            } else {
                changes.add(
                    .additive, parameterSymbol(parameter), "new optional parameter: \(parameter.type.spelling)?",
                    at: parameter.location)
            }
        } matched: { before, parameter in
            if before.type != parameter.type {
                changes.add(
                    .breaking, parameterSymbol(parameter), typeChange(before.type, parameter.type),
                    at: parameter.location)
            } else if before.isRequired != parameter.isRequired {
                if parameter.isRequired {
                    changes.add(
                        .breaking, parameterSymbol(parameter), "now required (\(parameter.type.spelling), no default)",
                        at: parameter.location)
                } else {
                    changes.add(
                        .additive, parameterSymbol(parameter), "now optional (\(parameter.type.spelling)? = nil)",
                        at: parameter.location)
                }
            }
            if before.specName != parameter.specName || before.serialization != parameter.serialization {
                changes.add(
                    .behavior, parameterSymbol(parameter),
                    "sent as \(parameter.serialization) '\(parameter.specName)', was \(before.serialization) '\(before.specName)'",
                    at: parameter.location)
            }
        } removed: { parameter in
            changes.add(.breaking, parameterSymbol(parameter), "parameter removed", at: parameter.location, old: true)
        }
        // Arguments are passed in declaration order: the parameters both have must keep theirs.
        let common = Set(old.parameters.map(\.name)).intersection(new.parameters.map(\.name))
        let oldOrder = old.parameters.map(\.name).filter(common.contains)
        let newOrder = new.parameters.map(\.name).filter(common.contains)
        if oldOrder != newOrder {
            changes.add(
                .breaking, symbol,
                "parameters reordered: (\(newOrder.map { $0 + ":" }.joined())), was (\(oldOrder.map { $0 + ":" }.joined()))",
                at: new.location)
        }
    }

    package static func compareBodies(
        _ old: SurfaceOperation, _ new: SurfaceOperation, symbol: String, into changes: inout Changes
    ) {
        let bodySymbol = "\(symbol)(body:)"
        switch (old.body, new.body) {
        case (nil, nil):
            break
        case (nil, let body?):
            changes.add(
                body.isRequired ? .breaking : .additive, bodySymbol,
                "new \(body.isRequired ? "required" : "optional") request body: \(body.type.spelling)",
                at: body.location)
        case (let body?, nil):
            changes.add(.breaking, bodySymbol, "request body removed", at: body.location, old: true)
        case (let before?, let after?):
            if before.type != after.type {
                changes.add(.breaking, bodySymbol, typeChange(before.type, after.type), at: after.location)
            } else if before.isRequired != after.isRequired {
                changes.add(
                    after.isRequired ? .breaking : .additive, bodySymbol,
                    after.isRequired ? "now required" : "now optional", at: after.location)
            }
            if before.encoding != after.encoding {
                changes.add(
                    .behavior, bodySymbol, "sent as \(after.encoding), was \(before.encoding)", at: after.location)
            }
        }
    }

    package static func compareStatuses(
        _ old: SurfaceOperation, _ new: SurfaceOperation, symbol: String, into changes: inout Changes
    ) {
        // Successes: with the return type unchanged, a status moves between "returns" and "throws unexpectedStatus".
        let oldSuccesses = Set(old.successes.map(\.status))
        let newSuccesses = Set(new.successes.map(\.status))
        for success in new.successes where !oldSuccesses.contains(success.status) {
            changes.add(
                .behavior, symbol, "status \(success.status) now returns (threw APIError.unexpectedStatus before)",
                at: success.location)
        }
        for success in old.successes where !newSuccesses.contains(success.status) {
            changes.add(
                .behavior, symbol, "status \(success.status) now throws APIError.unexpectedStatus (returned before)",
                at: success.location, old: true)
        }
        // Errors: the cases of the operation's error enum.
        let errorType = new.errorTypeName ?? old.errorTypeName ?? symbol
        match(old.errors, new.errors, by: \.caseName) { error in
            changes.add(
                .breaking, errorType + "." + error.caseName,
                "new error case for status \(error.status): a switch over \(errorType) needs it (threw APIError.unexpectedStatus before)",
                at: error.location)
        } matched: { before, error in
            if before.payload != error.payload {
                changes.add(
                    .breaking, errorType + "." + error.caseName,
                    "carries \(error.payload?.spelling ?? "nothing"), was \(before.payload?.spelling ?? "nothing")",
                    at: error.location)
            }
        } removed: { error in
            changes.add(
                .breaking, (old.errorTypeName ?? symbol) + "." + error.caseName,
                "error case removed (status \(error.status) now \(newSuccesses.contains(error.status) ? "returns" : "throws APIError.unexpectedStatus"))",
                at: error.location, old: true)
        }
    }
}
