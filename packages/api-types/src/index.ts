// The public API's types, generated from contract/openapi.yaml into ./schema.ts, and short names
// for the bodies the clients use. The aliases are taken from the operations (paths, methods and
// operation ids are the contract's stable part), not from component names, so renaming a schema
// in the spec does not break a client.
import type { operations, paths } from "./schema.ts";

export type { components, operations, paths } from "./schema.ts";

type JsonContent<R> = R extends { content: { "application/json": infer Body } } ? Body : never;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

/** The JSON body of an operation's success answer (200, 201, …). */
export type SuccessBody<Op extends { responses: object }> = JsonContent<
  Op["responses"][Extract<keyof Op["responses"], SuccessStatus>]
>;
/** The JSON body of an operation's error answers (4xx, 5xx, `default`). */
export type ErrorBody<Op extends { responses: object }> = JsonContent<
  Op["responses"][Exclude<keyof Op["responses"], SuccessStatus>]
>;
/** The JSON request body of an operation. */
export type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
/** The query parameters of an operation. */
export type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** Every 4xx/5xx body: `{code, message, field}`. */
export type ApiError = ErrorBody<operations["getLink"]>;

export type User = SuccessBody<operations["logIn"]>;
export type Me = SuccessBody<operations["getMe"]>;
export type SignUpBody = RequestBody<operations["signUp"]>;
export type LogInBody = RequestBody<operations["logIn"]>;

export type Workspace = SuccessBody<operations["getWorkspace"]>;
export type WorkspaceSummary = SuccessBody<operations["listWorkspaces"]>["items"][number];
export type Role = WorkspaceSummary["role"];
export type Member = SuccessBody<operations["listMembers"]>["items"][number];
export type Invitation = SuccessBody<operations["inviteMember"]>;
export type InviteBody = RequestBody<operations["inviteMember"]>;

export type ApiKey = SuccessBody<operations["listApiKeys"]>["items"][number];
export type CreatedApiKey = SuccessBody<operations["createApiKey"]>;
export type CreateApiKeyBody = RequestBody<operations["createApiKey"]>;
export type Scope = CreateApiKeyBody["scopes"][number];

export type AuditEntry = SuccessBody<operations["listAuditLog"]>["items"][number];
export type AuditLogPage = SuccessBody<operations["listAuditLog"]>;

export type Link = SuccessBody<operations["getLink"]>;
export type LinkStatus = Link["status"];
export type RedirectType = Link["redirectType"];
export type LinkPage = SuccessBody<operations["listLinks"]>;
export type ListLinksQuery = QueryOf<operations["listLinks"]>;
export type CreateLinkBody = RequestBody<operations["createLink"]>;
export type UpdateLinkBody = RequestBody<operations["updateLink"]>;

export type Analytics = SuccessBody<operations["getWorkspaceAnalytics"]>;
export type AnalyticsQuery = QueryOf<operations["getWorkspaceAnalytics"]>;
export type AnalyticsDimension = keyof Analytics["top"];
export type TopValue = Analytics["top"][AnalyticsDimension][number];

/** Every path of the API, for code that takes one generically. */
export type ApiPath = keyof paths;
