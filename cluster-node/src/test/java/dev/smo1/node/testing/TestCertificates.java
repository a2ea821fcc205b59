package dev.smo1.node.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority of a test's own, made with the JDK's keytool (RSA 2048, valid two days),
 * and leaf certificates it issues, written as the PEM files a cert-manager Secret holds: {@code
 * tls.key} (unencrypted PKCS#8), {@code tls.crt} and {@code ca.crt}.
 */
public final class TestCertificates {
  private static final String PASSWORD = "test-only";
  private final Path directory;
  private final Path caStore;

  private TestCertificates(Path directory) {
    this.directory = directory;
    this.caStore = directory.resolve("ca.p12");
  }

  /** A new CA named {@code name}, its files under {@code directory}. */
  public static TestCertificates authority(Path directory, String name) throws Exception {
    Files.createDirectories(directory);
    var authority = new TestCertificates(directory);
    keytool(
        "-genkeypair",
        "-keystore",
        authority.caStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + name,
        "-ext",
        "bc:c",
        "-validity",
        "2");
    keytool(
        "-exportcert",
        "-keystore",
        authority.caStore.toString(),
        "-storepass",
        PASSWORD,
        "-alias",
        "ca",
        "-rfc",
        "-file",
        authority.caFile().toString());
    return authority;
  }

  /** The CA's certificate (PEM). */
  public Path caFile() {
    return directory.resolve("ca.crt");
  }

  /**
   * Issues a certificate for {@code commonName} with the subject alternative names {@code san}
   * (keytool's syntax: {@code dns:smo1-node,ip:127.0.0.1}) and writes {@code tls.key}, {@code
   * tls.crt} and {@code ca.crt} into a new directory {@code name}, which it returns.
   */
  public Path issue(String name, String commonName, String san) throws Exception {
    Path out = Files.createDirectories(directory.resolve(name));
    Path store = out.resolve("key.p12");
    Path request = out.resolve("tls.csr");
    keytool(
        "-genkeypair",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-alias",
        "leaf",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + commonName,
        "-validity",
        "2");
    keytool(
        "-certreq",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-alias",
        "leaf",
        "-file",
        request.toString());
    keytool(
        "-gencert",
        "-keystore",
        caStore.toString(),
        "-storepass",
        PASSWORD,
        "-alias",
        "ca",
        "-infile",
        request.toString(),
        "-outfile",
        out.resolve("tls.crt").toString(),
        "-rfc",
        "-ext",
        "san=" + san,
        "-ext",
        "eku=serverAuth,clientAuth",
        "-validity",
        "2");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    Key key = keys.getKey("leaf", PASSWORD.toCharArray());
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(out.resolve("tls.key"), pem, US_ASCII);
    Files.copy(caFile(), out.resolve("ca.crt"));
    Files.delete(store);
    Files.delete(request);
    return out;
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.add("-noprompt");
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), US_ASCII);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + String.join(" ", command) + "\n" + output);
    }
  }
}
