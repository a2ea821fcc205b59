package dev.smo1.node;

import com.typesafe.config.Config;
import dev.smo1.clicks.ClickSettings;
import dev.smo1.localstores.LocalClickHouse;
import dev.smo1.localstores.LocalPostgres;
import dev.smo1.localstores.LocalRedis;
import dev.smo1.node.config.NodeConfig;
import dev.smo1.node.config.NodeSettings;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of a node. In the local profile without {@code SMO1_DB_URL} it first starts an
 * embedded PostgreSQL under the data directory. Prints one {@code SMO1_NODE_READY} line once
 * serving, then one {@code SMO1_APP_READY} line with the addresses of the landing site, the
 * dashboard and the API reference, and the generated API key (local profile, first start) on a line
 * of its own.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    Map<String, Object> overrides = new HashMap<>();
    // a node that leaves the cluster (downed, or shut down) ends its process
    overrides.put("pekko.coordinated-shutdown.exit-jvm", "on");
    Config config = NodeConfig.load(overrides);
    NodeSettings settings;
    try {
      settings = NodeSettings.from(config);
    } catch (IllegalStateException e) {
      System.err.println("smo1: " + e.getMessage());
      System.exit(2);
      return;
    }
    // what the local stores say while they start: a recovery after a crash, a store left running
    Consumer<String> notices = message -> log.warn("{}", message);
    LocalPostgres postgres = null;
    if (settings.dbUrl().isEmpty()) {
      log.info(
          "starting embedded PostgreSQL dataDir={} log={}",
          settings.dataDir().resolve("postgres"),
          settings.dataDir().resolve("postgres/log/postgres.log"));
      try {
        postgres = LocalPostgres.start(settings.dataDir(), notices);
      } catch (IllegalStateException | IOException e) {
        System.err.println("smo1: " + e.getMessage());
        System.exit(1);
        return;
      }
      log.info("embedded PostgreSQL ready url={}", postgres.jdbcUrl());
      overrides.put("smo1.db.url", postgres.jdbcUrl());
      overrides.put("smo1.db.user", postgres.user());
      config = NodeConfig.load(overrides);
      LocalPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (Exception e) {
                      log.warn("embedded PostgreSQL did not stop cleanly", e);
                    }
                  },
                  "embedded-postgres-stop"));
    }
    if (settings.local() && settings.redis().isEmpty()) {
      Optional<LocalRedis> redis;
      try {
        redis = LocalRedis.start(settings.dataDir(), notices);
      } catch (IOException e) {
        System.err.println("smo1: " + e.getMessage());
        System.exit(1);
        return;
      }
      if (redis.isPresent()) {
        log.info("local redis-server ready url={}", redis.get().url());
        overrides.put("smo1.redis.url", redis.get().url());
        config = NodeConfig.load(overrides);
        LocalRedis started = redis.get();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-redis-stop"));
      } else {
        log.warn("redis-server is not installed: running without the Redis redirect cache");
      }
    }
    if (settings.local()
        && ClickSettings.from(config.getConfig("smo1")).clickHouseUrl().isEmpty()
        && config.getBoolean("smo1.clicks.local-clickhouse")) {
      Optional<LocalClickHouse> clickHouse;
      try {
        clickHouse = LocalClickHouse.start(settings.dataDir(), notices);
      } catch (IOException e) {
        System.err.println("smo1: " + e.getMessage());
        System.exit(1);
        return;
      }
      if (clickHouse.isPresent()) {
        log.info("local clickhouse-server ready url={}", clickHouse.get().url());
        overrides.put("smo1.clicks.clickhouse.url", clickHouse.get().url());
        config = NodeConfig.load(overrides);
        LocalClickHouse started = clickHouse.get();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-clickhouse-stop"));
      } else {
        log.warn("clickhouse-server is not installed: clicks stay in Redis, analytics is off");
      }
    }
    Node node;
    try {
      node = Node.start(config, true);
    } catch (Exception e) {
      log.error("node failed to start", e);
      System.exit(1);
      return;
    }
    var created = node.bootstrap();
    created
        .adminPassword()
        .ifPresent(
            password -> {
              System.out.println("# admin user (shown once; change it after signing in):");
              System.out.println("SMO1_ADMIN_EMAIL=" + created.adminEmail().orElseThrow());
              System.out.println("SMO1_ADMIN_PASSWORD=" + password);
            });
    created
        .generatedKey()
        .ifPresent(
            key -> {
              System.out.println(
                  "# API key of workspace '"
                      + created.workspace()
                      + "', every scope (shown once, stored hashed):");
              System.out.println("SMO1_API_KEY=" + key);
            });
    var address = node.httpAddress();
    System.out.println(
        "SMO1_NODE_READY http=http://"
            + address.getHostString()
            + ":"
            + address.getPort()
            + " cluster="
            + org.apache.pekko.cluster.typed.Cluster.get(node.system()).selfMember().address()
            + " management="
            + node.managementAddress());
    String app = node.appBaseUrl().toString().replaceAll("/+$", "");
    System.out.println(
        "SMO1_APP_READY app="
            + app
            + "/ dashboard="
            + node.dashboardUrl().toString().replaceAll("/+$", "")
            + "/ api-reference="
            + app
            + "/docs/api/");
    System.out.flush();
    node.system().getWhenTerminated().toCompletableFuture().join();
  }
}
