internal import Mustache

// Generated from the view models' declarations (Views.swift, Views+Client.swift, Views+Server.swift) by
// ViewLookupTests.lookupSource: do not edit. Field lookup for the templates without reflection; an unknown name
// returns nil, so Mustache looks in the enclosing view.

extension TypeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "declaration": self.declaration
        case "access": self.access
        case "equality": self.equality
        case "structView": self.structView
        case "enumView": self.enumView
        case "oneOfView": self.oneOfView
        case "aliasView": self.aliasView
        case "headersView": self.headersView
        case "outputView": self.outputView
        default: nil
        }
    }
}

extension OutputView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "cases": self.cases
        default: nil
        }
    }
}

extension OutputCaseView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "declaration": self.declaration
        default: nil
        }
    }
}

extension HeadersView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "properties": self.properties
        default: nil
        }
    }
}

extension HeaderPropertyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "type": self.type
        case "read": self.read
        case "headerName": self.headerName
        case "write": self.write
        case "separator": self.separator
        default: nil
        }
    }
}

extension StructView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "conformances": self.conformances
        case "requiredNullableMembers": self.requiredNullableMembers
        case "listedValues": self.listedValues
        case "properties": self.properties
        case "initParameters": self.initParameters
        case "decodeLines": self.decodeLines
        case "encodeLines": self.encodeLines
        case "hasCoding": self.hasCoding
        case "composite": self.composite
        case "nestedLines": self.nestedLines
        default: nil
        }
    }
}

extension PropertyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "type": self.type
        default: nil
        }
    }
}

extension CompositeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "parts": self.parts
        case "isAllOf": self.isAllOf
        case "partList": self.partList
        case "encodesAllParts": self.encodesAllParts
        case "noneMatchedCondition": self.noneMatchedCondition
        case "completeLines": self.completeLines
        case "encodeLines": self.encodeLines
        case "parameterLines": self.parameterLines
        case "isParameterValue": self.isParameterValue
        default: nil
        }
    }
}

extension CompositePartView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "type": self.type
        case "isLast": self.isLast
        default: nil
        }
    }
}

extension EnumView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "rawType": self.rawType
        case "cases": self.cases
        case "allCasesList": self.allCasesList
        default: nil
        }
    }
}

extension EnumCaseView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "name": self.name
        case "literal": self.literal
        default: nil
        }
    }
}

extension OneOfView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "indirectKeyword": self.indirectKeyword
        case "name": self.name
        case "conformances": self.conformances
        case "isParameterValue": self.isParameterValue
        case "cases": self.cases
        case "discriminatorKey": self.discriminatorKey
        case "discriminatorLines": self.discriminatorLines
        case "decodeLines": self.decodeLines
        case "discriminatorReadLines": self.discriminatorReadLines
        case "discriminatorDefaultLines": self.discriminatorDefaultLines
        case "nestedLines": self.nestedLines
        default: nil
        }
    }
}

extension OneOfCaseView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "type": self.type
        case "encodeArguments": self.encodeArguments
        default: nil
        }
    }
}

extension AliasView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "type": self.type
        default: nil
        }
    }
}

extension FileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "specName": self.specName
        case "access": self.access
        case "importKeyword": self.importKeyword
        case "isHashable": self.isHashable
        case "equality": self.equality
        case "testableImports": self.testableImports
        case "models": self.models
        case "client": self.client
        case "fixtures": self.fixtures
        case "exerciser": self.exerciser
        case "server": self.server
        case "mock": self.mock
        default: nil
        }
    }
}

extension ModelsView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "types": self.types
        case "namespaceLines": self.namespaceLines
        case "foundationImport": self.foundationImport
        default: nil
        }
    }
}

extension NamespaceView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "access": self.access
        case "name": self.name
        case "typeLines": self.typeLines
        default: nil
        }
    }
}

extension FixturesView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "operations": self.operations
        case "routes": self.routes
        case "allFixtures": self.allFixtures
        default: nil
        }
    }
}

extension FixtureOperationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "methodName": self.methodName
        case "fixtures": self.fixtures
        case "allList": self.allList
        default: nil
        }
    }
}

extension FixtureView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "attributes": self.attributes
        case "doc": self.doc
        case "name": self.name
        case "valueType": self.valueType
        case "statusCode": self.statusCode
        case "contentType": self.contentType
        case "literalLines": self.literalLines
        case "framing": self.framing
        default: nil
        }
    }
}

extension ExerciserView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "operations": self.operations
        case "runLines": self.runLines
        case "deprecatedLines": self.deprecatedLines
        case "roundTripLines": self.roundTripLines
        case "hasRoundTrips": self.hasRoundTrips
        case "letterFunction": self.letterFunction
        case "decodedTypeLines": self.decodedTypeLines
        case "decodedTypeKeys": self.decodedTypeKeys
        default: nil
        }
    }
}

extension ExerciseOperationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "functionName": self.functionName
        case "operationName": self.operationName
        case "lines": self.lines
        default: nil
        }
    }
}

extension ClientView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "servers": self.servers
        case "templatedServers": self.templatedServers
        case "defaultServer": self.defaultServer
        case "authMethods": self.authMethods
        case "operations": self.operations
        case "operationIDs": self.operationIDs
        case "operationIDList": self.operationIDList
        case "userAgent": self.userAgent
        case "hasOperationNamespaces": self.hasOperationNamespaces
        case "foundationImport": self.foundationImport
        case "urlSession": self.urlSession
        default: nil
        }
    }
}

extension OperationIDView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "declaration": self.declaration
        default: nil
        }
    }
}

extension ServerView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "attributes": self.attributes
        case "doc": self.doc
        case "name": self.name
        case "url": self.url
        default: nil
        }
    }
}

extension TemplatedServerView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "attributes": self.attributes
        case "doc": self.doc
        case "name": self.name
        case "parameters": self.parameters
        case "template": self.template
        default: nil
        }
    }
}

extension AuthMethodView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "attributes": self.attributes
        case "doc": self.doc
        case "lines": self.lines
        default: nil
        }
    }
}

extension OperationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "attributes": self.attributes
        case "name": self.name
        case "parameters": self.parameters
        case "isIdempotent": self.isIdempotent
        case "returnType": self.returnType
        case "buildLines": self.buildLines
        case "requiresAuth": self.requiresAuth
        case "responseCases": self.responseCases
        case "errorType": self.errorType
        case "operationID": self.operationID
        case "pagination": self.pagination
        case "withHeaders": self.withHeaders
        case "callArguments": self.callArguments
        case "streams": self.streams
        case "bodyVariants": self.bodyVariants
        case "sentBody": self.sentBody
        default: nil
        }
    }
}

extension StreamMethodView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "name": self.name
        case "returnType": self.returnType
        case "buildLines": self.buildLines
        case "streamCases": self.streamCases
        case "errorCases": self.errorCases
        default: nil
        }
    }
}

extension BodyVariantView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "parameters": self.parameters
        case "buildLines": self.buildLines
        case "sentBody": self.sentBody
        default: nil
        }
    }
}

extension WithHeadersView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "methodName": self.methodName
        case "headersType": self.headersType
        case "responseCases": self.responseCases
        default: nil
        }
    }
}

extension PaginationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "name": self.name
        case "parameters": self.parameters
        case "pageType": self.pageType
        case "cursorType": self.cursorType
        case "firstCursor": self.firstCursor
        case "itemsKey": self.itemsKey
        case "cursorKeyExpression": self.cursorKeyExpression
        case "operationName": self.operationName
        case "callArguments": self.callArguments
        default: nil
        }
    }
}

extension ErrorTypeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "cases": self.cases
        case "statusLines": self.statusLines
        default: nil
        }
    }
}

extension ErrorCaseView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "attributes": self.attributes
        case "doc": self.doc
        case "declaration": self.declaration
        default: nil
        }
    }
}

extension ServerSideView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "operations": self.operations
        case "namespaceLines": self.namespaceLines
        case "routeLines": self.routeLines
        case "schemeLines": self.schemeLines
        case "ruleLines": self.ruleLines
        case "hasRules": self.hasRules
        case "contractLines": self.contractLines
        case "responseRuleLines": self.responseRuleLines
        case "hasResponseRules": self.hasResponseRules
        case "errorRequirements": self.errorRequirements
        case "hasErrorRequirements": self.hasErrorRequirements
        case "basePath": self.basePath
        case "foundationImport": self.foundationImport
        default: nil
        }
    }
}

extension ServerOperationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "name": self.name
        case "typeName": self.typeName
        case "namespace": self.namespace
        case "route": self.route
        case "fields": self.fields
        case "memberwiseParameters": self.memberwiseParameters
        case "memberwiseLines": self.memberwiseLines
        case "decodeLines": self.decodeLines
        case "responseCases": self.responseCases
        case "encodeLines": self.encodeLines
        case "dispatchLine": self.dispatchLine
        case "refusalLines": self.refusalLines
        case "hasRefusal": self.hasRefusal
        case "refuseLine": self.refuseLine
        case "conformances": self.conformances
        default: nil
        }
    }
}

extension ErrorRequirementView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "requirement": self.requirement
        case "implementation": self.implementation
        default: nil
        }
    }
}

extension ServerFieldView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": self.doc
        case "name": self.name
        case "type": self.type
        default: nil
        }
    }
}

extension MockView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "operations": self.operations
        default: nil
        }
    }
}

extension MockOperationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "namespace": self.namespace
        case "lines": self.lines
        default: nil
        }
    }
}
