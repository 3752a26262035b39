package import APIModel

// Names and media types decided with an operation's plan, which the client prints and the API surface lists.

extension BodyPlan {
    /// The media type a body is sent as.
    package var mediaType: String {
        switch encoding {
        case .json(let contentType), .raw(let contentType): contentType
        case .formURLEncoded: "application/x-www-form-urlencoded"
        case .multipart: "multipart/form-data"
        }
    }
}

extension OperationPlan {
    /// The name of the method that also returns the response's typed headers (escaped).
    package var withHeadersName: String {
        SwiftNaming.memberName(SwiftNaming.unescaped(name) + " with headers")
    }

    /// The method that pages through an operation's results (`x-pagination`), when its cursor parameter exists
    /// and a page is one JSON type: its name (escaped), the page's type and the cursor parameter.
    package func pagesMethod(
        _ operation: APIModel.Operation
    ) -> (name: String, pageType: SwiftType, cursor: ParameterPlan, pagination: Pagination)? {
        guard let pagination = operation.pagination, case .value(.json(let pageType)) = returns,
            let cursor = parameters.first(where: { $0.specName == pagination.cursorParameter })
        else { return nil }
        let name =
            pagination.name.map(SwiftNaming.memberName)
            ?? SwiftNaming.memberName(SwiftNaming.unescaped(self.name) + " pages")
        return (name, pageType, cursor, pagination)
    }
}
