package dev.smo1.link;

import dev.smo1.link.known.KnownLinks;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The way into the link entities from anywhere in the cluster: asks the sharded entity with the
 * configured timeout. A generated code that turns out to be taken is retried with a fresh one: the
 * entity is the single writer of its code, so no lock or pre-check is needed.
 *
 * <p>Codes that have never existed ({@link KnownLinks} says so for certain) are answered "not
 * found" without addressing an entity, so random codes start no actors and run no journal queries.
 */
public final class LinkService implements Links {
  /** A collision among 62^7 codes is rare; a run of eight means something else is wrong. */
  static final int MAX_GENERATION_ATTEMPTS = 8;

  private final ClusterSharding sharding;
  private final ShortCodes shortCodes;
  private final Duration askTimeout;
  private final String defaultDomain;
  private final KnownLinks known;
  private final LinkSlots slots;
  private final TargetScreen screen;

  public LinkService(ActorSystem<?> system, LinkEntitySettings settings, KnownLinks known) {
    this(system, settings, known, LinkSlots.UNLIMITED);
  }

  public LinkService(
      ActorSystem<?> system, LinkEntitySettings settings, KnownLinks known, LinkSlots slots) {
    this(system, settings, known, slots, TargetScreen.NONE);
  }

  /**
   * {@code screen}: asked about every target a create or update brings, before anything else; a
   * listed target or lists that cannot be read refuse the request (decision 0034).
   */
  public LinkService(
      ActorSystem<?> system,
      LinkEntitySettings settings,
      KnownLinks known,
      LinkSlots slots,
      TargetScreen screen) {
    this.sharding = ClusterSharding.get(system);
    this.known = known;
    this.slots = slots;
    this.screen = screen;
    this.shortCodes = new ShortCodes(settings.codeLength());
    this.askTimeout = settings.askTimeout();
    this.defaultDomain = settings.defaultDomain();
  }

  @Override
  public String defaultDomain() {
    return defaultDomain;
  }

  /**
   * Creates a link under {@code alias}, or under a generated code when {@code alias} is null. Alias
   * syntax is checked before any entity is addressed, so an invalid alias never starts one. A
   * generated code is kept by {@code attempt} before its entity is asked, so a later attempt of the
   * same create asks the same code (where the entity knows the create by its id) instead of making
   * a second link under another code.
   */
  @Override
  public CompletionStage<LinkReply> create(
      String owner, String alias, LinkDraft draft, RetryableCreate attempt) {
    return create(owner, defaultDomain, alias, draft, attempt);
  }

  /**
   * A create takes one of the workspace's monthly link slots first ({@link LinkSlots}), under the
   * create's id (every attempt of it the same, so retries take one slot), and gives it back when
   * the link is refused. A create whose outcome is unknown (the entity did not answer in time)
   * keeps its slot: the limit holds even then.
   */
  @Override
  public CompletionStage<LinkReply> create(
      String owner, String domain, String alias, LinkDraft draft, RetryableCreate attempt) {
    if (alias != null) {
      var violation = ShortCodes.checkAlias(alias);
      if (violation.isPresent()) {
        return CompletableFuture.completedFuture(LinkReply.Rejected.of(violation.get()));
      }
    }
    return screened(
        TargetScreen.of(draft), () -> createScreened(owner, domain, alias, draft, attempt));
  }

  private CompletionStage<LinkReply> createScreened(
      String owner, String domain, String alias, LinkDraft draft, RetryableCreate attempt) {
    String reservation =
        attempt.requestId() != null
            ? attempt.requestId().toString()
            : java.util.UUID.randomUUID().toString();
    return slots
        .reserve(owner, reservation, 1)
        .thenCompose(reserved -> createInSlot(owner, domain, alias, draft, attempt))
        .thenCompose(
            reply ->
                reply instanceof LinkReply.Rejected
                    // a release that fails keeps the slot taken (as an unknown outcome does)
                    ? slots.release(owner, reservation).handle((released, failed) -> reply)
                    : CompletableFuture.completedFuture(reply));
  }

  private CompletionStage<LinkReply> createInSlot(
      String owner, String domain, String alias, LinkDraft draft, RetryableCreate attempt) {
    if (alias != null) {
      return created(new LinkId(domain, alias), owner, draft, attempt);
    }
    return attempt
        .code()
        .map(code -> createWithGeneratedCode(owner, domain, draft, attempt, code, 1))
        .orElseGet(() -> chooseAndCreate(owner, domain, draft, attempt, Optional.empty(), 1));
  }

  private CompletionStage<LinkReply> chooseAndCreate(
      String owner,
      String domain,
      LinkDraft draft,
      RetryableCreate attempt,
      Optional<String> replaced,
      int attemptNumber) {
    return attempt
        .choose(replaced, shortCodes.generate())
        .thenCompose(
            code -> createWithGeneratedCode(owner, domain, draft, attempt, code, attemptNumber));
  }

  private CompletionStage<LinkReply> createWithGeneratedCode(
      String owner,
      String domain,
      LinkDraft draft,
      RetryableCreate attempt,
      String code,
      int attemptNumber) {
    return created(new LinkId(domain, code), owner, draft, attempt)
        .thenCompose(
            reply -> {
              if (reply instanceof LinkReply.Rejected rejected
                  && rejected.code() == ErrorCode.ALIAS_TAKEN
                  && attemptNumber < MAX_GENERATION_ATTEMPTS) {
                return chooseAndCreate(
                    owner, domain, draft, attempt, Optional.of(code), attemptNumber + 1);
              }
              return CompletableFuture.completedFuture(reply);
            });
  }

  /**
   * Asks the entity to create the link; once it has, this node knows the link before it answers
   * (other nodes learn it from the link-change topic), so a visit right after the answer finds it.
   */
  private CompletionStage<LinkReply> created(
      LinkId id, String owner, LinkDraft draft, RetryableCreate attempt) {
    return ask(id, replyTo -> new LinkCommand.Create(owner, draft, attempt.requestId(), replyTo))
        .thenApply(
            reply -> {
              if (reply instanceof LinkReply.Ok) {
                known.add(id);
              }
              return reply;
            });
  }

  @Override
  public boolean mayExist(String code) {
    return ShortCodes.mayExist(code) && known.mayExist(idOf(code));
  }

  @Override
  public boolean mayExist(LinkId id) {
    return ShortCodes.mayExist(id.code()) && known.mayExist(id);
  }

  @Override
  public boolean mayBeBehind() {
    return known.distrusted();
  }

  @Override
  public CompletionStage<LinkReply> get(String requester, LinkId id) {
    return ask(id.domain(), id.code(), replyTo -> new LinkCommand.Get(requester, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> update(String requester, LinkId id, LinkPatch patch) {
    return screened(
        TargetScreen.of(patch),
        () ->
            ask(
                id.domain(),
                id.code(),
                replyTo -> new LinkCommand.Update(requester, patch, replyTo)));
  }

  /**
   * Runs {@code then} when {@code targets} are clear of the malicious-URL lists; answers the
   * refusal otherwise. A request with no target to screen is not asked about.
   */
  private CompletionStage<LinkReply> screened(
      java.util.List<TargetScreen.Target> targets,
      java.util.function.Supplier<CompletionStage<LinkReply>> then) {
    if (targets.isEmpty()) {
      return then.get();
    }
    return screen
        .screen(targets)
        .thenCompose(
            verdict ->
                TargetScreen.rejection(verdict)
                    .<CompletionStage<LinkReply>>map(CompletableFuture::completedFuture)
                    .orElseGet(then));
  }

  /** The platform takes a link down (screening, or an admin: {@code by} says which). */
  public CompletionStage<LinkReply> block(LinkId id, String reason, String by) {
    return ask(id, replyTo -> new LinkCommand.Block(reason, by, replyTo));
  }

  /** A platform admin lifts a takedown; the link is left disabled. */
  public CompletionStage<LinkReply> unblock(LinkId id, String by) {
    return ask(id, replyTo -> new LinkCommand.Unblock(by, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> disable(String requester, LinkId id) {
    return ask(id.domain(), id.code(), replyTo -> new LinkCommand.Disable(requester, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> enable(String requester, LinkId id) {
    return ask(id.domain(), id.code(), replyTo -> new LinkCommand.Enable(requester, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> delete(String requester, LinkId id) {
    return ask(id.domain(), id.code(), replyTo -> new LinkCommand.Delete(requester, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> get(String requester, String code) {
    return ask(code, replyTo -> new LinkCommand.Get(requester, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> update(String requester, String code, LinkPatch patch) {
    return update(requester, idOf(code), patch);
  }

  @Override
  public CompletionStage<LinkReply> disable(String requester, String code) {
    return ask(code, replyTo -> new LinkCommand.Disable(requester, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> enable(String requester, String code) {
    return ask(code, replyTo -> new LinkCommand.Enable(requester, replyTo));
  }

  @Override
  public CompletionStage<LinkReply> delete(String requester, String code) {
    return ask(code, replyTo -> new LinkCommand.Delete(requester, replyTo));
  }

  /** Resolves a code on the default domain; codes that do not exist answer without an ask. */
  @Override
  public CompletionStage<Resolution> resolve(String code) {
    return resolve(idOf(code));
  }

  @Override
  public CompletionStage<Resolution> visit(String code) {
    return visit(idOf(code));
  }

  @Override
  public CompletionStage<Resolution> resolve(LinkId id) {
    if (!mayExist(id)) {
      return CompletableFuture.completedFuture(new Resolution.NotFound());
    }
    return sharding
        .entityRefFor(LinkEntity.TYPE_KEY, id.entityId())
        .ask(LinkCommand.Resolve::new, askTimeout);
  }

  @Override
  public CompletionStage<Resolution> visit(LinkId id) {
    if (!mayExist(id)) {
      return CompletableFuture.completedFuture(new Resolution.NotFound());
    }
    return sharding
        .entityRefFor(LinkEntity.TYPE_KEY, id.entityId())
        .ask(LinkCommand.Visit::new, askTimeout);
  }

  private LinkId idOf(String code) {
    return new LinkId(defaultDomain, code);
  }

  /**
   * Owner commands on a code that does not exist (bad syntax, a system word, never created) answer
   * "not found" at once: such a code never reaches an entity, so scans of junk paths start no
   * actors. A page word does reach it: a link made before the word was reserved stays manageable.
   */
  private CompletionStage<LinkReply> ask(
      String code, Function<ActorRef<LinkReply>, LinkCommand> command) {
    return ask(defaultDomain, code, command);
  }

  private CompletionStage<LinkReply> ask(
      String domain, String code, Function<ActorRef<LinkReply>, LinkCommand> command) {
    LinkId id = new LinkId(domain, code);
    if (!mayExist(id)) {
      return CompletableFuture.completedFuture(
          new LinkReply.Rejected(ErrorCode.NOT_FOUND, "no link '" + code + "' on " + domain, null));
    }
    return ask(id, command);
  }

  private CompletionStage<LinkReply> ask(
      LinkId id, Function<ActorRef<LinkReply>, LinkCommand> command) {
    return sharding
        .entityRefFor(LinkEntity.TYPE_KEY, id.entityId())
        .ask(command::apply, askTimeout);
  }
}
