// Package specvalidate is the emulator's one reading of the Microsoft.CognitiveServices specification for requests:
// it matches a request to its operation and checks the path parameters, the query and the body against the
// operation's declared parameters and schemas, before any rule of the service runs.
//
// It knows JSON types, formats (int32/int64 ranges, date-time, uuid), required properties, non-extensible enums,
// patterns, minimum/maximum lengths and values, item counts, additionalProperties, $ref, allOf and polymorphism by
// discriminator. It never refuses read-only properties (ARM ignores them; StripReadOnly removes them) and reports
// create-only properties a PUT or PATCH changes (CreateOnlyChanges). Violations carry the JSON path, the constraint
// kind and an ARM-style message; Violation.Code and ErrorFor give the ARM error.
//
// The emulator's write pipeline calls it in this order:
//
//	op, params, ok := v.Match(r.Method, r.URL.Path)  // not ok: not a Cognitive Services route of the spec
//	vs := op.ValidateParams(params, r.URL.Query())   // names in the URL, then the query
//	body, err := specvalidate.Decode(raw)            // (or op.ValidateBody(raw), which decodes)
//	vs = append(vs, op.ValidateValue(body)...)       // the body
//	if e := specvalidate.ErrorFor(vs); e != nil { answer 400 {"error": e}; nothing stored }
//	body = op.StripReadOnly(body)                    // what ARM does with read-only properties
//	if the resource exists (PUT or PATCH): op.CreateOnlyChanges(stored, body) -> refuse with the code chosen
//	then the service's own rules (kinds, locations, quotas, references, ...)
//
// The decisions (extensible enums, unknown properties, nulls, formats, discriminators, the common-types stand-ins)
// and the public evidence for the error codes are in README.md.
package specvalidate
