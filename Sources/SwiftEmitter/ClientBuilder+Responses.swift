import APIModel
import SwiftPlanning

// An operation's method, continued: the status switch printed from the plan's outcomes, the documentation, pagination.

extension ClientBuilder {
    // MARK: - Responses

    /// The status switch printed from the plan's outcomes (and its variant that returns the typed headers too),
    /// with the error enum's cases and `statusCode` lines.
    struct ResponseSwitch {
        var cases: [String] = []
        var casesWithHeaders: [String] = []
        var errorCases: [ErrorCaseView] = []
        var statusLines: [String] = []
    }

    func responseSwitch(_ plan: OperationPlan, headersType: SwiftType?) -> ResponseSwitch {
        var result = ResponseSwitch()
        let headers = headersType.map { "\($0.spelling)(response: response)" } ?? ""
        for response in plan.responses {
            let pattern = HTTPStatus.pattern(response.status)
            let value: String?  // nil: `return` alone (the method returns `Void`)
            switch response.outcome {
            case .returnNothing: value = nil
            case .returnNil: value = "nil"
            case .returnBody(let body): value = OperationPlanner.payloadExpression(body)
            case .returnCase(let caseName, let body):
                value = body == .none ? ".\(caseName)" : ".\(caseName)(\(OperationPlanner.payloadExpression(body)))"
            case .throwDocumented(let caseName, let body, let carriesStatus):
                let thrown = documentedError(
                    response, caseName: caseName, body: body, carriesStatus: carriesStatus,
                    errorTypeName: plan.errorTypeName ?? "")
                result.errorCases.append(thrown.errorCase)
                result.statusLines.append(thrown.statusLine)
                result.cases += [pattern, "    throw \(thrown.expression)"]
                result.casesWithHeaders += [pattern, "    throw \(thrown.expression)"]
                continue
            }
            result.cases += [pattern, "    return" + (value.map { " " + $0 } ?? "")]
            result.casesWithHeaders += [pattern, "    return (\(value ?? "()"), \(headers))"]
        }
        if !plan.hasDefault {
            let lines = [
                "default:", "    throw APIError.unexpectedStatus(statusCode: response.statusCode, body: response.body)",
            ]
            result.cases += lines
            result.casesWithHeaders += lines
        }
        return result
    }

    /// A documented error status: its case of the error enum, the `statusCode` line, and the thrown value.
    func documentedError(
        _ response: ResponsePlan, caseName: String, body: ResponseBody, carriesStatus: Bool, errorTypeName: String
    ) -> (errorCase: ErrorCaseView, statusLine: String, expression: String) {
        var payloadTypes: [String] = carriesStatus ? ["statusCode: Int"] : []
        var payloadValues: [String] = carriesStatus ? ["statusCode: response.statusCode"] : []
        switch body {
        case .none: break
        case .bytes:
            payloadTypes.append(SwiftType.data.spelling)
            payloadValues.append("response.body")
        case .json(let type):
            payloadTypes.append("ErrorBody<\(type.spelling)>")
            payloadValues.append("decodeErrorBody(\(type.spelling).self, from: response)")
        }
        let joinedTypes = payloadTypes.isEmpty ? "" : "(" + payloadTypes.joined(separator: ", ") + ")"
        let joinedValues = payloadValues.isEmpty ? "" : "(" + payloadValues.joined(separator: ", ") + ")"
        let statusLine: String
        switch response.status {
        case .code(let code): statusLine = "case .\(caseName): \(code)"
        case .range, .default: statusLine = "case .\(caseName)(let statusCode\(body == .none ? "" : ", _")): statusCode"
        }
        return (
            ErrorCaseView(
                doc: DocComment.field("\(planner.statusLabel(response.status)):", response.description),
                declaration: caseName + joinedTypes),
            statusLine, "\(errorTypeName).\(caseName)\(joinedValues)"
        )
    }

    // MARK: - Documentation and paging

    /// The method's documentation: summary, description, parameters, what it returns and throws, provenance.
    func methodDoc(
        _ operation: APIModel.Operation, plan: OperationPlan, parameterDocs: [String], throwsErrorEnum: Bool
    ) -> [String] {
        var doc: [String] = []
        func paragraph(_ lines: [String]) { doc += (doc.isEmpty ? [] : ["///"]) + lines }
        if let summary = operation.summary { doc += DocComment.lines(summary) }
        if let description = operation.description, description != operation.summary {
            paragraph(DocComment.lines(description))
        }
        paragraph(["/// - Parameters:"] + parameterDocs)
        if let success = operation.responses.sorted(by: { $0.status < $1.status }).first(where: \.status.isSuccess) {
            paragraph(DocComment.field("- Returns:", success.description))
        }
        let failures = "`APIError` for undocumented statuses, bodies that do not decode, and transport failures."
        paragraph([
            throwsErrorEnum
                ? "/// - Throws: `\(plan.errorTypeName ?? "")` for each documented error status; \(failures)"
                : "/// - Throws: \(failures)",
            "/// - Remark: HTTP \(DocComment.code("\(operation.method.wireName) \(operation.path)")).",
            "/// - Remark: Generated from \(DocComment.code(operation.specPath)).",
        ])
        return doc
    }

    /// The view of the method that pages through an operation's results, when it has one (`pagesMethod`).
    func paginationView(
        _ operation: APIModel.Operation, plan: OperationPlan, signature: [String]
    ) -> PaginationView? {
        guard let (pageName, pageType, cursor, pagination) = plan.pagesMethod(operation) else { return nil }
        var keyExpression = SwiftLiteral.string(pagination.cursorField)
        if let fieldParameter = pagination.cursorFieldParameter,
            let parameter = plan.parameters.first(where: { $0.specName == fieldParameter })
        {
            keyExpression = "\(parameter.swiftName)?.parameterValue ?? \(keyExpression)"
        }
        return PaginationView(
            doc: [
                "/// Pages through `\(SwiftNaming.unescaped(plan.name))`: each page's last item gives the cursor "
                    + "(\(DocComment.code(pagination.cursorParameter))) of the",
                "/// next request, until a page comes back empty.",
                "///",
                "/// - Remark: Generated from `x-pagination` of \(DocComment.code(operation.specPath)).",
            ],
            name: pageName,
            parameters: signature.joined(separator: ", "),
            pageType: pageType.spelling,
            cursorType: cursor.type.spelling,
            firstCursor: cursor.swiftName,
            itemsKey: SwiftLiteral.string(pagination.itemsProperty),
            cursorKeyExpression: keyExpression,
            operationName: plan.name,
            callArguments: Self.callArguments(plan, cursorParameter: pagination.cursorParameter))
    }
}
