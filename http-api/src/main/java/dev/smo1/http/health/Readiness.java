package dev.smo1.http.health;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Whether this node can serve traffic; supplied by the node, which knows cluster and journal. */
@FunctionalInterface
public interface Readiness {
  CompletionStage<Report> check();

  /** {@code problems} is empty when ready. */
  record Report(List<String> problems) {
    public boolean ready() {
      return problems.isEmpty();
    }
  }
}
