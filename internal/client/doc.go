// Package client is a typed Azure Resource Manager and Foundry project client for Microsoft.CognitiveServices, built on azcore.
//
// # Errors: what is retried and what is final
//
// Every failure from the service reaches the caller as the unchanged *azcore.ResponseError, and Classify sorts it into
// one Class, by status and error code (never by message text). Only transient errors are sent again by the client, and
// only within the caller's context (the resource's timeout); everything else is returned at once, with its code and
// message. Where Azure's code for a case is not documented, the error is final: the service's own message, at once,
// is more useful than minutes of retries that cannot change the answer.
//
//	| Status | Code                                                   | Class          | Who retries, and for how long                          |
//	|--------|--------------------------------------------------------|----------------|--------------------------------------------------------|
//	| 409    | RequestConflict, AnotherOperationInProgress,           | Transient      | conflictPolicy, writes only, within the timeout        |
//	|        | RetryableErrorDueToAnotherOperation (busy parent)      |                | (backoff 2 s to 30 s, Retry-After honoured)            |
//	| 409    | conflict (project data plane only: "modified           | Transient      | conflictPolicy of the data-plane pipeline              |
//	|        | concurrently. Please retry.")                          |                |                                                        |
//	| 409    | any other: Conflict (a name or scope taken: connection | Final          | nobody                                                 |
//	|        | names, a second capability host), CustomDomainInUse,   |                |                                                        |
//	|        | FlagMustBeSetForRestore, RoleAssignmentExists, ...     |                |                                                        |
//	| 409    | MissingSubscriptionRegistration                        | Final          | azcore registers the namespace first (≤ 5 min) unless  |
//	|        |                                                        |                | DisableRPRegistration                                  |
//	| 412    | any (Cosmos DB: another operation holds the account;   | Transient      | conflictPolicy, writes only, within the timeout        |
//	|        | the client sends no If-Match)                          |                |                                                        |
//	| 408    | any                                                    | Transient      | azcore retry policy, within the timeout                |
//	| 429    | any (throttling)                                       | Transient      | azcore, honouring Retry-After up to 5 min              |
//	| 5xx    | any                                                    | Transient      | azcore (500, 502, 503, 504), within the timeout        |
//	| -      | transport error, timeout                               | Transient      | azcore, within the timeout                             |
//	| 400    | PrincipalNotFound (a new identity not replicated yet)  | Propagation    | the caller, within its own bound                       |
//	|        |                                                        |                | (waits.principal_replication, default 5 min)           |
//	| 401    | PermissionDenied (project data plane: a role not yet   | Propagation    | the caller, within its own bound                       |
//	|        | effective)                                             |                | (waits.role_propagation, default 15 min)               |
//	| 401    | any other (InvalidAuthenticationTokenAudience, expired | Authentication | nobody; never a warning                                |
//	|        | or malformed token)                                    |                |                                                        |
//	| -      | the credential cannot get a token (CredentialError)    | Authentication | nobody; never a warning                                |
//	| 403    | any (AuthorizationFailed, LinkedAuthorizationFailed,   | Authorization  | nobody; never a warning                                |
//	|        | RequestDisallowedByPolicy)                             |                |                                                        |
//	| other  | any (400 InvalidData, 404 ResourceNotFound, ...)       | Final          | nobody                                                 |
//
// Propagation errors are retried by the caller because only the caller knows what it waits for and how long that
// may take: each such wait has a bound of its own, far below the resource's timeout, and ends with an error that
// names what never became true (the services' waits package).
package client
