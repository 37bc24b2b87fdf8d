package specvalidate

// The specification refers to ARM common-types v3 files that are not in the repository
// (../../../../../../common-types/resource-management/v3/types.json and privatelinks.json). The validator carries
// its own small stand-ins for exactly the entries the specification uses, written from the public description of
// common-types v3 (github.com/Azure/azure-rest-api-specs, specification/common-types/resource-management/v3). They
// are the validator's reading, not a copy: descriptions are left out and only what a request check needs is kept.
//
//   - Resource: id, name, type and systemData, all read-only (ARM fills them in; a client may echo them back).
//   - ProxyResource: allOf Resource, nothing else (no tags, no location).
//   - systemData: createdBy, createdByType, createdAt, lastModifiedBy, lastModifiedByType, lastModifiedAt; the whole
//     object is read-only.
//   - ErrorResponse: {error: {code, message, target, details[], additionalInfo[]}}, read-only (responses only).
//   - OperationListResult: {value: [...], nextLink}, read-only (responses only); the operations themselves are free
//     objects here because nothing writes them.
//   - ApiVersionParameter: api-version, query, required, minLength 1 (the emulator checks it itself, with ARM's codes).
//   - SubscriptionIdParameter: subscriptionId, path, required, format uuid (ARM answers InvalidSubscriptionId).
//   - ResourceGroupNameParameter: resourceGroupName, path, required, 1 to 90 characters, pattern ^[-\w\._\(\)]+$
//     where \w is read as .NET reads it (Unicode letters and digits: ARM accepts resource groups named 西日本).
//   - LocationParameter: location, path, required, minLength 1.
//   - privatelinks.json PrivateEndpoint ({id} read-only), PrivateEndpointConnectionProvisioningState (read-only
//     extensible enum Succeeded, Creating, Deleting, Failed) and PrivateLinkServiceConnectionState ({status:
//     extensible enum Pending, Approved, Rejected; description; actionsRequired}).
const commonTypesV3 = `{
  "definitions": {
    "Resource": {
      "type": "object",
      "properties": {
        "id": {"type": "string", "format": "arm-id", "readOnly": true},
        "name": {"type": "string", "readOnly": true},
        "type": {"type": "string", "readOnly": true},
        "systemData": {"$ref": "#/definitions/systemData", "readOnly": true}
      },
      "x-ms-azure-resource": true
    },
    "ProxyResource": {
      "type": "object",
      "allOf": [{"$ref": "#/definitions/Resource"}]
    },
    "systemData": {
      "type": "object",
      "readOnly": true,
      "properties": {
        "createdBy": {"type": "string"},
        "createdByType": {"$ref": "#/definitions/createdByType"},
        "createdAt": {"type": "string", "format": "date-time"},
        "lastModifiedBy": {"type": "string"},
        "lastModifiedByType": {"$ref": "#/definitions/createdByType"},
        "lastModifiedAt": {"type": "string", "format": "date-time"}
      }
    },
    "createdByType": {
      "type": "string",
      "enum": ["User", "Application", "ManagedIdentity", "Key"],
      "x-ms-enum": {"name": "createdByType", "modelAsString": true}
    },
    "ErrorResponse": {
      "type": "object",
      "readOnly": true,
      "properties": {
        "error": {"$ref": "#/definitions/ErrorDetail"}
      }
    },
    "ErrorDetail": {
      "type": "object",
      "properties": {
        "code": {"type": "string", "readOnly": true},
        "message": {"type": "string", "readOnly": true},
        "target": {"type": "string", "readOnly": true},
        "details": {"type": "array", "items": {"$ref": "#/definitions/ErrorDetail"}, "readOnly": true},
        "additionalInfo": {"type": "array", "items": {"type": "object"}, "readOnly": true}
      }
    },
    "OperationListResult": {
      "type": "object",
      "readOnly": true,
      "properties": {
        "value": {"type": "array", "items": {"type": "object"}, "readOnly": true},
        "nextLink": {"type": "string", "format": "uri", "readOnly": true}
      }
    }
  },
  "parameters": {
    "ApiVersionParameter": {
      "name": "api-version", "in": "query", "required": true, "type": "string", "minLength": 1
    },
    "SubscriptionIdParameter": {
      "name": "subscriptionId", "in": "path", "required": true, "type": "string", "format": "uuid"
    },
    "ResourceGroupNameParameter": {
      "name": "resourceGroupName", "in": "path", "required": true, "type": "string",
      "minLength": 1, "maxLength": 90, "pattern": "^[-\\w\\._\\(\\)]+$"
    },
    "LocationParameter": {
      "name": "location", "in": "path", "required": true, "type": "string", "minLength": 1
    }
  }
}`

const privateLinksV3 = `{
  "definitions": {
    "PrivateEndpoint": {
      "type": "object",
      "properties": {
        "id": {"type": "string", "format": "arm-id", "readOnly": true}
      }
    },
    "PrivateEndpointConnectionProvisioningState": {
      "type": "string",
      "readOnly": true,
      "enum": ["Succeeded", "Creating", "Deleting", "Failed"],
      "x-ms-enum": {"name": "PrivateEndpointConnectionProvisioningState", "modelAsString": true}
    },
    "PrivateLinkServiceConnectionState": {
      "type": "object",
      "properties": {
        "status": {"$ref": "#/definitions/PrivateEndpointServiceConnectionStatus"},
        "description": {"type": "string"},
        "actionsRequired": {"type": "string"}
      }
    },
    "PrivateEndpointServiceConnectionStatus": {
      "type": "string",
      "enum": ["Pending", "Approved", "Rejected"],
      "x-ms-enum": {"name": "PrivateEndpointServiceConnectionStatus", "modelAsString": true}
    }
  }
}`

// externalDocs maps the suffix of an external $ref's file part to the stand-in document.
var externalDocs = []struct{ suffix, name, text string }{
	{"common-types/resource-management/v3/types.json", "common-types/v3/types.json", commonTypesV3},
	{"common-types/resource-management/v3/privatelinks.json", "common-types/v3/privatelinks.json", privateLinksV3},
}
