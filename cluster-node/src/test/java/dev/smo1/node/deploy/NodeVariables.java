package dev.smo1.node.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a node reads: every {@code SMO1_*} named in its configuration files,
 * and the JVM's own. Deployment files (Kubernetes, Compose) may set no other.
 */
final class NodeVariables {
  /** Variables the JVM itself reads (not the node's configuration). */
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  /** The node's configuration files, where every SMO1_* variable it reads is named. */
  private static final List<String> NODE_CONFIGURATION =
      List.of(
          "application.conf",
          "cluster.conf",
          "persistence.conf",
          "http.conf",
          "projections.conf",
          "clicks.conf",
          "idempotency.conf",
          "management.conf",
          "logback.xml");

  private static final Set<String> READ = read();

  private NodeVariables() {}

  static boolean isRead(String name) {
    return READ.contains(name) || JVM_VARIABLES.contains(name);
  }

  private static Set<String> read() {
    Set<String> names = new TreeSet<>();
    Pattern variable = Pattern.compile("SMO1_[A-Z0-9_]+");
    for (String file : NODE_CONFIGURATION) {
      try (InputStream in = NodeVariables.class.getClassLoader().getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("node configuration file missing: " + file);
        }
        Matcher matcher = variable.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (matcher.find()) {
          names.add(matcher.group());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }
}
