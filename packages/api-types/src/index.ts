// The public API's types, generated from contract/openapi.yaml into ./schema.ts, and short names
// for the bodies the clients use: the spec's schemas where it names them, else taken from the
// operations (request bodies and query parameters are inline in the spec).
import type { components, operations, paths } from "./schema.ts";

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

type Schemas = components["schemas"];

/** Every 4xx/5xx body: `{code, message, field}`. */
export type ApiError = Schemas["Error"];
export type ErrorCode = Schemas["ErrorCode"];

export type User = Schemas["User"];
export type Me = Schemas["Me"];
export type SignUpBody = RequestBody<operations["signUp"]>;
export type LogInBody = RequestBody<operations["logIn"]>;

export type Role = Schemas["Role"];
export type Scope = Schemas["Scope"];
export type Workspace = Schemas["Workspace"];
export type WorkspaceSummary = Schemas["WorkspaceSummary"];
export type Member = Schemas["Member"];
export type PendingInvitation = Schemas["PendingInvitation"];
export type InviteBody = RequestBody<operations["inviteMember"]>;

export type ApiKey = Schemas["ApiKey"];
export type CreateApiKeyBody = RequestBody<operations["createApiKey"]>;

export type Domain = Schemas["Domain"];
export type DomainStatus = Domain["status"];
export type DomainRecord = Domain["records"][number];
export type DomainSettings = Schemas["DomainSettings"];

export type Plan = Schemas["Plan"];
export type PlanLimits = Schemas["PlanLimits"];
export type Billing = Schemas["Billing"];
export type Subscription = Schemas["Subscription"];
export type Usage = Schemas["Usage"];
export type Meter = Schemas["Meter"];
export type BulkResult = Schemas["BulkResult"];
export type BulkResults = Schemas["BulkResults"];
export type TrackedClicksMeter = Schemas["TrackedClicksMeter"];
export type Invoice = Schemas["Invoice"];
export type Quota = Schemas["Quota"];
export type CheckoutBody = RequestBody<operations["startCheckout"]>;

export type AuditEntry = Schemas["AuditEntry"];
export type AuditLogPage = SuccessBody<operations["listAuditLog"]>;

export type Link = Schemas["Link"];
export type LinkStatus = Schemas["LinkStatus"];
export type RedirectType = Schemas["RedirectType"];
export type Rule = Schemas["Rule"];
export type Conditions = Schemas["Conditions"];
export type Variant = Schemas["Variant"];
export type LinkPage = SuccessBody<operations["listLinks"]>;
export type ListLinksQuery = QueryOf<operations["listLinks"]>;
export type QrCodeQuery = QueryOf<operations["getLinkQrCode"]>;
export type CreateLinkBody = RequestBody<operations["createLink"]>;
export type UpdateLinkBody = RequestBody<operations["updateLink"]>;

export type Analytics = Schemas["AnalyticsReport"];
export type AnalyticsQuery = QueryOf<operations["getWorkspaceAnalytics"]>;
export type AnalyticsDimension = keyof Analytics["top"];
export type TopValue = Analytics["top"][AnalyticsDimension][number];
export type LiveClick = Schemas["LiveClick"];
export type AbuseReport = Schemas["AbuseReport"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookEventType = Schemas["WebhookEventType"];

/** Every path of the API, for code that takes one generically. */
export type ApiPath = keyof paths;
