package dev.smo1.localstores;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Files of the local stores: the size and last lines of their logs (for messages), clean-ups. */
final class StoreFiles {
  private StoreFiles() {}

  /** The file's size, 0 while it does not exist. */
  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException none) {
      return 0;
    }
  }

  /** The last (at most 20) lines written to {@code log} since {@code offset}. */
  static String tail(Path log, long offset) {
    try (var file = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(offset, file.length() - 8192);
      byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
