package dev.smo1.accounts.workspace;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.workspace.WorkspaceCommand.AcceptInvitation;
import dev.smo1.accounts.workspace.WorkspaceCommand.Adopt;
import dev.smo1.accounts.workspace.WorkspaceCommand.ChangePlan;
import dev.smo1.accounts.workspace.WorkspaceCommand.ChangeRole;
import dev.smo1.accounts.workspace.WorkspaceCommand.Claim;
import dev.smo1.accounts.workspace.WorkspaceCommand.Create;
import dev.smo1.accounts.workspace.WorkspaceCommand.Delete;
import dev.smo1.accounts.workspace.WorkspaceCommand.Get;
import dev.smo1.accounts.workspace.WorkspaceCommand.GetQuota;
import dev.smo1.accounts.workspace.WorkspaceCommand.Invite;
import dev.smo1.accounts.workspace.WorkspaceCommand.ReleaseLinkSlots;
import dev.smo1.accounts.workspace.WorkspaceCommand.RemoveMember;
import dev.smo1.accounts.workspace.WorkspaceCommand.Rename;
import dev.smo1.accounts.workspace.WorkspaceCommand.ReserveLinkSlots;
import dev.smo1.accounts.workspace.WorkspaceCommand.RoleOf;
import dev.smo1.accounts.workspace.WorkspaceEvent.InvitationAccepted;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReleased;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReserved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberAdded;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberInvited;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRemoved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRoleChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.PlanChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceAdopted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceCreated;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceDeleted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceRenamed;
import dev.smo1.accounts.workspace.WorkspaceReply.MemberRole;
import dev.smo1.accounts.workspace.WorkspaceReply.Ok;
import dev.smo1.accounts.workspace.WorkspaceReply.Rejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
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
 * One workspace: the single writer of its members, roles and invitations, so "at least one owner"
 * holds across the cluster without a lock. Its id is its slug, unique by construction (a second
 * create of the same slug is refused, also after deletion). Every command gets a reply in every
 * state.
 */
public final class WorkspaceEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        WorkspaceCommand, WorkspaceEvent, WorkspaceState> {

  public static final EntityTypeKey<WorkspaceCommand> TYPE_KEY =
      EntityTypeKey.create(WorkspaceCommand.class, "Workspace");

  /**
   * The one projection tag of workspace events. One-way decision, as for links: the workspace
   * projection keeps its offset per tag. Workspaces change rarely: one instance is plenty.
   */
  public static final String TAG = "workspace";

  static final int MAX_MEMBERS = 1_000;
  static final int MAX_PENDING_INVITATIONS = 100;
  public static final int MAX_NAME_LENGTH = 100;

  private final String id;
  private final Clock clock;
  private final PlanBook plans;

  private WorkspaceEntity(String id, Clock clock, PlanBook plans) {
    super(
        PersistenceId.of(TYPE_KEY.name(), id),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.id = id;
    this.clock = clock;
    this.plans = plans;
  }

  public static void init(ActorSystem<?> system, Clock clock, PlanBook plans) {
    ClusterSharding.get(system)
        .init(Entity.of(TYPE_KEY, context -> create(context.getEntityId(), clock, plans)));
  }

  public static Behavior<WorkspaceCommand> create(String id, Clock clock, PlanBook plans) {
    return Behaviors.setup(context -> new WorkspaceEntity(id, clock, plans));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public WorkspaceState emptyState() {
    return new WorkspaceState.Empty();
  }

  @Override
  public Set<String> tagsFor(WorkspaceEvent event) {
    return Set.of(TAG);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<WorkspaceState, WorkspaceEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(WorkspaceState::apply);
  }

  @Override
  public CommandHandlerWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState>
      commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(WorkspaceState.Empty.class)
        .onCommand(Create.class, this::create)
        // the workspace of an API key from before workspaces, until it is adopted (at the next
        // start): its creates are not limited, as they were not before plans
        .onCommand(
            ReserveLinkSlots.class,
            command -> Effect().reply(command.replyTo(), QuotaReply.Granted.UNLIMITED))
        .onCommand(
            ReleaseLinkSlots.class,
            command -> Effect().reply(command.replyTo(), new QuotaReply.Released()))
        .onCommand(
            Adopt.class,
            command ->
                Effect()
                    .persist(new WorkspaceAdopted(id, now()))
                    .thenReply(command.replyTo(), this::okReply));
    builder
        .forStateType(WorkspaceState.Active.class)
        .onCommand(Adopt.class, (state, command) -> Effect().reply(command.replyTo(), ok(state)))
        .onCommand(Claim.class, this::claim)
        .onCommand(Get.class, (state, command) -> Effect().reply(command.replyTo(), ok(state)))
        .onCommand(
            RoleOf.class,
            (state, command) ->
                Effect()
                    .reply(
                        command.replyTo(),
                        new MemberRole(
                            Optional.ofNullable(state.members().get(command.userId()))
                                .map(WorkspaceView.Member::role))))
        .onCommand(Rename.class, this::rename)
        .onCommand(Invite.class, this::invite)
        .onCommand(AcceptInvitation.class, this::accept)
        .onCommand(ChangeRole.class, this::changeRole)
        .onCommand(RemoveMember.class, this::removeMember)
        .onCommand(Delete.class, this::delete)
        .onCommand(ChangePlan.class, this::changePlan)
        .onCommand(ReserveLinkSlots.class, this::reserveLinkSlots)
        .onCommand(ReleaseLinkSlots.class, this::releaseLinkSlots)
        .onCommand(
            GetQuota.class, (state, command) -> Effect().reply(command.replyTo(), quota(state)));
    builder
        .forAnyState()
        .onCommand(
            Create.class,
            command ->
                Effect()
                    .reply(
                        command.replyTo(),
                        new Rejected(AccountError.SLUG_TAKEN, "slug '" + id + "' is taken")))
        .onCommand(
            RoleOf.class,
            command -> Effect().reply(command.replyTo(), new MemberRole(Optional.empty())))
        .onAnyCommand(this::notFound);
    return builder.build();
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> create(
      WorkspaceState.Empty state, Create command) {
    var name = checkName(command.name());
    if (name.isPresent()) {
      return Effect().reply(command.replyTo(), name.get());
    }
    return Effect()
        .persist(new WorkspaceCreated(id, command.name().strip(), command.owner(), now()))
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> claim(
      WorkspaceState.Active state, Claim command) {
    if (!state.members().isEmpty()) {
      return Effect()
          .reply(
              command.replyTo(),
              new Rejected(AccountError.OWNER_REQUIRED, "the workspace has members already"));
    }
    return Effect()
        .persist(new MemberAdded(id, command.userId(), Role.OWNER, now()))
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> rename(
      WorkspaceState.Active state, Rename command) {
    var invalid = checkName(command.name());
    if (invalid.isPresent()) {
      return Effect().reply(command.replyTo(), invalid.get());
    }
    String name = command.name().strip();
    if (name.equals(state.name())) {
      return Effect().reply(command.replyTo(), ok(state));
    }
    return Effect()
        .persist(new WorkspaceRenamed(id, name, now()))
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> invite(
      WorkspaceState.Active state, Invite command) {
    if (command.role() == Role.OWNER && !state.isOwner(command.actor().userId())) {
      return Effect().reply(command.replyTo(), ownerRequired("invite an owner"));
    }
    var now = now();
    long pending =
        state.invitations().values().stream()
            .filter(invitation -> invitation.expiresAt().isAfter(now))
            .count();
    if (pending >= MAX_PENDING_INVITATIONS || state.members().size() >= MAX_MEMBERS) {
      return Effect()
          .reply(
              command.replyTo(),
              new Rejected(
                  AccountError.LIMIT_REACHED,
                  "a workspace has at most "
                      + MAX_MEMBERS
                      + " members and "
                      + MAX_PENDING_INVITATIONS
                      + " pending invitations"));
    }
    var limits = state.plan().limits(plans);
    long seats = state.members().size() + pending;
    if (!WorkspaceLimits.allows(limits.members(), seats, 1)) {
      return Effect()
          .reply(
              command.replyTo(),
              Rejected.of(
                  new QuotaExceeded(id, "members", limits.members(), seats, state.plan().plan())));
    }
    return Effect()
        .persist(
            new MemberInvited(
                id,
                command.email().toLowerCase(Locale.ROOT),
                command.role(),
                command.tokenHash(),
                command.expiresAt(),
                command.actor().describe(),
                now))
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> accept(
      WorkspaceState.Active state, AcceptInvitation command) {
    var invitation = state.invitations().get(command.tokenHash());
    var now = now();
    if (invitation == null
        || !invitation.expiresAt().isAfter(now)
        || !invitation.email().equalsIgnoreCase(command.email())) {
      return Effect()
          .reply(
              command.replyTo(),
              new Rejected(
                  AccountError.INVALID_TOKEN,
                  "the invitation is unknown, used, expired or for another email"));
    }
    if (state.members().containsKey(command.userId())) {
      return Effect()
          .reply(
              command.replyTo(),
              new Rejected(AccountError.ALREADY_MEMBER, "you are a member of this workspace"));
    }
    var limits = state.plan().limits(plans);
    if (!WorkspaceLimits.allows(limits.members(), state.members().size(), 1)) {
      // the plan was lowered since the invitation: the seats it had are gone
      return Effect()
          .reply(
              command.replyTo(),
              Rejected.of(
                  new QuotaExceeded(
                      id,
                      "members",
                      limits.members(),
                      state.members().size(),
                      state.plan().plan())));
    }
    return Effect()
        .persist(
            new InvitationAccepted(
                id, command.tokenHash(), command.userId(), invitation.role(), now))
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> changeRole(
      WorkspaceState.Active state, ChangeRole command) {
    var member = state.members().get(command.userId());
    if (member == null) {
      return Effect().reply(command.replyTo(), notAMember(command.userId()));
    }
    if (member.role() == command.role()) {
      return Effect().reply(command.replyTo(), ok(state));
    }
    if ((member.role() == Role.OWNER || command.role() == Role.OWNER)
        && !state.isOwner(command.actor().userId())) {
      return Effect().reply(command.replyTo(), ownerRequired("grant or take the owner role"));
    }
    if (member.role() == Role.OWNER && state.owners() == 1) {
      return Effect().reply(command.replyTo(), lastOwner());
    }
    return Effect()
        .persist(new MemberRoleChanged(id, command.userId(), command.role(), now()))
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> removeMember(
      WorkspaceState.Active state, RemoveMember command) {
    var member = state.members().get(command.userId());
    if (member == null) {
      return Effect().reply(command.replyTo(), notAMember(command.userId()));
    }
    boolean leaving = command.userId().equals(command.actor().userId());
    if (member.role() == Role.OWNER && !leaving && !state.isOwner(command.actor().userId())) {
      return Effect().reply(command.replyTo(), ownerRequired("remove an owner"));
    }
    if (member.role() == Role.OWNER && state.owners() == 1) {
      return Effect().reply(command.replyTo(), lastOwner());
    }
    return Effect()
        .persist(new MemberRemoved(id, command.userId(), now()))
        .thenReply(command.replyTo(), this::okReply);
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> delete(
      WorkspaceState.Active state, Delete command) {
    if (!state.isOwner(command.actor().userId())) {
      return Effect().reply(command.replyTo(), ownerRequired("delete the workspace"));
    }
    var deleted = state.view(now());
    return Effect()
        .persist(new WorkspaceDeleted(id, now()))
        .thenReply(command.replyTo(), ignored -> new Ok(deleted));
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> changePlan(
      WorkspaceState.Active state, ChangePlan command) {
    if (plans.limitsOf(command.plan()).isEmpty()) {
      return Effect()
          .reply(
              command.replyTo(),
              new Rejected(AccountError.INVALID_PLAN, "no plan '" + command.plan() + "'"));
    }
    if (command.customLimits() != null && !command.plan().equals(PlanBook.ENTERPRISE)) {
      return Effect()
          .reply(
              command.replyTo(),
              new Rejected(
                  AccountError.INVALID_PLAN, "custom limits are for the enterprise plan only"));
    }
    var current = state.plan();
    if (current.plan().equals(command.plan())
        && java.util.Objects.equals(current.customLimits(), command.customLimits())) {
      return Effect().reply(command.replyTo(), ok(state));
    }
    return Effect()
        .persist(new PlanChanged(id, command.plan(), command.customLimits(), command.by(), now()))
        .thenReply(command.replyTo(), this::okReply);
  }

  /**
   * Takes link slots of this month, or refuses at the limit. Unlimited plans take none and persist
   * nothing: their creates cost the workspace no write.
   */
  private ReplyEffect<WorkspaceEvent, WorkspaceState> reserveLinkSlots(
      WorkspaceState.Active state, ReserveLinkSlots command) {
    if (command.count() < 1) {
      throw new IllegalArgumentException("reserve at least one slot, not " + command.count());
    }
    var limit = state.plan().limits(plans).linksPerMonth();
    if (limit == null) {
      return Effect().reply(command.replyTo(), QuotaReply.Granted.UNLIMITED);
    }
    var now = now();
    var period = LinkQuota.periodOf(now);
    long used = state.links().usedIn(period);
    if (state.links().holds(command.reservation(), period)) {
      return Effect()
          .reply(command.replyTo(), new QuotaReply.Granted(Math.max(0, limit - used), limit));
    }
    if (!WorkspaceLimits.allows(limit, used, command.count())) {
      return Effect()
          .reply(
              command.replyTo(),
              new QuotaReply.Refused(
                  new QuotaExceeded(id, "links", limit, used, state.plan().plan())));
    }
    return Effect()
        .persist(new LinkSlotsReserved(id, command.reservation(), command.count(), now))
        .thenReply(
            command.replyTo(),
            ignored -> new QuotaReply.Granted(limit - used - command.count(), limit));
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> releaseLinkSlots(
      WorkspaceState.Active state, ReleaseLinkSlots command) {
    var now = now();
    if (!state.links().holds(command.reservation(), LinkQuota.periodOf(now))) {
      return Effect().reply(command.replyTo(), new QuotaReply.Released());
    }
    return Effect()
        .persist(new LinkSlotsReleased(id, command.reservation(), now))
        .thenReply(command.replyTo(), ignored -> new QuotaReply.Released());
  }

  private QuotaReply quota(WorkspaceState.Active state) {
    var now = now();
    var period = LinkQuota.periodOf(now);
    return new QuotaReply.Quota(
        state.plan(),
        state.plan().limits(plans),
        LinkQuota.start(period),
        LinkQuota.end(period),
        state.links().usedIn(period),
        state.members().size(),
        state.pendingInvitations(now));
  }

  private ReplyEffect<WorkspaceEvent, WorkspaceState> notFound(WorkspaceCommand command) {
    var reply = new Rejected(AccountError.NOT_FOUND, "no workspace '" + id + "'");
    return switch (command) {
      case Create create -> Effect().reply(create.replyTo(), reply);
      case Adopt adopt -> Effect().reply(adopt.replyTo(), reply);
      case Claim claim -> Effect().reply(claim.replyTo(), reply);
      case Get get -> Effect().reply(get.replyTo(), reply);
      case RoleOf roleOf -> Effect().reply(roleOf.replyTo(), new MemberRole(Optional.empty()));
      case Rename rename -> Effect().reply(rename.replyTo(), reply);
      case Invite invite -> Effect().reply(invite.replyTo(), reply);
      case AcceptInvitation accept ->
          Effect()
              .reply(
                  accept.replyTo(),
                  new Rejected(AccountError.INVALID_TOKEN, "the invitation is no longer valid"));
      case ChangeRole change -> Effect().reply(change.replyTo(), reply);
      case RemoveMember remove -> Effect().reply(remove.replyTo(), reply);
      case Delete delete -> Effect().reply(delete.replyTo(), reply);
      case ChangePlan change -> Effect().reply(change.replyTo(), reply);
      case ReserveLinkSlots reserve ->
          Effect().reply(reserve.replyTo(), new QuotaReply.NoWorkspace());
      case ReleaseLinkSlots release ->
          Effect().reply(release.replyTo(), new QuotaReply.NoWorkspace());
      case GetQuota get -> Effect().reply(get.replyTo(), new QuotaReply.NoWorkspace());
    };
  }

  static Optional<Rejected> checkName(String name) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
      return Optional.of(
          new Rejected(
              AccountError.INVALID_NAME, "name must be 1 to " + MAX_NAME_LENGTH + " characters"));
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return Optional.of(
          new Rejected(AccountError.INVALID_NAME, "name must not contain control characters"));
    }
    return Optional.empty();
  }

  private Ok okReply(WorkspaceState state) {
    return ok(state);
  }

  private Ok ok(WorkspaceState state) {
    if (state instanceof WorkspaceState.Active active) {
      return new Ok(active.view(now()));
    }
    throw new IllegalStateException("no view of " + state);
  }

  private static Rejected ownerRequired(String what) {
    return new Rejected(AccountError.OWNER_REQUIRED, "only an owner may " + what);
  }

  private static Rejected lastOwner() {
    return new Rejected(
        AccountError.LAST_OWNER,
        "a workspace keeps at least one owner: make another member owner first");
  }

  private static Rejected notAMember(java.util.UUID userId) {
    return new Rejected(AccountError.NOT_A_MEMBER, "user " + userId + " is not a member");
  }
}
