package dev.smo1.node.accounts;

import static dev.smo1.node.accounts.AccountsTestNode.code;
import static dev.smo1.node.accounts.AccountsTestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.access.Scope;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one authorization path, walked as a table: every workspace route × every kind of caller (no
 * credentials, a key or a member of another workspace, each role, a key with each single scope).
 * Each answer is checked for its status and error code, and every refused request for having
 * changed nothing (no event, user, token, session, key or audit entry).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {
  @RegisterExtension static final GreenMailExtension mail = AccountsTestNode.greenMail();

  private static final String WORKSPACE = "matrix";
  private static final AtomicInteger sequence = new AtomicInteger();

  private AccountsTestNode node;
  private AccountsTestNode.Session owner;
  private final Map<Role, AccountsTestNode.Session> members = new EnumMap<>(Role.class);
  private final Map<Scope, String> keys = new EnumMap<>(Scope.class);
  private AccountsTestNode.Session outsider;
  private String outsiderKey;
  private String ownerKey;
  private AccountsTestNode.Session target;

  /** Who calls. */
  enum CallerKind {
    NOBODY,
    OTHER_WORKSPACE_KEY,
    OTHER_WORKSPACE_USER,
    ROLE,
    SCOPED_KEY
  }

  record CallerCase(CallerKind kind, Role role, Scope scope) {
    @Override
    public String toString() {
      return switch (kind) {
        case ROLE -> "session of a " + role.wireName();
        case SCOPED_KEY -> "key with " + scope.wireName();
        default -> kind.name().toLowerCase().replace('_', ' ');
      };
    }
  }

  /** A route: what it needs, what it answers when allowed, and how to build a request for it. */
  record RouteCase(
      String name,
      String method,
      String path,
      String body,
      Scope needs,
      int success,
      Function<AuthorizationMatrixIT, String> prepare) {
    @Override
    public String toString() {
      return method + " " + name;
    }

    boolean safe() {
      return method.equals("GET");
    }
  }

  static List<RouteCase> routes() {
    return List.of(
        new RouteCase("links", "GET", "/api/v1/links", null, Scope.LINKS_READ, 200, none()),
        new RouteCase(
            "links",
            "POST",
            "/api/v1/links",
            "{\"target\":\"https://example.com/matrix\"}",
            Scope.LINKS_WRITE,
            201,
            none()),
        new RouteCase(
            "links bulk",
            "POST",
            "/api/v1/links/bulk",
            "{\"links\":[{\"target\":\"https://example.com/matrix-bulk\"}]}",
            Scope.LINKS_WRITE,
            200,
            none()),
        new RouteCase(
            "links bulk",
            "PATCH",
            "/api/v1/links/bulk",
            "{\"codes\":[\"matrix-none\"],\"change\":{\"title\":\"changed\"}}",
            Scope.LINKS_WRITE,
            200,
            none()),
        new RouteCase(
            "links bulk",
            "DELETE",
            "/api/v1/links/bulk",
            "{\"codes\":[\"matrix-none\"]}",
            Scope.LINKS_WRITE,
            200,
            none()),
        new RouteCase(
            "link",
            "GET",
            "/api/v1/links/{link}",
            null,
            Scope.LINKS_READ,
            200,
            AuthorizationMatrixIT::link),
        new RouteCase(
            "link",
            "PATCH",
            "/api/v1/links/{link}",
            "{\"title\":\"changed\"}",
            Scope.LINKS_WRITE,
            200,
            AuthorizationMatrixIT::link),
        new RouteCase(
            "link",
            "DELETE",
            "/api/v1/links/{link}",
            null,
            Scope.LINKS_WRITE,
            204,
            AuthorizationMatrixIT::link),
        new RouteCase(
            "link disable",
            "POST",
            "/api/v1/links/{link}/disable",
            null,
            Scope.LINKS_WRITE,
            200,
            AuthorizationMatrixIT::link),
        // no ClickHouse here: an allowed analytics call answers 503 analytics_not_configured
        new RouteCase(
            "link analytics",
            "GET",
            "/api/v1/links/{link}/analytics",
            null,
            Scope.ANALYTICS_READ,
            503,
            AuthorizationMatrixIT::link),
        new RouteCase(
            "analytics", "GET", "/api/v1/analytics", null, Scope.ANALYTICS_READ, 503, none()),
        new RouteCase(
            "workspace",
            "GET",
            "/api/v1/workspaces/matrix",
            null,
            Scope.WORKSPACE_READ,
            200,
            none()),
        new RouteCase(
            "workspace",
            "PATCH",
            "/api/v1/workspaces/matrix",
            "{\"name\":\"Matrix\"}",
            Scope.WORKSPACE_ADMIN,
            200,
            none()),
        new RouteCase(
            "members",
            "GET",
            "/api/v1/workspaces/matrix/members",
            null,
            Scope.WORKSPACE_READ,
            200,
            none()),
        new RouteCase(
            "member",
            "PATCH",
            "/api/v1/workspaces/matrix/members/{member}",
            "{\"role\":\"viewer\"}",
            Scope.WORKSPACE_ADMIN,
            200,
            test -> test.target.userId().toString()),
        new RouteCase(
            "invitations",
            "POST",
            "/api/v1/workspaces/matrix/invitations",
            "{\"email\":\"invited@matrix.test\",\"role\":\"viewer\"}",
            Scope.WORKSPACE_ADMIN,
            201,
            none()),
        new RouteCase(
            "api keys",
            "POST",
            "/api/v1/workspaces/matrix/api-keys",
            "{\"name\":\"made in the matrix\",\"scopes\":[\"workspace:admin\"]}",
            Scope.WORKSPACE_ADMIN,
            201,
            none()),
        new RouteCase(
            "api keys",
            "GET",
            "/api/v1/workspaces/matrix/api-keys",
            null,
            Scope.WORKSPACE_ADMIN,
            200,
            none()),
        new RouteCase(
            "api key",
            "DELETE",
            "/api/v1/workspaces/matrix/api-keys/{key}",
            null,
            Scope.WORKSPACE_ADMIN,
            204,
            AuthorizationMatrixIT::freshKeyId),
        new RouteCase(
            "billing",
            "GET",
            "/api/v1/workspaces/matrix/billing",
            null,
            Scope.WORKSPACE_READ,
            200,
            none()),
        new RouteCase(
            "audit log",
            "GET",
            "/api/v1/workspaces/matrix/audit-log",
            null,
            Scope.WORKSPACE_ADMIN,
            200,
            none()));
  }

  static List<CallerCase> callers() {
    var callers = new ArrayList<CallerCase>();
    callers.add(new CallerCase(CallerKind.NOBODY, null, null));
    callers.add(new CallerCase(CallerKind.OTHER_WORKSPACE_KEY, null, null));
    callers.add(new CallerCase(CallerKind.OTHER_WORKSPACE_USER, null, null));
    for (Role role : Role.values()) {
      callers.add(new CallerCase(CallerKind.ROLE, role, null));
    }
    for (Scope scope : Scope.values()) {
      callers.add(new CallerCase(CallerKind.SCOPED_KEY, null, scope));
    }
    return callers;
  }

  static Stream<Arguments> cases() {
    return routes().stream()
        .flatMap(route -> callers().stream().map(caller -> Arguments.of(route, caller)));
  }

  @BeforeAll
  void setUp() {
    node = new AccountsTestNode(mail, Map.of());
    owner = node.signUpAndLogIn("owner@matrix.test", "Owner");
    var created =
        node.browser(
            owner, "POST", "/api/v1/workspaces", "{\"name\":\"Matrix\",\"slug\":\"matrix\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // room for a member of each role (the free plan has one seat)
    node.onPlan("matrix", "business");
    members.put(Role.OWNER, owner);
    for (Role role : List.of(Role.ADMIN, Role.MEMBER, Role.VIEWER, Role.BILLING)) {
      members.put(role, join(role.wireName() + "@matrix.test", role));
    }
    target = join("target@matrix.test", Role.MEMBER);
    for (Scope scope : Scope.values()) {
      keys.put(scope, key(owner, WORKSPACE, scope));
    }
    ownerKey = key(owner, WORKSPACE, Scope.values());
    outsider = node.signUpAndLogIn("outsider@elsewhere.test", "Outsider");
    assertThat(
            node.browser(
                    outsider,
                    "POST",
                    "/api/v1/workspaces",
                    "{\"name\":\"Elsewhere\",\"slug\":\"elsewhere\"}")
                .statusCode())
        .isEqualTo(201);
    outsiderKey = key(outsider, "elsewhere", Scope.values());
  }

  @AfterAll
  void tearDown() {
    node.close();
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("cases")
  void everyRouteAnswersEveryCallerAsItsPermissionsSay(RouteCase route, CallerCase caller) {
    String path = route.path();
    if (path.contains("{")) {
      String value = route.prepare().apply(this);
      path = path.replaceAll("\\{[a-z]+}", value);
    }
    // every caller names the workspace: a key of another one must not reach it that way either
    if (path.startsWith("/api/v1/links") || path.startsWith("/api/v1/analytics")) {
      path += (path.contains("?") ? "&" : "?") + "workspace=" + WORKSPACE;
    }
    String body =
        route.body() == null
            ? null
            : route.body().replace("matrix\"}", "matrix-" + sequence.incrementAndGet() + "\"}");
    Expected expected = expected(route, caller);
    boolean refused = expected.status() >= 400 && expected.status() != 503;
    var before = refused ? node.fingerprint() : Map.<String, Long>of();

    HttpResponse<String> response =
        switch (caller.kind()) {
          case NOBODY -> node.anonymous(route.method(), path, body);
          case OTHER_WORKSPACE_KEY -> node.withKey(outsiderKey, route.method(), path, body);
          case OTHER_WORKSPACE_USER -> node.browser(outsider, route.method(), path, body);
          case ROLE -> node.browser(members.get(caller.role()), route.method(), path, body);
          case SCOPED_KEY -> node.withKey(keys.get(caller.scope()), route.method(), path, body);
        };

    assertThat(response.statusCode())
        .as(route + " by " + caller + ": " + response.body())
        .isEqualTo(expected.status());
    if (expected.code() != null) {
      assertThat(code(response)).isEqualTo(expected.code());
    }
    if (refused) {
      assertThat(node.fingerprint()).as("a refused request changes nothing").isEqualTo(before);
    }
  }

  record Expected(int status, String code) {}

  static Expected expected(RouteCase route, CallerCase caller) {
    return switch (caller.kind()) {
      case NOBODY -> new Expected(401, "unauthorized");
      case OTHER_WORKSPACE_KEY, OTHER_WORKSPACE_USER -> new Expected(404, "not_found");
      case ROLE ->
          caller.role().scopes().contains(route.needs())
              ? new Expected(route.success(), null)
              : new Expected(403, "insufficient_scope");
      case SCOPED_KEY ->
          caller.scope() == route.needs()
              ? new Expected(route.success(), null)
              : new Expected(403, "insufficient_scope");
    };
  }

  /** A fresh link of the workspace (so deleting or disabling one never affects another case). */
  String link() {
    String alias = "matrix-" + sequence.incrementAndGet();
    var created =
        node.withKey(
            ownerKey,
            "POST",
            "/api/v1/links",
            "{\"target\":\"https://example.com/m\",\"alias\":\"" + alias + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return alias;
  }

  String freshKeyId() {
    var created =
        node.browser(
            owner,
            "POST",
            "/api/v1/workspaces/matrix/api-keys",
            "{\"name\":\"to revoke\",\"scopes\":[\"links:read\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("id").asText();
  }

  private static Function<AuthorizationMatrixIT, String> none() {
    return test -> "";
  }

  private AccountsTestNode.Session join(String email, Role role) {
    var invited =
        node.browser(
            owner,
            "POST",
            "/api/v1/workspaces/matrix/invitations",
            "{\"email\":\"" + email + "\",\"role\":\"" + role.wireName() + "\"}");
    assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
    String token = node.token(email, "/invitations/accept");
    var session = node.signUpAndLogIn(email, role.wireName());
    var accepted =
        node.browser(
            session, "POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    return session;
  }

  private String key(AccountsTestNode.Session creator, String workspace, Scope... scopes) {
    var names = Stream.of(scopes).map(scope -> "\"" + scope.wireName() + "\"").toList();
    var created =
        node.browser(
            creator,
            "POST",
            "/api/v1/workspaces/" + workspace + "/api-keys",
            "{\"name\":\"matrix key\",\"scopes\":[" + String.join(",", names) + "]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("key").asText();
  }
}
