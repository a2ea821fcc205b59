package dev.smo1.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.accounts.AccountSettings;
import dev.smo1.accounts.user.Passwords.PasswordHashing;
import dev.smo1.clicks.ClickSettings;
import dev.smo1.http.HttpSettings;
import dev.smo1.http.client.TrustedProxies;
import dev.smo1.http.web.WebSettings;
import dev.smo1.link.LinkEntitySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the configuration defaults, the local profile, and the values production requires. */
class NodeSettingsTest {
  private static final Map<String, Object> PRODUCTION =
      Map.of(
          "smo1.db.url", "jdbc:postgresql://db.internal:5432/smo1",
          "smo1.links.default-domain", "s.example",
          "smo1.http.public-base-url", "https://s.example");

  @Test
  void productionDefaults() {
    var config = NodeConfig.load(PRODUCTION);

    assertThat(NodeSettings.from(config))
        .isEqualTo(
            new NodeSettings(
                "production",
                Path.of(".smo1"),
                Optional.of("jdbc:postgresql://db.internal:5432/smo1"),
                "smo1",
                "",
                12,
                Duration.ofSeconds(5),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofMinutes(5)));
    assertThat(AccountSettings.from(config))
        .isEqualTo(
            new AccountSettings(
                Set.of("admin@localhost"),
                Duration.ofMinutes(5),
                Duration.ofSeconds(5),
                true,
                Optional.empty(),
                PasswordHashing.DEFAULT,
                Optional.empty(),
                "admin@localhost",
                "default",
                false));
    assertThat(ClickSettings.from(config.getConfig("smo1")))
        .isEqualTo(
            new ClickSettings(
                Duration.ofHours(2),
                Optional.empty(),
                "default",
                "",
                "default",
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                Optional.empty(),
                Optional.empty(),
                "",
                new ClickSettings.Ingest(
                    50,
                    10_000,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(15),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    100_000,
                    20_000),
                new ClickSettings.Origin(true, Duration.ofSeconds(1), 1_000, 4, 20_000),
                Duration.ofSeconds(15),
                new ClickSettings.Retention(13, Duration.ofHours(6)),
                new ClickSettings.PerWorkspace(2, 8),
                500));
    assertThat(LinkEntitySettings.from(config))
        .isEqualTo(new LinkEntitySettings("s.example", 7, 100, Duration.ofSeconds(5)));
    assertThat(HttpSettings.from(config))
        .isEqualTo(
            new HttpSettings(
                "0.0.0.0",
                8080,
                URI.create("https://s.example"),
                Duration.ofSeconds(30),
                Duration.ofHours(1)));
    assertThat(TrustedProxies.from(config)).as("trust no one").isEqualTo(TrustedProxies.NONE);
    assertThat(WebSettings.from(config))
        .isEqualTo(new WebSettings(Path.of("/opt/smo1-node/web"), Optional.empty()));
    assertThat(WebSettings.from(config).dashboardUrl(URI.create("https://s.example")))
        .as("emailed links: the dashboard the node serves")
        .isEqualTo(URI.create("https://s.example/app"));
    assertThat(config.getString("pekko.cluster.sharding.passivation.strategy"))
        .isEqualTo("smo1-bounded");
    assertThat(
            config.getDuration(
                "pekko.cluster.sharding.passivation.smo1-bounded.idle-entity.timeout"))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(config.getInt("pekko.cluster.sharding.passivation.smo1-bounded.active-entity-limit"))
        .isEqualTo(100_000);
    assertThat(config.getString("pekko.persistence.journal.plugin")).isEqualTo("jdbc-journal");
    assertThat(config.getString("jdbc-journal.use-shared-db")).isEqualTo("slick");
    assertThat(config.getString("pekko-persistence-jdbc.shared-databases.slick.db.url"))
        .isEqualTo("jdbc:postgresql://db.internal:5432/smo1");
    assertThat(config.getInt("pekko-persistence-jdbc.shared-databases.slick.db.connectionTimeout"))
        .isEqualTo(5000);
    assertThat(config.getBoolean("pekko.actor.allow-java-serialization")).isFalse();
    assertThat(
            config.getString(
                "pekko.actor.serialization-bindings.\"dev.smo1.serialization.CborSerializable\""))
        .isEqualTo("jackson-cbor");
  }

  @Test
  void rawClickRetentionIsSetInWholeMonths() {
    var config = new HashMap<String, Object>(PRODUCTION);
    config.put("smo1.clicks.retention.months", 25);
    assertThat(ClickSettings.from(NodeConfig.load(config).getConfig("smo1")).retention().months())
        .isEqualTo(25);
    config.put("smo1.clicks.retention.months", 0);
    assertThatThrownBy(() -> ClickSettings.from(NodeConfig.load(config).getConfig("smo1")))
        .hasMessageContaining("SMO1_CLICKS_RETENTION_MONTHS");
  }

  @Test
  void localProfileSuppliesDevelopmentDefaults() {
    var config = NodeConfig.load(Map.of("smo1.profile", "local"));

    var settings = NodeSettings.from(config);
    assertThat(settings.local()).isTrue();
    assertThat(settings.dbUrl()).as("embedded PostgreSQL is started instead").isEmpty();
    var accounts = AccountSettings.from(config);
    assertThat(accounts.generateFirstKey()).isTrue();
    assertThat(accounts.bootstrapWorkspace()).isEqualTo("default");
    assertThat(accounts.secureCookies()).as("plain HTTP on loopback").isFalse();
    assertThat(settings.edgeClickSecret()).hasValue("local-click-secret");
    assertThat(TrustedProxies.from(config))
        .as("the local edge passes the visitor's address on over loopback")
        .isEqualTo(TrustedProxies.of("127.0.0.1/32, ::1/128"));
    assertThat(LinkEntitySettings.from(config).defaultDomain()).isEqualTo("localhost");
    var http = HttpSettings.from(config);
    assertThat(http.host()).isEqualTo("127.0.0.1");
    assertThat(http.publicBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    var web = WebSettings.from(config);
    assertThat(web.dir())
        .as("the repository's web/, ./smo1 run's working directory")
        .isEqualTo(Path.of("web"));
    assertThat(web.appHost()).isEmpty();
    assertThat(web.dashboardUrl(http.publicBaseUrl()))
        .isEqualTo(URI.create("http://127.0.0.1:8080/app"));
  }

  @Test
  void anAppHostServesTheSitesOverHttpsAndEmailedLinksPointIntoItsDashboard() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.http.app-host", "App.S.Example.");
    var config = NodeConfig.load(overrides);

    var web = WebSettings.from(config);
    assertThat(web.appHost()).hasValue("app.s.example");
    assertThat(web.isAppHost("APP.s.example")).isTrue();
    assertThat(web.isAppHost("s.example")).isFalse();
    var publicBase = HttpSettings.from(config).publicBaseUrl();
    assertThat(publicBase)
        .as("short URLs stay on the short domain")
        .isEqualTo(URI.create("https://s.example"));
    assertThat(web.appBaseUrl(publicBase)).isEqualTo(URI.create("https://app.s.example"));
    assertThat(web.dashboardUrl(publicBase)).isEqualTo(URI.create("https://app.s.example/app"));
    assertThat(AccountSettings.from(config).dashboardUrl()).isEmpty();
  }

  @Test
  void aConfiguredDashboardUrlIsKept() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.accounts.dashboard-url", "https://dashboard.example/app");

    assertThat(AccountSettings.from(NodeConfig.load(overrides)).dashboardUrl())
        .hasValue(URI.create("https://dashboard.example/app"));
  }

  @Test
  void anAppHostThatIsNoHostNameRefusesToStart() {
    for (var wrong : List.of("https://app.example", "app.example:8443", "app.example/app", "a b")) {
      var overrides = new HashMap<String, Object>(PRODUCTION);
      overrides.put("smo1.http.app-host", wrong);

      assertThatThrownBy(() -> WebSettings.from(NodeConfig.load(overrides)))
          .as(wrong)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SMO1_APP_HOST");
    }
  }

  @Test
  void localProfileFollowsAnOverriddenPort() {
    var config = NodeConfig.load(Map.of("smo1.profile", "local", "smo1.http.port", 9090));

    assertThat(HttpSettings.from(config).publicBaseUrl())
        .isEqualTo(URI.create("http://127.0.0.1:9090"));
  }

  @Test
  void theClickStreamUsesTheCacheRedisUnlessItHasOneOfItsOwn() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.redis.url", "rediss://cache.internal:6379");
    overrides.put("smo1.redis.password", "cache-secret");
    overrides.put("smo1.redis.ca-file", "/etc/smo1/tls/redis/ca.crt");

    var shared = NodeSettings.from(NodeConfig.load(overrides));
    var cache =
        new RedisEndpoint(
            "rediss://cache.internal:6379",
            "cache-secret",
            Optional.of(Path.of("/etc/smo1/tls/redis/ca.crt")));
    assertThat(shared.redis()).hasValue(cache);
    assertThat(shared.clickStreamRedis()).hasValue(cache);
    assertThat(cache.tls()).isTrue();
    assertThat(shared.toString()).doesNotContain("cache-secret");

    overrides.put("smo1.redis.click-stream.url", "rediss://clicks.internal:6379");
    overrides.put("smo1.redis.click-stream.password", "stream-secret");
    var separate = NodeSettings.from(NodeConfig.load(overrides));
    assertThat(separate.redis()).hasValue(cache);
    assertThat(separate.clickStreamRedis())
        .hasValue(
            new RedisEndpoint(
                "rediss://clicks.internal:6379",
                "stream-secret",
                Optional.of(Path.of("/etc/smo1/tls/redis/ca.crt"))));
    assertThat(separate.toString()).doesNotContain("stream-secret");
  }

  @Test
  void aRedisUrlThatIsNotRedisRefusesToStartWithoutShowingItsPassword() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.redis.url", "https://:hunter2@cache.internal:6379");

    assertThatThrownBy(() -> NodeSettings.from(NodeConfig.load(overrides)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMO1_REDIS_URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void analyticsQueriesAsAUserOfTheirOwnWhenOneIsSet() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.clicks.clickhouse.url", "https://clickhouse.internal:8443");
    overrides.put("smo1.clicks.clickhouse.user", "smo1_ingest");
    overrides.put("smo1.clicks.clickhouse.ca-file", "/etc/smo1/tls/clickhouse/ca.crt");
    overrides.put("smo1.clicks.clickhouse.analytics-user", "smo1_analytics");
    overrides.put("smo1.clicks.clickhouse.analytics-password", "analytics-secret");

    var clicks = ClickSettings.from(NodeConfig.load(overrides).getConfig("smo1"));
    assertThat(clicks.clickHouseUser()).isEqualTo("smo1_ingest");
    assertThat(clicks.analyticsUser()).hasValue("smo1_analytics");
    assertThat(clicks.analyticsPassword()).isEqualTo("analytics-secret");
    assertThat(clicks.clickHouseCaFile()).hasValue(Path.of("/etc/smo1/tls/clickhouse/ca.crt"));
    assertThat(clicks.toString()).doesNotContain("analytics-secret");
  }

  @Test
  void productionRefusesToStartWithoutADatabaseUrl() {
    var overrides = new HashMap<>(PRODUCTION);
    overrides.remove("smo1.db.url");

    assertThatThrownBy(() -> NodeSettings.from(NodeConfig.load(overrides)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMO1_DB_URL");
  }

  @Test
  void productionRefusesToStartWithoutAShortDomain() {
    var overrides = new HashMap<>(PRODUCTION);
    overrides.remove("smo1.links.default-domain");

    assertThatThrownBy(() -> NodeSettings.from(NodeConfig.load(overrides)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMO1_SHORT_DOMAIN");
  }

  @Test
  void productionRefusesToStartWithoutAPublicBaseUrl() {
    var overrides = new HashMap<>(PRODUCTION);
    overrides.remove("smo1.http.public-base-url");

    assertThatThrownBy(() -> NodeSettings.from(NodeConfig.load(overrides)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMO1_PUBLIC_BASE_URL");
  }

  @Test
  void seedNodesAreACommaSeparatedList() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put(
        "smo1.cluster.seed-nodes", "pekko://smo1@10.0.0.1:25520, pekko://smo1@10.0.0.2:25520,");

    assertThat(NodeSettings.from(NodeConfig.load(overrides)).seedNodes())
        .containsExactly("pekko://smo1@10.0.0.1:25520", "pekko://smo1@10.0.0.2:25520");
  }

  @Test
  void clusterBootstrapReplacesSeedNodesAndNeverJoinsThem() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.cluster.discovery-method", "kubernetes-api");
    assertThat(NodeSettings.from(NodeConfig.load(overrides)).discoveryMethod())
        .hasValue("kubernetes-api");

    overrides.put("smo1.cluster.seed-nodes", "pekko://smo1@10.0.0.1:25520");
    assertThatThrownBy(() -> NodeSettings.from(NodeConfig.load(overrides)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMO1_SEED_NODES")
        .hasMessageContaining("SMO1_DISCOVERY_METHOD");
  }

  @Test
  void kvSyncIsOffWithoutANamespaceAndComplete() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.edge.kv.namespace-id", "0f2ac74b498b48028cb68387c421e279");
    overrides.put("smo1.edge.kv.account-id", "023e105f4ecef8ad9ca31a8372d0c353");
    overrides.put("smo1.edge.kv.api-token", "secret-token");
    overrides.put("smo1.edge.kv.max-requests-per-second", 2.5);

    var kv = NodeSettings.from(NodeConfig.load(overrides)).edgeKv().orElseThrow();

    assertThat(kv)
        .isEqualTo(
            new EdgeKvSettings(
                URI.create("https://api.cloudflare.com/client/v4"),
                "023e105f4ecef8ad9ca31a8372d0c353",
                "0f2ac74b498b48028cb68387c421e279",
                "secret-token",
                3,
                OptionalDouble.of(2.5),
                Duration.ofSeconds(30)));
    assertThat(kv.toString()).doesNotContain("secret-token");
    assertThat(kv.requestsPerSecond(3)).as("a fixed rate, whatever the members").isEqualTo(2.5);
    assertThat(NodeSettings.from(NodeConfig.load(PRODUCTION)).edgeKv()).isEmpty();
  }

  @Test
  void withoutAFixedRateEachNodeTakesAnEvenShareOfTheClustersKvBudget() {
    var overrides = new HashMap<String, Object>(PRODUCTION);
    overrides.put("smo1.edge.kv.namespace-id", "ns");
    overrides.put("smo1.edge.kv.account-id", "account");
    overrides.put("smo1.edge.kv.api-token", "token");

    var kv = NodeSettings.from(NodeConfig.load(overrides)).edgeKv().orElseThrow();

    assertThat(kv.fixedRequestsPerSecond()).isEmpty();
    assertThat(kv.requestsPerSecond(0)).as("not up yet: alone").isEqualTo(3.0);
    assertThat(kv.requestsPerSecond(1)).isEqualTo(3.0);
    assertThat(kv.requestsPerSecond(3)).isEqualTo(1.0);
    assertThat(kv.requestsPerSecond(4)).isEqualTo(0.75);
  }

  @Test
  void aKvNamespaceWithoutTokenOrAccountRefusesToStart() {
    for (var missing : List.of("smo1.edge.kv.api-token", "smo1.edge.kv.account-id")) {
      var overrides = new HashMap<String, Object>(PRODUCTION);
      overrides.put("smo1.edge.kv.namespace-id", "ns");
      overrides.put("smo1.edge.kv.account-id", "account");
      overrides.put("smo1.edge.kv.api-token", "token");
      overrides.remove(missing);

      assertThatThrownBy(() -> NodeSettings.from(NodeConfig.load(overrides)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              missing.endsWith("token")
                  ? "SMO1_CLOUDFLARE_API_TOKEN"
                  : "SMO1_CLOUDFLARE_ACCOUNT_ID");
    }
  }
}
