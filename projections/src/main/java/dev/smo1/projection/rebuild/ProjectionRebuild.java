package dev.smo1.projection.rebuild;

import dev.smo1.link.LinkEntity;
import dev.smo1.projection.edge.EdgeMirror;
import dev.smo1.projection.edge.KvSyncProjection;
import dev.smo1.projection.readmodel.ReadModelProjection;
import dev.smo1.projection.readmodel.ReadModelRebuild;
import dev.smo1.projection.redis.RedisLinkCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Rebuilds the read model, the Redis cache and Workers KV from the journal, and reports progress
 * until done (decision 0020). The read model is rebuilt in place while it keeps answering and its
 * projection keeps running ({@link ReadModelRebuild}): link lists, searches and quotas see every
 * link throughout. The other projections are paused on every member, their stores and offsets
 * emptied, and resumed, so they replay the journal until each has applied every event that existed
 * when the rebuild began; redirects keep working meanwhile (memory cache and entities).
 */
public final class ProjectionRebuild implements Rebuild {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(30);

  private final ActorSystem<?> system;
  private final DataSource dataSource;
  private final List<String> projections;

  /** The running projections rebuilt by a replay from empty stores: all but the read model. */
  private final List<String> replayed;

  private final Optional<ReadModelRebuild> readModel;
  private final Optional<RedisLinkCache> redis;
  private final Executor blocking;

  /**
   * @param projections the names of the running projections whose stores are {@code links} and,
   *     when {@code redis} is present, the Redis cache
   */
  public ProjectionRebuild(
      ActorSystem<?> system,
      DataSource dataSource,
      List<String> projections,
      Optional<RedisLinkCache> redis,
      Executor blocking) {
    this.system = system;
    this.dataSource = dataSource;
    this.projections = List.copyOf(projections);
    this.replayed =
        projections.stream().filter(name -> !name.equals(ReadModelProjection.NAME)).toList();
    this.readModel =
        projections.contains(ReadModelProjection.NAME)
            ? Optional.of(new ReadModelRebuild(dataSource, SerializationExtension.get(system)))
            : Optional.empty();
    this.redis = redis;
    this.blocking = blocking;
  }

  private List<ProjectionId> ids() {
    List<ProjectionId> ids = new ArrayList<>();
    for (String name : replayed) {
      for (String tag : LinkEntity.TAGS) {
        ids.add(ProjectionId.of(name, tag));
      }
    }
    return ids;
  }

  @Override
  public Source<String, NotUsed> run() {
    long started = System.nanoTime();
    var management = ProjectionManagement.get(system);
    var linksDone = new AtomicLong();
    CompletableFuture<Long> linksTotal =
        readModel
            .map(rebuild -> CompletableFuture.supplyAsync(() -> count(rebuild), blocking))
            .orElse(CompletableFuture.completedFuture(0L));
    // the read model's pages one after the other, on one blocking thread for the whole walk (a
    // rare operation), started at once: it does not wait for the other projections to pause
    CompletableFuture<Long> readModelDone =
        linksTotal.thenCompose(
            total ->
                readModel
                    .map(
                        rebuild ->
                            CompletableFuture.supplyAsync(() -> walk(rebuild, linksDone), blocking))
                    .orElse(CompletableFuture.completedFuture(0L)));
    CompletionStage<Long> prepared =
        all(ids(), management::pause)
            .thenCompose(paused -> clearStores())
            .thenCompose(cleared -> journalTotal())
            .thenCompose(total -> all(ids(), management::resume).thenApply(resumed -> total));
    CompletionStage<Totals> totals = prepared.thenCombine(linksTotal, Totals::new);
    Source<String, NotUsed> preparing =
        Source.single("rebuilding " + String.join(", ", projections) + ": " + plan() + "\n");
    Source<String, NotUsed> progress =
        Source.completionStage(totals)
            .flatMapConcat(
                total ->
                    Source.unfoldAsync(
                        false,
                        finished -> {
                          if (finished) {
                            return CompletableFuture.completedFuture(Optional.empty());
                          }
                          if (System.nanoTime() - started > GIVE_UP_AFTER.toNanos()) {
                            throw new IllegalStateException(
                                "rebuild did not finish within " + GIVE_UP_AFTER);
                          }
                          return Patterns.after(
                                  PROGRESS_EVERY,
                                  system.classicSystem().scheduler(),
                                  system.executionContext(),
                                  () -> progressLine(total, readModelDone, linksDone, started))
                              .thenApply(
                                  line ->
                                      Optional.of(
                                          org.apache.pekko.japi.Pair.create(
                                              line.endsWith("done\n"), line)));
                        }));
    return preparing.concat(progress);
  }

  /** What the rebuild does to each kind of store. */
  private String plan() {
    var parts = new ArrayList<String>();
    if (readModel.isPresent()) {
      parts.add("the read model in place (it keeps answering)");
    }
    if (!replayed.isEmpty()) {
      parts.add(String.join(", ", replayed) + " paused, cleared and resumed");
    }
    return String.join("; ", parts);
  }

  /** Links in the journal, and link events, when the rebuild began. */
  private record Totals(long events, long links) {}

  private static long count(ReadModelRebuild rebuild) {
    try {
      return rebuild.links();
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  private static long walk(ReadModelRebuild rebuild, AtomicLong done) {
    try {
      return rebuild.run(done::set);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  private CompletionStage<String> progressLine(
      Totals total, CompletableFuture<Long> readModelDone, AtomicLong linksDone, long started) {
    return CompletableFuture.supplyAsync(
        () -> {
          if (readModelDone.isCompletedExceptionally()) {
            // the failure itself: the admin sees why, and runs the rebuild again
            readModelDone.join();
          }
          try (Connection connection = dataSource.getConnection()) {
            var line = new StringBuilder();
            boolean done = true;
            if (readModel.isPresent()) {
              done &= readModelDone.isDone();
              line.append(
                  String.format(
                      Locale.ROOT,
                      "%s %d/%d links  ",
                      ReadModelProjection.NAME,
                      linksDone.get(),
                      total.links()));
            }
            for (String name : replayed) {
              long applied = applied(connection, name);
              done &= applied >= total.events();
              line.append(
                  String.format(Locale.ROOT, "%s %d/%d events  ", name, applied, total.events()));
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            return line.append(seconds).append("s").append(done ? "  done\n" : "\n").toString();
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  /** Events of the projection's tags at or below its stored offsets. */
  private static long applied(Connection connection, String projection) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            """
            SELECT count(*) FROM event_tag t
            JOIN pekko_projection_offset_store o
              ON o.projection_name = ? AND o.projection_key = t.tag
            WHERE t.event_id <= CAST(o.current_offset AS BIGINT)
            """)) {
      statement.setString(1, projection);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** Tagged link events in the journal now: what each projection must have applied to be done. */
  private CompletionStage<Long> journalTotal() {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection connection = dataSource.getConnection();
              // link events only: the journal holds other entities' events too (workspaces)
              var statement =
                  connection.prepareStatement(
                      "SELECT count(*) FROM event_tag WHERE tag LIKE 'link-%'");
              var result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  private CompletionStage<Done> clearStores() {
    CompletionStage<Done> database =
        CompletableFuture.supplyAsync(
            () -> {
              try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (var offsets =
                    connection.prepareStatement(
                        "DELETE FROM pekko_projection_offset_store WHERE projection_name = ANY (?)")) {
                  if (replayed.contains(KvSyncProjection.NAME)) {
                    // KV itself is not emptied: the replay rewrites every record and deletes
                    // the keys of deleted links
                    EdgeMirror.clear(connection);
                  }
                  offsets.setArray(1, connection.createArrayOf("text", replayed.toArray()));
                  offsets.executeUpdate();
                  connection.commit();
                }
                return Done.getInstance();
              } catch (SQLException e) {
                throw new CompletionException(e);
              }
            },
            blocking);
    return database.thenCompose(
        done ->
            redis.isPresent()
                ? redis.get().clear(blocking).thenApply(deleted -> Done.getInstance())
                : CompletableFuture.completedFuture(done));
  }

  private static CompletionStage<Done> all(
      List<ProjectionId> ids,
      java.util.function.Function<ProjectionId, CompletionStage<Done>> action) {
    CompletableFuture<?>[] calls =
        ids.stream()
            .map(id -> action.apply(id).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(calls).thenApply(ignored -> Done.getInstance());
  }
}
