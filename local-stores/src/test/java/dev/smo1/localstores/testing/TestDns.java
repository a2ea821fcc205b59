package dev.smo1.localstores.testing;

import dev.smo1.localstores.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server on loopback for a test: Debian's {@code dnsmasq} answering for names under
 * {@code .test} from the records the test sets (NXDOMAIN for any other name under {@code .test},
 * REFUSED outside it), nothing cached. {@link #set} replaces the records: dnsmasq reads TXT and
 * CNAME records only at start, so it is started again on the same port.
 */
public final class TestDns implements AutoCloseable {
  /** One record: {@code TXT name value}, {@code CNAME name target} or {@code A name address}. */
  public record Entry(String type, String name, String value) {
    public static Entry txt(String name, String value) {
      return new Entry("TXT", name, value);
    }

    public static Entry cname(String name, String target) {
      return new Entry("CNAME", name, target);
    }

    public static Entry aaaa(String name, String address) {
      return new Entry("AAAA", name, address);
    }

    public static Entry a(String name, String address) {
      return new Entry("A", name, address);
    }
  }

  private final Path directory;
  private final int port;
  private Process process;

  private TestDns(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Starts dnsmasq with {@code records}; fails when dnsmasq is not installed. */
  public static TestDns start(List<Entry> records) {
    if (!Files.isExecutable(Path.of("/usr/sbin/dnsmasq"))) {
      throw new IllegalStateException(
          "dnsmasq is not installed (Debian package dnsmasq-base); ./smo1 test installs it");
    }
    var dns = new TestDns(TempDirectories.create("smo1-test-dns"), LoopbackPorts.free());
    Runtime.getRuntime().addShutdownHook(new Thread(dns::close));
    dns.set(records);
    return dns;
  }

  /** Where to ask: 127.0.0.1 and the server's port (UDP and TCP). */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** Replaces every record; returns once the server answers with them. */
  public synchronized void set(List<Entry> records) {
    List<String> config = new ArrayList<>();
    config.add("port=" + port);
    config.add("listen-address=127.0.0.1");
    config.add("bind-interfaces");
    config.add("no-resolv");
    config.add("no-hosts");
    config.add("no-poll");
    config.add("cache-size=0");
    config.add("local=/test/");
    for (Entry entry : records) {
      switch (entry.type()) {
        case "TXT" -> config.add("txt-record=" + entry.name() + ",\"" + entry.value() + "\"");
        case "CNAME" -> config.add("cname=" + entry.name() + "," + entry.value());
        case "A", "AAAA" -> config.add("host-record=" + entry.name() + "," + entry.value());
        default -> throw new IllegalArgumentException("no such record type: " + entry.type());
      }
    }
    try {
      Path file = directory.resolve("dnsmasq.conf");
      Files.write(file, config);
      stop();
      process =
          new ProcessBuilder(
                  "/usr/sbin/dnsmasq",
                  "--keep-in-foreground",
                  "--conf-file=" + file,
                  "--pid-file=",
                  "--user=root",
                  "--log-facility=-")
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("dnsmasq.log").toFile())
              .start();
      awaitAnswers();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits (at most 10 s) until a query for {@code ready.test} gets an answer. */
  private void awaitAnswers() throws IOException, InterruptedException {
    byte[] query = {
      0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'r', 'e', 'a', 'd', 'y', 4, 't', 'e', 's',
      't', 0, 0, 1, 0, 1
    };
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (var socket = new DatagramSocket()) {
      socket.setSoTimeout(200);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "dnsmasq exited: " + Files.readString(directory.resolve("dnsmasq.log")));
        }
        socket.send(new DatagramPacket(query, query.length, address()));
        try {
          socket.receive(new DatagramPacket(new byte[512], 512));
          return;
        } catch (SocketTimeoutException notYet) {
          Thread.sleep(50);
        }
      }
    }
    throw new IllegalStateException("dnsmasq did not answer on port " + port);
  }

  private void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  @Override
  public synchronized void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
