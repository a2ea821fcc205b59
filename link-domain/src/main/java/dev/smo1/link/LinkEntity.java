package dev.smo1.link;

import dev.smo1.link.LinkCommand.Block;
import dev.smo1.link.LinkCommand.Create;
import dev.smo1.link.LinkCommand.Delete;
import dev.smo1.link.LinkCommand.Disable;
import dev.smo1.link.LinkCommand.Enable;
import dev.smo1.link.LinkCommand.Get;
import dev.smo1.link.LinkCommand.Resolve;
import dev.smo1.link.LinkCommand.Unblock;
import dev.smo1.link.LinkCommand.Update;
import dev.smo1.link.LinkCommand.Visit;
import dev.smo1.link.LinkEvent.LinkBlocked;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkEvent.LinkDisabled;
import dev.smo1.link.LinkEvent.LinkEnabled;
import dev.smo1.link.LinkEvent.LinkUnblocked;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.link.LinkEvent.LinkVisitCounted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One short link: the single writer for its {@link LinkId}, so a custom alias is unique by
 * construction. Commands are validated here; only valid commands persist events, and every command
 * gets a reply in every state.
 */
public final class LinkEntity
    extends EventSourcedBehaviorWithEnforcedReplies<LinkCommand, LinkEvent, LinkState> {

  public static final EntityTypeKey<LinkCommand> TYPE_KEY =
      EntityTypeKey.create(LinkCommand.class, "Link");

  /**
   * Number of projection tags. One-way decision: events are tagged when written, and projections
   * keep one offset per tag, so changing it re-partitions every projection (see
   * src-docs/decisions/0002-tag-count.md). Eight instances per projection spread over clusters of
   * up to eight nodes.
   */
  public static final int TAG_COUNT = 8;

  /** The tags, {@code link-0} to {@code link-7}: one projection instance each. */
  public static final List<String> TAGS =
      IntStream.range(0, TAG_COUNT).mapToObj(index -> "link-" + index).toList();

  /** A blocked link answers every visitor alike, with no fallback: the fallback could be abused. */
  private static final Resolution BLOCKED = new Resolution.Gone(LinkStatus.BLOCKED);

  private final LinkId id;
  private final LinkPolicy policy;
  private final Clock clock;
  private final Set<String> tags;
  private final int snapshotEvery;
  private final ActorContext<LinkCommand> context;
  private final LinkChanges changes;

  private LinkEntity(
      ActorContext<LinkCommand> context,
      LinkId id,
      LinkPolicy policy,
      Clock clock,
      int snapshotEvery,
      LinkChanges changes) {
    super(
        PersistenceId.of(TYPE_KEY.name(), id.entityId()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.id = id;
    this.policy = policy;
    this.clock = clock;
    this.tags = Set.of(tagFor(id));
    this.snapshotEvery = snapshotEvery;
    this.context = context;
    this.changes = changes;
  }

  /** Registers the entity with Cluster Sharding on this node. */
  public static void init(
      ActorSystem<?> system,
      LinkPolicy policy,
      Clock clock,
      LinkEntitySettings settings,
      LinkChanges changes) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                TYPE_KEY,
                entityContext ->
                    create(
                        LinkId.fromEntityId(entityContext.getEntityId()),
                        policy,
                        clock,
                        settings.snapshotEvery(),
                        changes)));
  }

  public static Behavior<LinkCommand> create(
      LinkId id, LinkPolicy policy, Clock clock, int snapshotEvery) {
    return create(id, policy, clock, snapshotEvery, LinkChanges.NONE);
  }

  public static Behavior<LinkCommand> create(
      LinkId id, LinkPolicy policy, Clock clock, int snapshotEvery, LinkChanges changes) {
    return Behaviors.setup(
        context -> new LinkEntity(context, id, policy, clock, snapshotEvery, changes));
  }

  /** Tells {@link LinkChanges} about the event just persisted. */
  private void announce(LinkState ignored) {
    changes.changed(id, lastSequenceNumber(context));
  }

  /** The projection tag of a link, stable across JVMs ({@link String#hashCode} is specified). */
  public static String tagFor(LinkId id) {
    return TAGS.get(Math.floorMod(id.entityId().hashCode(), TAG_COUNT));
  }

  /**
   * Time of a command, at microsecond precision: what PostgreSQL (and ClickHouse) store, so the
   * entity, the read model and every other projection show the same instants.
   */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public LinkState emptyState() {
    return LinkState.empty();
  }

  @Override
  public Set<String> tagsFor(LinkEvent event) {
    return tags;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  @Override
  public EventHandler<LinkState, LinkEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(LinkState::apply);
  }

  @Override
  public CommandHandlerWithReply<LinkCommand, LinkEvent, LinkState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(LinkState.Empty.class)
        .onCommand(Create.class, this::create)
        .onCommand(Resolve.class, command -> reply(command.replyTo(), new Resolution.NotFound()))
        .onCommand(Visit.class, command -> reply(command.replyTo(), new Resolution.NotFound()));
    builder
        .forStateType(LinkState.Active.class)
        .onCommand(Create.class, (state, command) -> createAgain(state, state.link(), command))
        .onCommand(Update.class, (state, command) -> update(state, state.link(), command))
        .onCommand(Disable.class, this::disable)
        .onCommand(
            Enable.class,
            (state, command) ->
                unchanged(state, state.link(), command.requester(), command.replyTo()))
        .onCommand(Delete.class, (state, command) -> delete(state.link(), command))
        .onCommand(
            Get.class,
            (state, command) ->
                unchanged(state, state.link(), command.requester(), command.replyTo()))
        .onCommand(
            Resolve.class, (state, command) -> reply(command.replyTo(), resolution(state.link())))
        .onCommand(Visit.class, this::visit)
        .onCommand(Block.class, (state, command) -> block(state.link(), command))
        .onCommand(Unblock.class, (state, command) -> reply(command.replyTo(), okReply(state)));
    builder
        .forStateType(LinkState.Disabled.class)
        .onCommand(Create.class, (state, command) -> createAgain(state, state.link(), command))
        .onCommand(Update.class, (state, command) -> update(state, state.link(), command))
        .onCommand(
            Disable.class,
            (state, command) ->
                unchanged(state, state.link(), command.requester(), command.replyTo()))
        .onCommand(Enable.class, this::enable)
        .onCommand(Delete.class, (state, command) -> delete(state.link(), command))
        .onCommand(
            Get.class,
            (state, command) ->
                unchanged(state, state.link(), command.requester(), command.replyTo()))
        .onCommand(
            Resolve.class, (state, command) -> reply(command.replyTo(), disabled(state.link())))
        .onCommand(
            Visit.class, (state, command) -> reply(command.replyTo(), disabled(state.link())))
        .onCommand(Block.class, (state, command) -> block(state.link(), command))
        .onCommand(Unblock.class, (state, command) -> reply(command.replyTo(), okReply(state)));
    builder
        .forStateType(LinkState.Blocked.class)
        .onCommand(Create.class, (state, command) -> createAgain(state, state.link(), command))
        .onCommand(
            Update.class,
            (state, command) -> refusedWhileBlocked(state, command.requester(), command.replyTo()))
        .onCommand(
            Disable.class,
            (state, command) -> refusedWhileBlocked(state, command.requester(), command.replyTo()))
        .onCommand(
            Enable.class,
            (state, command) -> refusedWhileBlocked(state, command.requester(), command.replyTo()))
        .onCommand(Delete.class, (state, command) -> delete(state.link(), command))
        .onCommand(
            Get.class,
            (state, command) ->
                unchanged(state, state.link(), command.requester(), command.replyTo()))
        .onCommand(Resolve.class, command -> reply(command.replyTo(), BLOCKED))
        .onCommand(Visit.class, command -> reply(command.replyTo(), BLOCKED))
        .onCommand(Block.class, (state, command) -> reply(command.replyTo(), okReply(state)))
        .onCommand(Unblock.class, this::unblock);
    builder
        .forStateType(LinkState.Deleted.class)
        .onCommand(
            Resolve.class,
            command -> reply(command.replyTo(), new Resolution.Gone(LinkStatus.DELETED)))
        .onCommand(
            Visit.class,
            command -> reply(command.replyTo(), new Resolution.Gone(LinkStatus.DELETED)));
    builder
        .forAnyState()
        .onCommand(Create.class, command -> reply(command.replyTo(), aliasTaken()))
        .onAnyCommand(this::notFound);
    return builder.build();
  }

  private ReplyEffect<LinkEvent, LinkState> create(LinkState.Empty state, Create command) {
    var alias = ShortCodes.checkAlias(id.code());
    if (alias.isPresent()) {
      return reply(command.replyTo(), LinkReply.Rejected.of(alias.get()));
    }
    var now = now();
    return switch (policy.validateNew(command.draft(), now)) {
      case LinkPolicy.Checked.Invalid invalid ->
          reply(command.replyTo(), LinkReply.Rejected.of(invalid.violation()));
      case LinkPolicy.Checked.Valid valid ->
          Effect()
              .persist(
                  new LinkCreated(
                      id.domain(),
                      id.code(),
                      command.owner(),
                      valid.settings(),
                      now,
                      command.requestId()))
              .thenRun(this::announce)
              .thenReply(command.replyTo(), this::okReply);
    };
  }

  /**
   * A create on a live link: the create that made it, sent again by a client that never got its
   * answer (a timeout), is answered with the link as it is now and persists nothing; any other
   * finds the code taken. (A deleted link's tombstone keeps no request id: a create reaching it is
   * refused as taken.)
   */
  private ReplyEffect<LinkEvent, LinkState> createAgain(
      LinkState state, LinkState.Link link, Create command) {
    if (link.madeBy(command)) {
      return reply(command.replyTo(), okReply(state));
    }
    return reply(command.replyTo(), aliasTaken());
  }

  private LinkReply aliasTaken() {
    return new LinkReply.Rejected(
        ErrorCode.ALIAS_TAKEN, "alias '" + id.code() + "' is taken", "alias");
  }

  private ReplyEffect<LinkEvent, LinkState> update(
      LinkState state, LinkState.Link link, Update command) {
    if (!link.owner().equals(command.requester())) {
      return notFound(command);
    }
    var now = now();
    return switch (policy.validatePatch(link.settings(), command.patch(), now)) {
      case LinkPolicy.Checked.Invalid invalid ->
          reply(command.replyTo(), LinkReply.Rejected.of(invalid.violation()));
      case LinkPolicy.Checked.Valid valid when valid.settings().equals(link.settings()) ->
          reply(command.replyTo(), okReply(state));
      case LinkPolicy.Checked.Valid valid ->
          Effect()
              .persist(new LinkUpdated(id.domain(), id.code(), valid.settings(), now))
              .thenRun(this::announce)
              .thenReply(command.replyTo(), this::okReply);
    };
  }

  private ReplyEffect<LinkEvent, LinkState> disable(LinkState.Active state, Disable command) {
    if (!state.link().owner().equals(command.requester())) {
      return notFound(command);
    }
    return Effect()
        .persist(new LinkDisabled(id.domain(), id.code(), now()))
        .thenRun(this::announce)
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<LinkEvent, LinkState> enable(LinkState.Disabled state, Enable command) {
    if (!state.link().owner().equals(command.requester())) {
      return notFound(command);
    }
    return Effect()
        .persist(new LinkEnabled(id.domain(), id.code(), now()))
        .thenRun(this::announce)
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<LinkEvent, LinkState> block(LinkState.Link link, Block command) {
    return Effect()
        .persist(new LinkBlocked(id.domain(), id.code(), command.reason(), command.by(), now()))
        .thenRun(this::announce)
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<LinkEvent, LinkState> unblock(LinkState.Blocked state, Unblock command) {
    return Effect()
        .persist(new LinkUnblocked(id.domain(), id.code(), command.by(), now()))
        .thenRun(this::announce)
        .thenReply(command.replyTo(), this::okReply);
  }

  /** The owner of a blocked link may read and delete it, nothing else; strangers learn nothing. */
  private ReplyEffect<LinkEvent, LinkState> refusedWhileBlocked(
      LinkState.Blocked state, String requester, ActorRef<LinkReply> replyTo) {
    if (!state.link().owner().equals(requester)) {
      return reply(replyTo, notFoundReply());
    }
    return reply(
        replyTo,
        new LinkReply.Rejected(
            ErrorCode.LINK_BLOCKED,
            "link '"
                + id.code()
                + "' was taken down by the platform ("
                + state.reason()
                + "): it can be deleted, not changed or enabled",
            null));
  }

  private ReplyEffect<LinkEvent, LinkState> delete(LinkState.Link link, Delete command) {
    if (!link.owner().equals(command.requester())) {
      return notFound(command);
    }
    var now = now();
    var deletedView = LinkView.of(link.touched(now), LinkStatus.DELETED);
    return Effect()
        .persist(new LinkDeleted(id.domain(), id.code(), now))
        .thenRun(this::announce)
        .thenReply(command.replyTo(), deleted -> new LinkReply.Ok(deletedView));
  }

  /** Idempotent commands (get, enable an active link, disable a disabled one) persist nothing. */
  private ReplyEffect<LinkEvent, LinkState> unchanged(
      LinkState state, LinkState.Link link, String requester, ActorRef<LinkReply> replyTo) {
    if (!link.owner().equals(requester)) {
      return reply(replyTo, notFoundReply());
    }
    return reply(replyTo, okReply(state));
  }

  /** Where a visitor of an active link goes now, counting nothing. */
  private Resolution resolution(LinkState.Link link) {
    var settings = link.settings();
    if (link.expiredAt(now())) {
      return new Resolution.Gone(LinkStatus.EXPIRED, settings.options().expiredUrl());
    }
    if (link.exhausted()) {
      return new Resolution.Gone(LinkStatus.EXHAUSTED, settings.options().expiredUrl());
    }
    return new Resolution.Redirect(
        settings.target(),
        settings.redirectType(),
        settings.expiresAt(),
        settings.forwardQuery(),
        settings.routing(),
        settings.options());
  }

  private static Resolution disabled(LinkState.Link link) {
    return new Resolution.Gone(LinkStatus.DISABLED, link.settings().options().expiredUrl());
  }

  /**
   * A visitor wants through: a link with {@code maxVisits} counts the visit, durably, before the
   * redirect is answered (commands wait while it is persisted, so no two visitors get the last
   * visit). Nothing is announced: caches never hold a counted link's answer as final.
   */
  private ReplyEffect<LinkEvent, LinkState> visit(LinkState.Active state, Visit command) {
    var link = state.link();
    Resolution resolution = resolution(link);
    if (!(resolution instanceof Resolution.Redirect) || !link.settings().options().limited()) {
      return reply(command.replyTo(), resolution);
    }
    return Effect()
        .persist(new LinkVisitCounted(id.domain(), id.code(), link.visits() + 1, now()))
        .thenReply(command.replyTo(), counted -> resolution);
  }

  private ReplyEffect<LinkEvent, LinkState> notFound(LinkCommand command) {
    return switch (command) {
      case Create create -> reply(create.replyTo(), notFoundReply());
      case Update update -> reply(update.replyTo(), notFoundReply());
      case Disable disable -> reply(disable.replyTo(), notFoundReply());
      case Enable enable -> reply(enable.replyTo(), notFoundReply());
      case Delete delete -> reply(delete.replyTo(), notFoundReply());
      case Get get -> reply(get.replyTo(), notFoundReply());
      case Resolve resolve -> reply(resolve.replyTo(), new Resolution.NotFound());
      case Visit visit -> reply(visit.replyTo(), new Resolution.NotFound());
      case Block block -> reply(block.replyTo(), notFoundReply());
      case Unblock unblock -> reply(unblock.replyTo(), notFoundReply());
    };
  }

  /** Disabled wins over expired: it is the owner's explicit choice. */
  private LinkReply okReply(LinkState state) {
    return switch (state) {
      case LinkState.Active active ->
          new LinkReply.Ok(
              LinkView.of(
                  active.link(),
                  active.link().expiredAt(now())
                      ? LinkStatus.EXPIRED
                      : active.link().exhausted() ? LinkStatus.EXHAUSTED : LinkStatus.ACTIVE));
      case LinkState.Disabled disabled ->
          new LinkReply.Ok(LinkView.of(disabled.link(), LinkStatus.DISABLED));
      case LinkState.Blocked blocked ->
          new LinkReply.Ok(LinkView.of(blocked.link(), LinkStatus.BLOCKED));
      case LinkState.Empty ignored -> notFoundReply();
      case LinkState.Deleted ignored -> notFoundReply();
    };
  }

  private LinkReply notFoundReply() {
    return new LinkReply.Rejected(
        ErrorCode.NOT_FOUND, "no link '" + id.code() + "' on " + id.domain(), null);
  }

  private <R> ReplyEffect<LinkEvent, LinkState> reply(ActorRef<R> replyTo, R message) {
    return Effect().reply(replyTo, message);
  }
}
