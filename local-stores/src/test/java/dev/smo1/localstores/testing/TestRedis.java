package dev.smo1.localstores.testing;

import dev.smo1.localstores.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link LocalRedis} in a temporary directory, for a test. */
public final class TestRedis {
  private TestRedis() {}

  public static LocalRedis start() {
    try {
      return LocalRedis.start(TempDirectories.create("smo1-test-redis"))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "redis-server is not installed (Debian package); ./smo1 test installs it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
