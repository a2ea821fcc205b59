package dev.smo1.node.wiring;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.idempotency.IdempotencyKeys;
import dev.smo1.accounts.idempotency.IdempotencySettings;
import dev.smo1.accounts.idempotency.JdbcIdempotencyKeys;
import org.apache.pekko.actor.Cancellable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests sent with an {@code Idempotency-Key} (decision 0019): their store in PostgreSQL, looked
 * up on the request pool, and the purge of expired keys every {@code purge-interval} on the
 * background pool (every node purges; they skip rows another holds).
 */
public record IdempotencyFeature(IdempotencyKeys keys) {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyFeature.class);

  public static IdempotencyFeature init(NodeContext node) {
    var settings = IdempotencySettings.from(node.system().settings().config());
    var keys =
        new JdbcIdempotencyKeys(
            new Jdbc(node.dataSource(), node.pools().requests()),
            node.dataSource(),
            node.clock(),
            settings);
    Cancellable purge =
        node.system()
            .scheduler()
            .scheduleWithFixedDelay(
                settings.purgeInterval(),
                settings.purgeInterval(),
                () -> node.blocking().execute(() -> purge(keys)),
                node.system().executionContext());
    node.closeOnShutdown("stop-idempotency-key-purge", purge::cancel);
    return new IdempotencyFeature(keys);
  }

  private static void purge(JdbcIdempotencyKeys keys) {
    try {
      int deleted = keys.purgeExpired();
      if (deleted > 0) {
        log.info("expired idempotency keys purged count={}", deleted);
      }
    } catch (RuntimeException e) {
      log.warn("purging expired idempotency keys failed; next run retries error={}", e.toString());
    }
  }
}
