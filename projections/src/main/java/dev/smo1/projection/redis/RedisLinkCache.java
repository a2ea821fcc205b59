package dev.smo1.projection.redis;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.RedirectType;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The redirect cache in Redis: one hash per link under {@code smo1:link:<domain>/<code>} with
 * fields {@code v} (version), {@code s} (status), {@code t} (target), {@code r} (redirect status),
 * {@code e} (expiry, epoch milliseconds, empty for none) and {@code q} ("1" when the query string
 * is forwarded; absent in hashes written before it existed: not forwarded).
 *
 * <p>Writes run as one Lua script, so the version check and the write are atomic: a write applies
 * only when its version is higher than the stored one, so redelivered and out-of-order events never
 * move a key backwards. A deleted link leaves a tombstone (status {@code deleted}) rather than no
 * key, so an older event replayed later cannot bring it back. Events that need the link's earlier
 * state (update, disable, enable) are skipped for a key Redis does not hold: a missing key is a
 * cache miss, and the redirect path then asks the entity.
 */
public final class RedisLinkCache implements LinkCacheUpdates, AutoCloseable {
  static final String KEY_PREFIX = "smo1:link:";

  private static final String APPLY =
      """
      local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
      local version = tonumber(ARGV[1])
      if current >= version then return 0 end
      local op = ARGV[2]
      if op == 'create' then
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', 'active', 't', ARGV[3], 'r', ARGV[4], 'e', ARGV[5], 'q', ARGV[6], 'o', ARGV[7])
      elseif op == 'delete' then
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', 'deleted')
      elseif current == 0 then
        return 0
      elseif op == 'settings' then
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 't', ARGV[3], 'r', ARGV[4], 'e', ARGV[5], 'q', ARGV[6], 'o', ARGV[7])
      elseif op == 'status' then
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', ARGV[3])
      end
      return 1
      """;

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisAsyncCommands<String, String> commands;

  public RedisLinkCache(RedisClient client) {
    this.client = client;
    this.connection = client.connect();
    this.commands = connection.async();
  }

  static String key(LinkId id) {
    return KEY_PREFIX + id.entityId();
  }

  /** Applies one event; completes with whether the key changed. */
  @Override
  public CompletionStage<Boolean> apply(LinkEvent event, long version) {
    LinkId id = new LinkId(event.domain(), event.code());
    if (event instanceof LinkEvent.LinkVisitCounted) {
      // a counted link is marked: its visits are the entity's to count
      return java.util.concurrent.CompletableFuture.completedFuture(false);
    }
    String[] arguments =
        switch (event) {
          case LinkEvent.LinkCreated created -> settings(version, "create", created.settings());
          case LinkEvent.LinkUpdated updated -> settings(version, "settings", updated.settings());
          case LinkEvent.LinkDisabled ignored ->
              new String[] {Long.toString(version), "status", LinkStatus.DISABLED.wireName()};
          case LinkEvent.LinkEnabled ignored ->
              new String[] {Long.toString(version), "status", LinkStatus.ACTIVE.wireName()};
          case LinkEvent.LinkDeleted ignored -> new String[] {Long.toString(version), "delete"};
          case LinkEvent.LinkBlocked ignored ->
              new String[] {Long.toString(version), "status", LinkStatus.BLOCKED.wireName()};
          case LinkEvent.LinkUnblocked ignored ->
              new String[] {Long.toString(version), "status", LinkStatus.DISABLED.wireName()};
          case LinkEvent.LinkVisitCounted ignored -> throw new AssertionError("handled above");
        };
    return commands
        .<Long>eval(APPLY, ScriptOutputType.INTEGER, new String[] {key(id)}, arguments)
        .thenApply(changed -> changed == 1L);
  }

  /** Deletes every link key (SCAN, never KEYS); completes with how many were deleted. */
  public CompletionStage<Long> clear(java.util.concurrent.Executor blocking) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          var sync = connection.sync();
          long deleted = 0;
          io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
          var match = io.lettuce.core.ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(1000);
          do {
            var page = sync.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
              deleted += sync.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
          } while (!cursor.isFinished());
          return deleted;
        },
        blocking);
  }

  /** The cached link, or empty when Redis holds no key for it. */
  public CompletionStage<Optional<CachedLink>> read(LinkId id) {
    return commands.hgetall(key(id)).thenApply(RedisLinkCache::parse);
  }

  private static Optional<CachedLink> parse(Map<String, String> fields) {
    if (fields == null || !fields.containsKey("v") || !fields.containsKey("s")) {
      return Optional.empty();
    }
    String expires = fields.get("e");
    String type = fields.get("r");
    return Optional.of(
        new CachedLink(
            Long.parseLong(fields.get("v")),
            LinkStatus.ofStored(fields.get("s")),
            fields.get("t"),
            type == null ? null : RedirectType.fromStatus(Integer.parseInt(type)).orElse(null),
            expires == null || expires.isEmpty()
                ? null
                : Instant.ofEpochMilli(Long.parseLong(expires)),
            "1".equals(fields.get("q")),
            "1".equals(fields.get("o"))));
  }

  private static String[] settings(long version, String op, LinkSettings settings) {
    return new String[] {
      Long.toString(version),
      op,
      settings.target(),
      Integer.toString(settings.redirectType().status()),
      settings.expiresAt() == null ? "" : Long.toString(settings.expiresAt().toEpochMilli()),
      settings.forwardQuery() ? "1" : "0",
      settings.routing().isEmpty() && settings.options().isEmpty() ? "0" : "1"
    };
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
