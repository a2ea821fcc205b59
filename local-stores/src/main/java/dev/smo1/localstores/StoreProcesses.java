package dev.smo1.localstores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The store processes of a data directory as Linux's {@code /proc} shows them, to find what an
 * earlier node left behind. A node killed with SIGKILL leaves its stores running when only its JVM
 * was killed (they are its children, not killed with it), and leaves lock and PID files naming
 * processes that are gone, zombies waiting to be reaped, or other programs that got the same PID
 * since. A store must only be started once the old one is gone, and must not be refused for a PID
 * that is not its own.
 */
final class StoreProcesses {
  private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d+)");

  private StoreProcesses() {}

  /** CPU time of a process and its descendants, with the size of its logs: moves while it works. */
  record Progress(Duration cpu, long logBytes) {}

  static Progress progress(ProcessHandle process, Path... logs) {
    Duration cpu =
        Stream.concat(Stream.of(process), process.descendants())
            .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
            .reduce(Duration.ZERO, Duration::plus);
    long bytes = 0;
    for (Path log : logs) {
      try {
        bytes += Files.size(log);
      } catch (IOException notYet) {
        // not written yet
      }
    }
    return new Progress(cpu, bytes);
  }

  /**
   * The first number in a PID file ({@code postmaster.pid}, {@code redis.pid}, ClickHouse's
   * status).
   */
  static OptionalLong pidIn(Path pidFile) {
    try {
      var matcher = FIRST_NUMBER.matcher(Files.readString(pidFile));
      return matcher.find()
          ? OptionalLong.of(Long.parseLong(matcher.group(1)))
          : OptionalLong.empty();
    } catch (IOException | NumberFormatException gone) {
      return OptionalLong.empty();
    }
  }

  /**
   * Whether a process with this PID exists in any state, as {@code kill(pid, 0)} sees it: a zombie
   * or an unrelated program with a reused PID counts, which is what makes PostgreSQL refuse a stale
   * {@code postmaster.pid}.
   */
  static boolean pidInUse(long pid) {
    return Files.exists(Path.of("/proc", Long.toString(pid)));
  }

  /**
   * The live process (not a zombie) with this PID if its working directory is {@code directory}.
   */
  static Optional<ProcessHandle> runningIn(long pid, Path directory) {
    return ProcessHandle.of(pid).filter(handle -> workingDirectoryIs(handle, directory));
  }

  /**
   * Every live process (not a zombie) of {@code program} (its executable's file name) whose working
   * directory is {@code directory}: a store's, not the shell of someone looking at its files.
   */
  static List<ProcessHandle> runningIn(Path directory, String program) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(
              handle ->
                  handle
                          .info()
                          .command()
                          .map(command -> Path.of(command).getFileName().toString().equals(program))
                          .orElse(false)
                      && workingDirectoryIs(handle, directory))
          .toList();
    }
  }

  /** Every live process whose command line has {@code argument} (ClickHouse's config file). */
  static List<ProcessHandle> runningWith(String argument) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(
              handle ->
                  handle
                          .info()
                          .arguments()
                          .map(args -> List.of(args).contains(argument))
                          .orElse(false)
                      && !isZombieOrGone(handle.pid()))
          .toList();
    }
  }

  /** SIGTERM, then SIGKILL once {@code grace} has passed; waits for the process to be gone. */
  static void stop(ProcessHandle process, Duration grace) throws InterruptedException {
    process.destroy();
    if (!awaitExit(process, grace)) {
      process.destroyForcibly();
      awaitExit(process, Duration.ofSeconds(10));
    }
  }

  /** Waits up to {@code within} for the process to end; whether it did. */
  static boolean awaitExit(ProcessHandle process, Duration within) throws InterruptedException {
    try {
      process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    }
  }

  private static boolean workingDirectoryIs(ProcessHandle handle, Path directory) {
    try {
      // a zombie has no working directory: readSymbolicLink fails for it
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(handle.pid()), "cwd"))
          .equals(directory.toRealPath());
    } catch (IOException | SecurityException notOurs) {
      return false;
    }
  }

  private static boolean isZombieOrGone(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    } catch (IOException | RuntimeException gone) {
      return true;
    }
  }
}
