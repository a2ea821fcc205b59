package dev.smo1.accounts.apikey;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Scope;
import dev.smo1.cluster.TopicRelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API key to {@link Access}, without a database round trip on the hot path: keys are cached per
 * node (misses too, so a flood of bad keys is not a flood of queries), and a revocation reaches
 * every node's cache at once over distributed pub-sub ({@link KeyRevoked}), again whenever the
 * topic reaches a member it did not reach before ({@link TopicRelay}). A node that loaded a key
 * just before its revocation committed still refuses it: revoked hashes are remembered for longer
 * than any load takes. Last use is written at most once a minute per key, off the request path.
 */
public final class ApiKeyAuthentication {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthentication.class);
  private static final String TOPIC = "smo1-key-revocations";
  private static final CompletionStage<Optional<Access>> NO_ACCESS =
      java.util.concurrent.CompletableFuture.completedStage(Optional.empty());

  private final Jdbc jdbc;
  private final ApiKeyStore store;
  private final Clock clock;
  private final Set<String> adminEmails;
  private final AsyncLoadingCache<String, Optional<ApiKeyRecord>> keys;
  private final Cache<String, Boolean> revoked;
  private final Cache<UUID, Instant> lastUseWritten;
  private final Duration revokedFor;
  private volatile ActorRef<TopicRelay.Command<KeyRevoked>> relay;

  public ApiKeyAuthentication(
      Jdbc jdbc, ApiKeyStore store, Clock clock, Set<String> adminEmails, Duration cacheTtl) {
    this.jdbc = jdbc;
    this.store = store;
    this.clock = clock;
    this.adminEmails =
        adminEmails.stream()
            .map(email -> email.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    this.keys =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(cacheTtl)
            .buildAsync(
                (hash, executor) ->
                    jdbc.transaction(connection -> store.find(connection, hash))
                        .toCompletableFuture());
    this.revokedFor = cacheTtl.plusMinutes(1);
    this.revoked = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(revokedFor).build();
    this.lastUseWritten =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(ApiKeyStore.LAST_USED_PRECISION)
            .build();
  }

  /** Subscribes this node to revocations (cluster-wide); call once at start-up. */
  public ApiKeyAuthentication start(ActorSystem<?> system) {
    ActorRef<Topic.Command<KeyRevoked>> created =
        system.systemActorOf(
            Topic.create(KeyRevoked.class, TOPIC), "key-revocations", Props.empty());
    ActorRef<KeyRevoked> subscriber =
        system.systemActorOf(
            Behaviors.receive(KeyRevoked.class)
                .onMessage(
                    KeyRevoked.class,
                    message -> {
                      forget(message.keyHash());
                      return Behaviors.same();
                    })
                .build(),
            "key-revocation-subscriber",
            Props.empty());
    created.tell(Topic.subscribe(subscriber));
    this.relay =
        system.systemActorOf(
            TopicRelay.create(created, TOPIC, revokedFor, Duration.ofMillis(250)),
            "key-revocations-relay",
            Props.empty());
    return this;
  }

  /** Tells every node (this one at once) that the key of {@code keyHash} is revoked. */
  public void publishRevoked(String keyHash) {
    forget(keyHash);
    var current = relay;
    if (current != null) {
      current.tell(new TopicRelay.Publish<>(new KeyRevoked(keyHash)));
    }
  }

  void forget(String keyHash) {
    revoked.put(keyHash, Boolean.TRUE);
    keys.synchronous().invalidate(keyHash);
  }

  /**
   * The access of a presented key; empty when malformed (at once: no hash, no cache entry, no
   * query), unknown, revoked or expired.
   */
  public CompletionStage<Optional<Access>> authenticate(String key) {
    if (!ApiKeyFormat.isWellFormed(key)) {
      return NO_ACCESS;
    }
    String hash = Secrets.sha256(key);
    return keys.get(hash)
        .thenApply(
            found -> {
              if (found.isEmpty() || revoked.getIfPresent(hash) != null) {
                return Optional.<Access>empty();
              }
              var record = found.get();
              Instant now = clock.instant();
              if (record.expiredAt(now)) {
                return Optional.<Access>empty();
              }
              noteUse(record.id(), now);
              boolean admin =
                  record.creatorEmail() != null
                      && adminEmails.contains(record.creatorEmail().toLowerCase(Locale.ROOT))
                      && record.scopes().contains(Scope.WORKSPACE_ADMIN);
              var principal =
                  new Principal.ApiKey(record.id(), record.prefix(), record.workspaceId(), admin);
              return Optional.of(Access.ofKey(principal, record.scopes()));
            });
  }

  private void noteUse(UUID id, Instant now) {
    if (lastUseWritten.asMap().putIfAbsent(id, now) == null) {
      jdbc.transaction(
              connection -> {
                store.touch(connection, id, now);
                return null;
              })
          .exceptionally(
              error -> {
                log.warn("api key last use not written key={} error={}", id, error.toString());
                return null;
              });
    }
  }
}
