package dev.smo1.node.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.localstores.LoopbackPorts;
import dev.smo1.node.config.RedisEndpoint;
import dev.smo1.node.testing.TestCertificates;
import io.lettuce.core.RedisClient;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's Redis clients against a redis-server that, as the production overlay's, takes only TLS
 * and requires AUTH: the password from its own setting (the Secret) with the URL in the ConfigMap,
 * the server's certificate checked against the CA file, and refused otherwise.
 */
class RedisTlsIT {
  private static final String PASSWORD = "s3cret/with:odd@characters";

  @TempDir static Path temp;
  private static Process server;
  private static int port;
  private static TestCertificates authority;
  private static TestCertificates other;

  /** One server and two CAs for the class: keytool takes seconds per key. */
  @BeforeAll
  static void start() throws Exception {
    authority = TestCertificates.authority(temp.resolve("ca"), "redis-test-ca");
    other = TestCertificates.authority(temp.resolve("other-ca"), "other-ca");
    Path tls = authority.issue("redis", "localhost", "dns:localhost,ip:127.0.0.1");
    port = LoopbackPorts.free();
    server =
        new ProcessBuilder(
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--tls-port",
                Integer.toString(port),
                "--tls-cert-file",
                tls.resolve("tls.crt").toString(),
                "--tls-key-file",
                tls.resolve("tls.key").toString(),
                "--tls-ca-cert-file",
                tls.resolve("ca.crt").toString(),
                "--tls-auth-clients",
                "no",
                "--requirepass",
                PASSWORD,
                "--save",
                "",
                "--dir",
                temp.toString())
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (java.io.IOException notYet) {
        assertThat(server.isAlive()).as("redis-server runs; see its log").isTrue();
        assertThat(System.nanoTime()).as("redis-server listens within 10 s").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.destroy();
    server.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void theClientAuthenticatesWithThePasswordSettingOverVerifiedTls() {
    var endpoint =
        new RedisEndpoint("rediss://127.0.0.1:" + port, PASSWORD, Optional.of(authority.caFile()));
    assertThat(endpoint.tls()).isTrue();
    assertThat(ping(endpoint)).isEqualTo("PONG");
  }

  @Test
  void withoutThePasswordRedisRefusesTheCommands() {
    var endpoint =
        new RedisEndpoint("rediss://127.0.0.1:" + port, "", Optional.of(authority.caFile()));
    assertThatThrownBy(() -> ping(endpoint)).hasStackTraceContaining("NOAUTH");
  }

  @Test
  void aServerCertificateOfAnotherCaIsRefused() {
    var endpoint =
        new RedisEndpoint("rediss://127.0.0.1:" + port, PASSWORD, Optional.of(other.caFile()));
    assertThatThrownBy(() -> ping(endpoint)).hasStackTraceContaining("PKIX");
  }

  @Test
  void aUrlThatSwitchesVerificationOffIsStillVerified() {
    var endpoint =
        new RedisEndpoint(
            "rediss://127.0.0.1:" + port + "?verifyPeer=NONE",
            PASSWORD,
            Optional.of(other.caFile()));
    assertThatThrownBy(() -> ping(endpoint)).hasStackTraceContaining("PKIX");
  }

  private static String ping(RedisEndpoint endpoint) {
    RedisClient client = Redis.client(endpoint, Duration.ofSeconds(5));
    try (var connection = client.connect()) {
      return connection.sync().ping();
    } finally {
      client.shutdown();
    }
  }
}
