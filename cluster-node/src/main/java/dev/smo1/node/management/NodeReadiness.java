package dev.smo1.node.management;

import dev.smo1.concurrent.SharedCheck;
import dev.smo1.http.health.Readiness;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Ready when this node is an Up cluster member, the journal's database answers a query, and the
 * node is not shutting down. Serves {@code /readyz} on the HTTP port and the {@code node} check of
 * {@code /ready} on the management port ({@link NodeReadinessCheck}).
 *
 * <p>The journal is asked at most once a second: callers in between get the last answer, and
 * callers while a check runs share it. A flood of {@code /readyz} on the public port therefore
 * costs no query and cannot crowd out the probe on the management port.
 */
public final class NodeReadiness implements Readiness {
  private final ActorSystem<?> system;
  private final DataSource dataSource;
  private volatile boolean shuttingDown;

  /** The journal is asked at most once a second, however often readiness is. */
  private final SharedCheck<String> journal;

  public NodeReadiness(ActorSystem<?> system, DataSource dataSource, Executor blocking) {
    this.system = system;
    this.dataSource = dataSource;
    this.journal =
        new SharedCheck<>(
            this::journalProblem,
            blocking,
            Duration.ofSeconds(1),
            "journal check could not run: the node is busy");
  }

  /** From now on the node reports not ready (coordinated shutdown began). */
  public void shuttingDown() {
    shuttingDown = true;
  }

  @Override
  public CompletionStage<Report> check() {
    if (shuttingDown) {
      return CompletableFuture.completedFuture(new Report(List.of("node is shutting down")));
    }
    boolean up = Cluster.get(system).selfMember().status() == MemberStatus.up();
    return journal
        .get()
        .thenApply(
            journalProblem -> {
              var problems = new ArrayList<String>();
              if (!up) {
                problems.add("cluster member is not Up");
              }
              if (journalProblem != null) {
                problems.add(journalProblem);
              }
              return new Report(problems);
            });
  }

  private String journalProblem() {
    try (var connection = dataSource.getConnection();
        var statement = connection.prepareStatement("SELECT 1 FROM event_journal LIMIT 1")) {
      statement.setQueryTimeout(2);
      statement.executeQuery().close();
      return null;
    } catch (SQLException e) {
      return "journal database unavailable";
    }
  }
}
