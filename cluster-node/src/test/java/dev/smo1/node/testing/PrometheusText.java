package dev.smo1.node.testing;

import java.util.Map;
import java.util.Optional;

/** Reads samples out of a node's {@code /metrics} answer (the Prometheus text format). */
public final class PrometheusText {
  private PrometheusText() {}

  /** The sum of a metric's samples whose labels include {@code labels}; empty if none. */
  public static Optional<Double> value(String body, String name, Map<String, String> labels) {
    double sum = 0;
    boolean found = false;
    for (String line : body.lines().toList()) {
      if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      String labelPart =
          line.startsWith(name + "{")
              ? line.substring(name.length(), line.lastIndexOf('}') + 1)
              : "";
      boolean matches =
          labels.entrySet().stream()
              .allMatch(l -> labelPart.contains(l.getKey() + "=\"" + l.getValue() + "\""));
      if (matches) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    return found ? Optional.of(sum) : Optional.empty();
  }
}
