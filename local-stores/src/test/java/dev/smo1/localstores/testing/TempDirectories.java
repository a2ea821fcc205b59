package dev.smo1.localstores.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories for the servers and files a test starts, deleted when the test JVM ends
 * (after the tests have stopped what runs in them), so a test run leaves nothing in /tmp.
 */
public final class TempDirectories {
  private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> CREATED.forEach(TempDirectories::deleteQuietly), "delete-test-directories"));
  }

  private TempDirectories() {}

  public static Path create(String prefix) {
    try {
      Path directory = Files.createTempDirectory(prefix);
      CREATED.add(directory);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // a file still held open by a server that outlived its test
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // already gone
    }
  }
}
