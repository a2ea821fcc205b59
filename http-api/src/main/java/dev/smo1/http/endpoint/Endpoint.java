package dev.smo1.http.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;

/**
 * The route table: every route the node's HTTP port serves, as a method and a path template. A
 * route declares its entry where it is built ({@link Endpoints#endpoint}), which matches the method
 * and records the entry on the request; the metrics' {@code route} label is the recorded template,
 * and the contract tests hold this table to {@code contract/openapi.yaml} both ways (each entry is
 * an operation of the spec whose {@code operationId} is the constant's name in camel case, and each
 * operation is an entry) and probe a running node for every entry.
 *
 * <p>Add an entry with its route and its operation in the spec; never rename one: the operation id
 * is a contract with generated clients.
 */
public enum Endpoint {
  FOLLOW_LINK(HttpMethods.GET, "/{code}"),
  FOLLOW_LINK_HEAD(HttpMethods.HEAD, "/{code}"),
  UNLOCK_LINK(HttpMethods.POST, "/{code}"),
  GET_LIVENESS(HttpMethods.GET, "/healthz"),
  GET_READINESS(HttpMethods.GET, "/readyz"),
  INGEST_CLICKS(HttpMethods.POST, "/internal/clicks"),
  FETCH_VISITOR_SALT(HttpMethods.POST, "/internal/visitor-salt"),
  GET_OPEN_API(HttpMethods.GET, "/api/v1/openapi.json"),
  LIST_PLANS(HttpMethods.GET, "/api/v1/plans"),
  RECEIVE_STRIPE_WEBHOOK(HttpMethods.POST, "/api/v1/billing/stripe/webhook"),

  SIGN_UP(HttpMethods.POST, "/api/v1/auth/signup"),
  VERIFY_EMAIL(HttpMethods.POST, "/api/v1/auth/verify-email"),
  RESEND_VERIFICATION(HttpMethods.POST, "/api/v1/auth/verify-email/resend"),
  LOG_IN(HttpMethods.POST, "/api/v1/auth/login"),
  LOG_OUT(HttpMethods.POST, "/api/v1/auth/logout"),
  REQUEST_PASSWORD_RESET(HttpMethods.POST, "/api/v1/auth/password-reset"),
  CONFIRM_PASSWORD_RESET(HttpMethods.POST, "/api/v1/auth/password-reset/confirm"),

  GET_USAGE(HttpMethods.GET, "/api/v1/workspaces/{slug}/usage"),
  GET_BILLING(HttpMethods.GET, "/api/v1/workspaces/{slug}/billing"),
  START_CHECKOUT(HttpMethods.POST, "/api/v1/workspaces/{slug}/billing/checkout"),
  OPEN_BILLING_PORTAL(HttpMethods.POST, "/api/v1/workspaces/{slug}/billing/portal"),
  LIST_INVOICES(HttpMethods.GET, "/api/v1/workspaces/{slug}/billing/invoices"),

  GET_ME(HttpMethods.GET, "/api/v1/me"),
  DELETE_ACCOUNT(HttpMethods.DELETE, "/api/v1/me"),
  CHANGE_PASSWORD(HttpMethods.POST, "/api/v1/me/password"),
  CHANGE_EMAIL(HttpMethods.POST, "/api/v1/me/email"),
  LOG_OUT_EVERYWHERE(HttpMethods.DELETE, "/api/v1/me/sessions"),

  ACCEPT_INVITATION(HttpMethods.POST, "/api/v1/invitations/accept"),
  CREATE_WORKSPACE(HttpMethods.POST, "/api/v1/workspaces"),
  LIST_WORKSPACES(HttpMethods.GET, "/api/v1/workspaces"),
  GET_WORKSPACE(HttpMethods.GET, "/api/v1/workspaces/{slug}"),
  UPDATE_WORKSPACE(HttpMethods.PATCH, "/api/v1/workspaces/{slug}"),
  DELETE_WORKSPACE(HttpMethods.DELETE, "/api/v1/workspaces/{slug}"),
  LIST_MEMBERS(HttpMethods.GET, "/api/v1/workspaces/{slug}/members"),
  CHANGE_MEMBER_ROLE(HttpMethods.PATCH, "/api/v1/workspaces/{slug}/members/{userId}"),
  REMOVE_MEMBER(HttpMethods.DELETE, "/api/v1/workspaces/{slug}/members/{userId}"),
  INVITE_MEMBER(HttpMethods.POST, "/api/v1/workspaces/{slug}/invitations"),
  CREATE_API_KEY(HttpMethods.POST, "/api/v1/workspaces/{slug}/api-keys"),
  LIST_API_KEYS(HttpMethods.GET, "/api/v1/workspaces/{slug}/api-keys"),
  REVOKE_API_KEY(HttpMethods.DELETE, "/api/v1/workspaces/{slug}/api-keys/{keyId}"),
  LIST_AUDIT_LOG(HttpMethods.GET, "/api/v1/workspaces/{slug}/audit-log"),
  ADD_DOMAIN(HttpMethods.POST, "/api/v1/workspaces/{slug}/domains"),
  LIST_DOMAINS(HttpMethods.GET, "/api/v1/workspaces/{slug}/domains"),
  GET_DOMAIN(HttpMethods.GET, "/api/v1/workspaces/{slug}/domains/{domain}"),
  UPDATE_DOMAIN(HttpMethods.PATCH, "/api/v1/workspaces/{slug}/domains/{domain}"),
  REMOVE_DOMAIN(HttpMethods.DELETE, "/api/v1/workspaces/{slug}/domains/{domain}"),
  VERIFY_DOMAIN(HttpMethods.POST, "/api/v1/workspaces/{slug}/domains/{domain}/verify"),
  RENEW_DOMAIN_CHALLENGE(HttpMethods.POST, "/api/v1/workspaces/{slug}/domains/{domain}/challenge"),
  CREATE_WEBHOOK(HttpMethods.POST, "/api/v1/workspaces/{slug}/webhooks"),
  LIST_WEBHOOKS(HttpMethods.GET, "/api/v1/workspaces/{slug}/webhooks"),
  GET_WEBHOOK(HttpMethods.GET, "/api/v1/workspaces/{slug}/webhooks/{webhookId}"),
  UPDATE_WEBHOOK(HttpMethods.PATCH, "/api/v1/workspaces/{slug}/webhooks/{webhookId}"),
  DELETE_WEBHOOK(HttpMethods.DELETE, "/api/v1/workspaces/{slug}/webhooks/{webhookId}"),
  LIST_WEBHOOK_DELIVERIES(
      HttpMethods.GET, "/api/v1/workspaces/{slug}/webhooks/{webhookId}/deliveries"),
  REDELIVER_WEBHOOK(
      HttpMethods.POST,
      "/api/v1/workspaces/{slug}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver"),

  CREATE_LINK(HttpMethods.POST, "/api/v1/links"),
  BULK_CREATE_LINKS(HttpMethods.POST, "/api/v1/links/bulk"),
  BULK_UPDATE_LINKS(HttpMethods.PATCH, "/api/v1/links/bulk"),
  BULK_DELETE_LINKS(HttpMethods.DELETE, "/api/v1/links/bulk"),
  EXPORT_LINKS(HttpMethods.GET, "/api/v1/exports/links"),
  EXPORT_CLICKS(HttpMethods.GET, "/api/v1/exports/clicks"),
  LIST_LINKS(HttpMethods.GET, "/api/v1/links"),
  GET_LINK(HttpMethods.GET, "/api/v1/links/{code}"),
  UPDATE_LINK(HttpMethods.PATCH, "/api/v1/links/{code}"),
  DELETE_LINK(HttpMethods.DELETE, "/api/v1/links/{code}"),
  DISABLE_LINK(HttpMethods.POST, "/api/v1/links/{code}/disable"),
  ENABLE_LINK(HttpMethods.POST, "/api/v1/links/{code}/enable"),
  GET_LINK_ANALYTICS(HttpMethods.GET, "/api/v1/links/{code}/analytics"),
  WATCH_LINK_CLICKS(HttpMethods.GET, "/api/v1/links/{code}/clicks/live"),
  GET_LINK_QR_CODE(HttpMethods.GET, "/api/v1/links/{code}/qr"),
  GET_WORKSPACE_ANALYTICS(HttpMethods.GET, "/api/v1/analytics"),

  REBUILD_PROJECTIONS(HttpMethods.POST, "/api/v1/admin/rebuild"),
  LIST_REFUSED_TARGETS(HttpMethods.GET, "/api/v1/admin/refused-targets"),
  REPORT_ABUSE(HttpMethods.POST, "/api/v1/abuse-reports"),
  LIST_ABUSE_REPORTS(HttpMethods.GET, "/api/v1/admin/abuse-reports"),
  DISMISS_ABUSE_REPORT(HttpMethods.POST, "/api/v1/admin/abuse-reports/{reportId}/dismiss"),
  TAKE_DOWN_LINK(HttpMethods.POST, "/api/v1/admin/links/{domain}/{code}/takedown"),
  RESTORE_LINK(HttpMethods.POST, "/api/v1/admin/links/{domain}/{code}/restore"),
  LIST_PLATFORM_AUDIT_LOG(HttpMethods.GET, "/api/v1/admin/audit"),
  SET_WORKSPACE_PLAN(HttpMethods.PUT, "/api/v1/admin/workspaces/{slug}/plan");

  /** The metrics label of a request that matches no template. */
  public static final String OTHER = "other";

  /** The metrics label of every answer of the web apps' pages and files. */
  public static final String WEB_PAGE = "web";

  private final HttpMethod method;
  private final String template;
  private final String[] segments;

  Endpoint(HttpMethod method, String template) {
    this.method = method;
    this.template = template;
    this.segments = template.substring(1).split("/", -1);
  }

  public HttpMethod method() {
    return method;
  }

  /** The path template, with {@code {name}} for each path parameter. */
  public String template() {
    return template;
  }

  /** The operation id of this entry in the spec: the constant's name in camel case. */
  public String operationId() {
    var id = new StringBuilder();
    boolean upper = false;
    for (char c : name().toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        id.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return id.toString();
  }

  @Override
  public String toString() {
    return method.name() + " " + template;
  }

  /**
   * The entry a request of {@code method} for {@code path} (the decoded path, no query) would be
   * served by, judged by its template alone, as routing does: the most specific template first,
   * then the method. For requests no route recorded (an answer given before any route matched, such
   * as 401 for a missing key).
   */
  public static Optional<Endpoint> match(String method, String path) {
    String template = templateOf(path);
    for (Endpoint endpoint : values()) {
      if (endpoint.template.equals(template) && endpoint.method.name().equals(method)) {
        return Optional.of(endpoint);
      }
    }
    return Optional.empty();
  }

  /**
   * The template of the entries {@code path} falls under, whatever the method, or {@link #OTHER}:
   * the metrics label of a request no route recorded, bounded by this table whatever clients send.
   */
  public static String templateOf(String path) {
    String best = OTHER;
    long bestScore = -1;
    String[] segments = segmentsOf(path);
    for (Endpoint endpoint : values()) {
      long score = endpoint.score(segments);
      if (score > bestScore) {
        best = endpoint.template;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * How well the template matches: -1 when it does not; else a bit for each literal segment, the
   * first segment the highest, so a literal beats a parameter where they first differ ({@code
   * /healthz} over {@code /{code}}). A parameter matches one non-empty segment.
   */
  private long score(String[] path) {
    if (path.length != segments.length) {
      return -1;
    }
    long score = 0;
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean parameter = segment.startsWith("{");
      if (parameter ? path[i].isEmpty() : !segment.equals(path[i])) {
        return -1;
      }
      score = (score << 1) | (parameter ? 0 : 1);
    }
    return score;
  }

  private static String[] segmentsOf(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return new String[] {path};
    }
    List<String> segments = new ArrayList<>(6);
    int start = 1;
    for (int i = 1; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        segments.add(path.substring(start, i));
        start = i + 1;
      }
    }
    return segments.toArray(String[]::new);
  }
}
