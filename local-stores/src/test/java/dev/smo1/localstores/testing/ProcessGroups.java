package dev.smo1.localstores.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes in a process group of their own, killed with everything in the group at once: what a
 * power loss, or {@code kill -9 -- -<pgid>} on {@code ./smo1 run}, does to a node and the stores it
 * started.
 */
public final class ProcessGroups {
  private ProcessGroups() {}

  /**
   * {@code command} run through {@code setsid}: a child of this JVM leads no process group, so
   * setsid makes it the leader of a new one without forking, and its PID is the group's id.
   */
  public static List<String> inNewGroup(List<String> command) {
    List<String> wrapped = new ArrayList<>();
    wrapped.add("setsid");
    wrapped.addAll(command);
    return wrapped;
  }

  /** SIGKILL to the group {@code process} leads, and waits for {@code process} to be gone. */
  public static void kill(Process process) throws IOException, InterruptedException {
    long group = group(process.pid());
    if (group != process.pid()) {
      throw new IllegalStateException(
          "process " + process.pid() + " leads no group of its own (it is in " + group + ")");
    }
    var kill = new ProcessBuilder("kill", "-KILL", "--", "-" + group).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -KILL -- -" + group + " failed");
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("process " + process.pid() + " survived SIGKILL");
    }
  }

  private static long group(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so count from its closing parenthesis
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[2]);
  }
}
