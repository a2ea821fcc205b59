package dev.smo1.accounts.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.workspace.WorkspaceCommand.AcceptInvitation;
import dev.smo1.accounts.workspace.WorkspaceCommand.Actor;
import dev.smo1.accounts.workspace.WorkspaceCommand.Adopt;
import dev.smo1.accounts.workspace.WorkspaceCommand.ChangeRole;
import dev.smo1.accounts.workspace.WorkspaceCommand.Claim;
import dev.smo1.accounts.workspace.WorkspaceCommand.Create;
import dev.smo1.accounts.workspace.WorkspaceCommand.Delete;
import dev.smo1.accounts.workspace.WorkspaceCommand.Get;
import dev.smo1.accounts.workspace.WorkspaceCommand.Invite;
import dev.smo1.accounts.workspace.WorkspaceCommand.RemoveMember;
import dev.smo1.accounts.workspace.WorkspaceCommand.Rename;
import dev.smo1.accounts.workspace.WorkspaceCommand.RoleOf;
import dev.smo1.accounts.workspace.WorkspaceEvent.InvitationAccepted;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberAdded;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberInvited;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRemoved;
import dev.smo1.accounts.workspace.WorkspaceEvent.MemberRoleChanged;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceAdopted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceCreated;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceDeleted;
import dev.smo1.accounts.workspace.WorkspaceEvent.WorkspaceRenamed;
import dev.smo1.accounts.workspace.WorkspaceReply.MemberRole;
import dev.smo1.accounts.workspace.WorkspaceReply.Ok;
import dev.smo1.accounts.workspace.WorkspaceReply.Rejected;
import dev.smo1.accounts.workspace.WorkspaceView.Member;
import dev.smo1.accounts.workspace.WorkspaceView.PendingInvitation;
import dev.smo1.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command in every state of the workspace entity, each rejection with its exact reply, no
 * event and the state unchanged. Serialization of every command, event and state is verified by the
 * kit on every step, with equality after the round trip.
 */
class WorkspaceEntityTest {

  private static final String ID = "acme";
  private static final String PERSISTENCE_ID = "Workspace|acme";
  private static final String NAME = "Acme";
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Instant T1 = T0.plus(STEP);
  private static final Instant T2 = T1.plus(STEP);
  private static final Instant INVITATION_EXPIRY = T0.plus(Duration.ofDays(7));

  private static final UUID OWNER = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-00000000000b");
  private static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-00000000000c");
  private static final UUID NEWCOMER = UUID.fromString("00000000-0000-4000-8000-00000000000d");
  private static final UUID STRANGER = UUID.fromString("00000000-0000-4000-8000-00000000000e");
  private static final String ADMIN_EMAIL = "admin@example.com";
  private static final String MEMBER_EMAIL = "member@example.com";
  private static final String NEWCOMER_EMAIL = "newcomer@example.com";

  private static final Actor BY_OWNER = Actor.user(OWNER);
  private static final Actor BY_ADMIN = Actor.user(ADMIN);
  private static final Actor BY_MEMBER = Actor.user(MEMBER);
  private static final Actor BY_KEY = Actor.key("5b0e8f0c-1d2b-4c55-9a77-0123456789ab");

  private static final Rejected NOT_FOUND =
      new Rejected(AccountError.NOT_FOUND, "no workspace 'acme'");
  private static final Rejected SLUG_TAKEN =
      new Rejected(AccountError.SLUG_TAKEN, "slug 'acme' is taken");
  private static final Rejected INVITATION_GONE =
      new Rejected(AccountError.INVALID_TOKEN, "the invitation is no longer valid");
  private static final Rejected INVALID_INVITATION =
      new Rejected(
          AccountError.INVALID_TOKEN,
          "the invitation is unknown, used, expired or for another email");
  private static final Rejected NAME_LENGTH =
      new Rejected(AccountError.INVALID_NAME, "name must be 1 to 100 characters");
  private static final Rejected NAME_CONTROL =
      new Rejected(AccountError.INVALID_NAME, "name must not contain control characters");
  private static final Rejected LAST_OWNER =
      new Rejected(
          AccountError.LAST_OWNER,
          "a workspace keeps at least one owner: make another member owner first");
  private static final Rejected HAS_MEMBERS =
      new Rejected(AccountError.OWNER_REQUIRED, "the workspace has members already");
  private static final Rejected LIMIT_REACHED =
      new Rejected(
          AccountError.LIMIT_REACHED,
          "a workspace has at most 1000 members and 100 pending invitations");
  private static final Rejected ALREADY_MEMBER =
      new Rejected(AccountError.ALREADY_MEMBER, "you are a member of this workspace");

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));

  private MutableClock clock;
  private EventSourcedBehaviorTestKit<WorkspaceCommand, WorkspaceEvent, WorkspaceState> kit;

  /** A command built around the reply address. */
  interface Command extends Function<ActorRef<WorkspaceReply>, WorkspaceCommand> {}

  /** The phases of a workspace's life, each reached from a fresh entity by {@link #enter}. */
  enum Phase {
    EMPTY("an empty entity"),
    ADOPTED("an adopted workspace without members"),
    ACTIVE("a workspace of an owner, an admin and a member"),
    DELETED("a deleted workspace");

    private final String description;

    Phase(String description) {
      this.description = description;
    }

    /** The state once entered; a command that persists nothing leaves it so. */
    WorkspaceState state() {
      return switch (this) {
        case EMPTY -> new WorkspaceState.Empty();
        case ADOPTED -> new WorkspaceState.Active(ID, ID, T0, Map.of(), Map.of());
        case ACTIVE -> team();
        case DELETED -> new WorkspaceState.Deleted(ID, T0);
      };
    }

    @Override
    public String toString() {
      return description;
    }
  }

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void freshEntity() {
    clock = new MutableClock(T0);
    kit =
        kitFor(
            ID,
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  private EventSourcedBehaviorTestKit<WorkspaceCommand, WorkspaceEvent, WorkspaceState> kitFor(
      String id, EventSourcedBehaviorTestKit.SerializationSettings serialization) {
    EventSourcedBehaviorTestKit<WorkspaceCommand, WorkspaceEvent, WorkspaceState> newKit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), WorkspaceEntity.create(id, clock, TestPlans.BOOK), serialization);
    newKit.clear();
    return newKit;
  }

  /**
   * Brings the fresh entity into {@code phase} at {@link #T0}, sets the clock to {@link #T1}, and
   * returns the state reached.
   */
  private WorkspaceState enter(Phase phase) {
    switch (phase) {
      case EMPTY -> {}
      case ADOPTED -> run(Adopt::new);
      case ACTIVE -> {
        create(NAME, OWNER);
        join(ADMIN, ADMIN_EMAIL, Role.ADMIN);
        join(MEMBER, MEMBER_EMAIL, Role.MEMBER);
      }
      case DELETED -> {
        create(NAME, OWNER);
        run(replyTo -> new Delete(BY_OWNER, replyTo));
      }
    }
    clock.set(T1);
    assertThat(kit.getState()).isEqualTo(phase.state());
    return phase.state();
  }

  /** The state of {@link Phase#ACTIVE}: everyone joined at {@link #T0}, no pending invitation. */
  private static WorkspaceState.Active team() {
    return active(
        NAME,
        List.of(
            new Member(OWNER, Role.OWNER, T0),
            new Member(ADMIN, Role.ADMIN, T0),
            new Member(MEMBER, Role.MEMBER, T0)),
        Map.of());
  }

  // ---------------------------------------------------------------- commands and expectations

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      run(Command command) {
    return kit.runCommand(command);
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      create(String name, UUID owner) {
    return run(replyTo -> new Create(name, owner, replyTo));
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      invite(String email, Role role, String tokenHash, Instant expiresAt, Actor actor) {
    return run(replyTo -> new Invite(email, role, tokenHash, expiresAt, actor, replyTo));
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      accept(String tokenHash, UUID userId, String email) {
    return run(replyTo -> new AcceptInvitation(tokenHash, userId, email, replyTo));
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      changeRole(UUID userId, Role role, Actor actor) {
    return run(replyTo -> new ChangeRole(userId, role, actor, replyTo));
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      remove(UUID userId, Actor actor) {
    return run(replyTo -> new RemoveMember(userId, actor, replyTo));
  }

  private Optional<Role> roleOf(UUID userId) {
    CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, MemberRole> result =
        kit.runCommand(replyTo -> new RoleOf(userId, replyTo));
    assertThat(result.hasNoEvents()).isTrue();
    return result.reply().role();
  }

  /** Invites {@code email} as {@code role} (by the owner) and accepts as {@code userId}. */
  private void join(UUID userId, String email, Role role) {
    String hash = "hash-" + email;
    assertThat(invite(email, role, hash, INVITATION_EXPIRY, BY_OWNER).reply())
        .isInstanceOf(Ok.class);
    assertThat(accept(hash, userId, email).reply()).isInstanceOf(Ok.class);
  }

  private static WorkspaceState.Active active(
      String name, List<Member> members, Map<String, WorkspaceState.Invitation> invitations) {
    var byUser = new LinkedHashMap<UUID, Member>();
    members.forEach(member -> byUser.put(member.userId(), member));
    return new WorkspaceState.Active(ID, name, T0, byUser, invitations);
  }

  private static Ok ok(String name, List<Member> members, List<PendingInvitation> invitations) {
    return new Ok(new WorkspaceView(ID, name, T0, members, invitations));
  }

  private static Ok ok(WorkspaceState.Active state, Instant now) {
    return new Ok(state.view(now));
  }

  private static Rejected ownerRequired(String what) {
    return new Rejected(AccountError.OWNER_REQUIRED, "only an owner may " + what);
  }

  private static Rejected notAMember(UUID userId) {
    return new Rejected(AccountError.NOT_A_MEMBER, "user " + userId + " is not a member");
  }

  private static <R> void assertRejected(
      CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, R> result,
      R expectedReply,
      WorkspaceState expectedState) {
    assertThat(result.reply()).isEqualTo(expectedReply);
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(expectedState);
  }

  private static Named<Command> named(String name, Command command) {
    return Named.of(name, command);
  }

  /** Every command but Create, Adopt, AcceptInvitation and RoleOf, sent by the owner. */
  private static Stream<Named<Command>> commandsOnAWorkspace() {
    return Stream.of(
        named("claim", replyTo -> new Claim(NEWCOMER, replyTo)),
        named("get", Get::new),
        named("rename", replyTo -> new Rename("Renamed", BY_OWNER, replyTo)),
        named(
            "invite",
            replyTo ->
                new Invite(
                    NEWCOMER_EMAIL, Role.MEMBER, "hash-x", INVITATION_EXPIRY, BY_OWNER, replyTo)),
        named("change role", replyTo -> new ChangeRole(OWNER, Role.ADMIN, BY_OWNER, replyTo)),
        named("remove member", replyTo -> new RemoveMember(OWNER, BY_OWNER, replyTo)),
        named("delete", replyTo -> new Delete(BY_OWNER, replyTo)),
        named(
            "change plan",
            replyTo ->
                new WorkspaceCommand.ChangePlan(TestPlans.SMALL, null, "admin:test", replyTo)));
  }

  static Stream<Arguments> invalidNames() {
    return Stream.of(
        Arguments.of(Named.of("null", null), NAME_LENGTH),
        Arguments.of(Named.of("empty", ""), NAME_LENGTH),
        Arguments.of(Named.of("blank", " \t "), NAME_LENGTH),
        Arguments.of(Named.of("101 characters", "n".repeat(101)), NAME_LENGTH),
        Arguments.of(Named.of("a line break", "two\nlines"), NAME_CONTROL),
        Arguments.of(Named.of("a NUL", "nul\u0000"), NAME_CONTROL),
        Arguments.of(Named.of("a trailing line break", "Acme\n"), NAME_CONTROL));
  }

  // ---------------------------------------------------------------- the phases

  @Nested
  class OnEmpty {

    @Test
    void createPersistsWorkspaceCreatedWithTheStrippedNameAndTheCreatorAsOnlyOwner() {
      var result = create("  Acme Inc ", OWNER);

      var owner = new Member(OWNER, Role.OWNER, T0);
      assertThat(result.events()).containsExactly(new WorkspaceCreated(ID, "Acme Inc", OWNER, T0));
      assertThat(result.state()).isEqualTo(active("Acme Inc", List.of(owner), Map.of()));
      assertThat(result.reply()).isEqualTo(ok("Acme Inc", List.of(owner), List.of()));
    }

    @Test
    void createAcceptsANameOfExactly100CharactersAroundSpaces() {
      String name = "n".repeat(100);

      var result = create("  " + name + "  ", OWNER);

      assertThat(result.events()).containsExactly(new WorkspaceCreated(ID, name, OWNER, T0));
    }

    @ParameterizedTest(name = "create with {0} name")
    @MethodSource("dev.smo1.accounts.workspace.WorkspaceEntityTest#invalidNames")
    void createWithAnInvalidNameIsRejectedAndPersistsNothing(String name, Rejected expected) {
      assertRejected(create(name, OWNER), expected, new WorkspaceState.Empty());
    }

    @Test
    void adoptPersistsWorkspaceAdoptedNamedAfterItsIdWithoutMembers() {
      var result = run(Adopt::new);

      assertThat(result.events()).containsExactly(new WorkspaceAdopted(ID, T0));
      assertThat(result.state()).isEqualTo(Phase.ADOPTED.state());
      assertThat(result.reply())
          .isEqualTo(new Ok(new WorkspaceView(ID, ID, T0, List.of(), List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.smo1.accounts.workspace.WorkspaceEntityTest#commandsOnAWorkspace")
    void everyCommandOnAWorkspaceAnswersNotFoundAndPersistsNothing(Command command) {
      assertRejected(run(command), NOT_FOUND, new WorkspaceState.Empty());
    }

    @Test
    void acceptAnswersTheInvitationIsNoLongerValid() {
      assertRejected(
          accept("hash-x", NEWCOMER, NEWCOMER_EMAIL), INVITATION_GONE, new WorkspaceState.Empty());
    }

    @Test
    void roleOfAnswersNoRole() {
      assertThat(roleOf(OWNER)).isEmpty();
    }
  }

  @Nested
  class OnAdopted {
    private WorkspaceState adopted;

    @BeforeEach
    void adopt() {
      adopted = enter(Phase.ADOPTED);
    }

    @Test
    void claimPersistsMemberAddedAsOwner() {
      var result = run(replyTo -> new Claim(OWNER, replyTo));

      var owner = new Member(OWNER, Role.OWNER, T1);
      assertThat(result.events()).containsExactly(new MemberAdded(ID, OWNER, Role.OWNER, T1));
      assertThat(result.state())
          .isEqualTo(new WorkspaceState.Active(ID, ID, T0, Map.of(OWNER, owner), Map.of()));
      assertThat(result.reply())
          .isEqualTo(new Ok(new WorkspaceView(ID, ID, T0, List.of(owner), List.of())));
      assertThat(roleOf(OWNER)).contains(Role.OWNER);
    }

    @Test
    void aSecondClaimIsRefusedOnceTheWorkspaceHasAnOwner() {
      var claimed = run(replyTo -> new Claim(OWNER, replyTo)).state();
      clock.advance(STEP);

      assertRejected(run(replyTo -> new Claim(STRANGER, replyTo)), HAS_MEMBERS, claimed);
      assertRejected(run(replyTo -> new Claim(OWNER, replyTo)), HAS_MEMBERS, claimed);
    }

    @Test
    void adoptAgainRepliesTheWorkspaceAndPersistsNothing() {
      assertRejected(
          run(Adopt::new), new Ok(new WorkspaceView(ID, ID, T0, List.of(), List.of())), adopted);
    }

    @Test
    void roleOfAnyoneIsEmpty() {
      assertThat(roleOf(OWNER)).isEmpty();
    }
  }

  @Nested
  class OnActive {
    private WorkspaceState.Active team;

    @BeforeEach
    void createTeam() {
      team = (WorkspaceState.Active) enter(Phase.ACTIVE);
    }

    @Test
    void getRepliesTheViewWithMembersInTheOrderTheyJoined() {
      assertRejected(
          run(Get::new),
          ok(
              NAME,
              List.of(
                  new Member(OWNER, Role.OWNER, T0),
                  new Member(ADMIN, Role.ADMIN, T0),
                  new Member(MEMBER, Role.MEMBER, T0)),
              List.of()),
          team);
    }

    @Test
    void roleOfAnswersEachMembersRoleAndNothingForAStranger() {
      assertThat(roleOf(OWNER)).contains(Role.OWNER);
      assertThat(roleOf(ADMIN)).contains(Role.ADMIN);
      assertThat(roleOf(MEMBER)).contains(Role.MEMBER);
      assertThat(roleOf(STRANGER)).isEmpty();
    }

    @Test
    void claimOfACreatedWorkspaceIsRefused() {
      assertRejected(run(replyTo -> new Claim(STRANGER, replyTo)), HAS_MEMBERS, team);
    }

    // rename

    @Test
    void renamePersistsWorkspaceRenamedWithTheStrippedName() {
      var result = run(replyTo -> new Rename(" Acme Labs ", BY_ADMIN, replyTo));

      var renamed = active("Acme Labs", List.copyOf(team.members().values()), Map.of());
      assertThat(result.events()).containsExactly(new WorkspaceRenamed(ID, "Acme Labs", T1));
      assertThat(result.state()).isEqualTo(renamed);
      assertThat(result.reply()).isEqualTo(ok(renamed, T1));
    }

    @Test
    void renameToTheSameNameRepliesTheViewAndPersistsNothing() {
      assertRejected(
          run(replyTo -> new Rename("  " + NAME + " ", BY_OWNER, replyTo)), ok(team, T1), team);
    }

    @ParameterizedTest(name = "rename to {0} name")
    @MethodSource("dev.smo1.accounts.workspace.WorkspaceEntityTest#invalidNames")
    void renameToAnInvalidNameIsRejectedAndPersistsNothing(String name, Rejected expected) {
      assertRejected(run(replyTo -> new Rename(name, BY_OWNER, replyTo)), expected, team);
    }

    // invite

    @Test
    void invitePersistsMemberInvitedWithTheEmailLowerCasedAndShowsItPending() {
      var result =
          invite("New.Comer@Example.COM", Role.VIEWER, "hash-1", INVITATION_EXPIRY, BY_ADMIN);

      assertThat(result.events())
          .containsExactly(
              new MemberInvited(
                  ID,
                  "new.comer@example.com",
                  Role.VIEWER,
                  "hash-1",
                  INVITATION_EXPIRY,
                  "user:" + ADMIN,
                  T1));
      var invited =
          active(
              NAME,
              List.copyOf(team.members().values()),
              Map.of(
                  "hash-1",
                  new WorkspaceState.Invitation(
                      "new.comer@example.com", Role.VIEWER, INVITATION_EXPIRY)));
      assertThat(result.state()).isEqualTo(invited);
      assertThat(result.reply())
          .isEqualTo(
              ok(
                  NAME,
                  List.copyOf(team.members().values()),
                  List.of(
                      new PendingInvitation(
                          "new.comer@example.com", Role.VIEWER, INVITATION_EXPIRY))));
    }

    @Test
    void inviteByAnApiKeyNamesTheKeyAsInviter() {
      var result = invite(NEWCOMER_EMAIL, Role.MEMBER, "hash-1", INVITATION_EXPIRY, BY_KEY);

      assertThat(result.events())
          .containsExactly(
              new MemberInvited(
                  ID,
                  NEWCOMER_EMAIL,
                  Role.MEMBER,
                  "hash-1",
                  INVITATION_EXPIRY,
                  "api_key:" + BY_KEY.keyId(),
                  T1));
    }

    @Test
    void inviteOfAnOwnerByAnOwnerIsPersisted() {
      var result = invite(NEWCOMER_EMAIL, Role.OWNER, "hash-1", INVITATION_EXPIRY, BY_OWNER);

      assertThat(result.events())
          .containsExactly(
              new MemberInvited(
                  ID,
                  NEWCOMER_EMAIL,
                  Role.OWNER,
                  "hash-1",
                  INVITATION_EXPIRY,
                  "user:" + OWNER,
                  T1));
    }

    @Test
    void inviteOfAnOwnerByAnAdminOrAKeyIsRejected() {
      assertRejected(
          invite(NEWCOMER_EMAIL, Role.OWNER, "hash-1", INVITATION_EXPIRY, BY_ADMIN),
          ownerRequired("invite an owner"),
          team);
      assertRejected(
          invite(NEWCOMER_EMAIL, Role.OWNER, "hash-1", INVITATION_EXPIRY, BY_KEY),
          ownerRequired("invite an owner"),
          team);
    }

    @Test
    void theHundredAndFirstPendingInvitationIsRejectedUntilOthersExpire() {
      Instant soon = T1.plus(Duration.ofHours(1));
      for (int i = 0; i < WorkspaceEntity.MAX_PENDING_INVITATIONS; i++) {
        assertThat(
                invite("guest" + i + "@example.com", Role.VIEWER, "hash-" + i, soon, BY_OWNER)
                    .events())
            .hasSize(1);
      }
      var full = kit.getState();

      assertRejected(
          invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-new", INVITATION_EXPIRY, BY_OWNER),
          LIMIT_REACHED,
          full);

      clock.set(soon);
      var result = invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-new", INVITATION_EXPIRY, BY_OWNER);

      assertThat(result.events()).hasSize(1);
      assertThat(((WorkspaceState.Active) result.state()).invitations())
          .containsOnlyKeys("hash-new");
    }

    @Test
    void inviteIsRejectedOnceTheWorkspaceHasAThousandMembers() {
      // a workspace of its own, without the serialization check of a growing state at every step
      kit = kitFor("crowd", EventSourcedBehaviorTestKit.disabledSerializationSettings());
      create(NAME, OWNER);
      for (int i = 1; i < WorkspaceEntity.MAX_MEMBERS; i++) {
        String email = "user" + i + "@example.com";
        invite(email, Role.VIEWER, "hash-" + i, INVITATION_EXPIRY, BY_OWNER);
        assertThat(accept("hash-" + i, new UUID(7, i), email).events()).hasSize(1);
      }
      var full = (WorkspaceState.Active) kit.getState();
      assertThat(full.members()).hasSize(WorkspaceEntity.MAX_MEMBERS);

      assertRejected(
          invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-new", INVITATION_EXPIRY, BY_OWNER),
          LIMIT_REACHED,
          full);

      remove(new UUID(7, 999), BY_OWNER);
      assertThat(
              invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-new", INVITATION_EXPIRY, BY_OWNER).events())
          .hasSize(1);
    }

    @Test
    void expiredInvitationsAreHiddenAtOnceAndPrunedWhenTheNextOneIsPersisted() {
      Instant soon = T1.plus(Duration.ofHours(1));
      invite("early@example.com", Role.VIEWER, "hash-early", soon, BY_OWNER);
      invite("late@example.com", Role.MEMBER, "hash-late", INVITATION_EXPIRY, BY_OWNER);

      clock.set(soon);
      var hidden = run(Get::new);
      assertThat(((WorkspaceState.Active) hidden.state()).invitations())
          .containsOnlyKeys("hash-early", "hash-late");
      assertThat(((Ok) hidden.reply()).workspace().invitations())
          .containsExactly(
              new PendingInvitation("late@example.com", Role.MEMBER, INVITATION_EXPIRY));

      var pruned = invite(NEWCOMER_EMAIL, Role.ADMIN, "hash-new", INVITATION_EXPIRY, BY_OWNER);

      assertThat(((WorkspaceState.Active) pruned.state()).invitations())
          .isEqualTo(
              Map.of(
                  "hash-late",
                  new WorkspaceState.Invitation("late@example.com", Role.MEMBER, INVITATION_EXPIRY),
                  "hash-new",
                  new WorkspaceState.Invitation(NEWCOMER_EMAIL, Role.ADMIN, INVITATION_EXPIRY)));
    }

    // accept

    @Test
    void acceptWithTheInvitedEmailInAnyCasePersistsInvitationAcceptedWithTheInvitedRole() {
      invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-1", INVITATION_EXPIRY, BY_OWNER);
      clock.set(T2);

      var result = accept("hash-1", NEWCOMER, "NewComer@EXAMPLE.com");

      var members = new java.util.ArrayList<>(team.members().values());
      members.add(new Member(NEWCOMER, Role.VIEWER, T2));
      var joined = active(NAME, members, Map.of());
      assertThat(result.events())
          .containsExactly(new InvitationAccepted(ID, "hash-1", NEWCOMER, Role.VIEWER, T2));
      assertThat(result.state()).isEqualTo(joined);
      assertThat(result.reply()).isEqualTo(ok(NAME, members, List.of()));
      assertThat(roleOf(NEWCOMER)).contains(Role.VIEWER);
    }

    @Test
    void acceptForAnotherEmailIsRejected() {
      var invited =
          invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-1", INVITATION_EXPIRY, BY_OWNER).state();

      assertRejected(
          accept("hash-1", STRANGER, "stranger@example.com"), INVALID_INVITATION, invited);
    }

    @Test
    void acceptOfAnUnknownTokenIsRejected() {
      assertRejected(accept("hash-unknown", NEWCOMER, NEWCOMER_EMAIL), INVALID_INVITATION, team);
    }

    @Test
    void acceptWorksUntilJustBeforeTheExpiryAndIsRejectedFromThen() {
      Instant expiry = T1.plus(Duration.ofHours(1));
      invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-1", expiry, BY_OWNER);
      invite("other@example.com", Role.VIEWER, "hash-2", expiry, BY_OWNER);

      Instant justBefore = expiry.minusNanos(1_000);
      clock.set(justBefore);
      assertThat(accept("hash-2", STRANGER, "other@example.com").events())
          .containsExactly(new InvitationAccepted(ID, "hash-2", STRANGER, Role.VIEWER, justBefore));
      var joined = kit.getState();

      clock.set(expiry);
      assertRejected(accept("hash-1", NEWCOMER, NEWCOMER_EMAIL), INVALID_INVITATION, joined);
    }

    @Test
    void anAcceptedInvitationCannotBeUsedAgain() {
      invite(NEWCOMER_EMAIL, Role.VIEWER, "hash-1", INVITATION_EXPIRY, BY_OWNER);
      var joined = accept("hash-1", NEWCOMER, NEWCOMER_EMAIL).state();

      assertRejected(accept("hash-1", NEWCOMER, NEWCOMER_EMAIL), INVALID_INVITATION, joined);
      assertRejected(accept("hash-1", STRANGER, NEWCOMER_EMAIL), INVALID_INVITATION, joined);
    }

    @Test
    void acceptByAMemberIsRejectedAndKeepsTheInvitation() {
      var invited = invite(MEMBER_EMAIL, Role.ADMIN, "hash-1", INVITATION_EXPIRY, BY_OWNER).state();

      assertRejected(accept("hash-1", MEMBER, MEMBER_EMAIL), ALREADY_MEMBER, invited);
      assertThat(((WorkspaceState.Active) kit.getState()).invitations()).containsKey("hash-1");
    }

    // change role

    @Test
    void changeRoleByAnAdminPersistsMemberRoleChangedAndKeepsTheJoiningTime() {
      var result = changeRole(MEMBER, Role.VIEWER, BY_ADMIN);

      var changed =
          active(
              NAME,
              List.of(
                  new Member(OWNER, Role.OWNER, T0),
                  new Member(ADMIN, Role.ADMIN, T0),
                  new Member(MEMBER, Role.VIEWER, T0)),
              Map.of());
      assertThat(result.events())
          .containsExactly(new MemberRoleChanged(ID, MEMBER, Role.VIEWER, T1));
      assertThat(result.state()).isEqualTo(changed);
      assertThat(result.reply()).isEqualTo(ok(changed, T1));
    }

    @Test
    void changeToTheRoleAMemberHasRepliesTheViewAndPersistsNothing() {
      assertRejected(changeRole(MEMBER, Role.MEMBER, BY_ADMIN), ok(team, T1), team);
      assertRejected(changeRole(OWNER, Role.OWNER, BY_MEMBER), ok(team, T1), team);
    }

    @Test
    void changeRoleOfANonMemberIsRejected() {
      assertRejected(changeRole(STRANGER, Role.ADMIN, BY_OWNER), notAMember(STRANGER), team);
    }

    @Test
    void onlyAnOwnerGrantsTheOwnerRole() {
      assertRejected(
          changeRole(MEMBER, Role.OWNER, BY_ADMIN),
          ownerRequired("grant or take the owner role"),
          team);
      assertRejected(
          changeRole(MEMBER, Role.OWNER, BY_KEY),
          ownerRequired("grant or take the owner role"),
          team);
      assertRejected(
          changeRole(ADMIN, Role.OWNER, BY_ADMIN),
          ownerRequired("grant or take the owner role"),
          team);

      assertThat(changeRole(ADMIN, Role.OWNER, BY_OWNER).events())
          .containsExactly(new MemberRoleChanged(ID, ADMIN, Role.OWNER, T1));
    }

    @Test
    void onlyAnOwnerTakesTheOwnerRoleAway() {
      changeRole(ADMIN, Role.OWNER, BY_OWNER);
      var twoOwnersAndAnAdmin = changeRole(MEMBER, Role.ADMIN, BY_OWNER).state();

      assertRejected(
          changeRole(OWNER, Role.ADMIN, BY_MEMBER),
          ownerRequired("grant or take the owner role"),
          twoOwnersAndAnAdmin);
      assertRejected(
          changeRole(OWNER, Role.MEMBER, BY_KEY),
          ownerRequired("grant or take the owner role"),
          twoOwnersAndAnAdmin);

      assertThat(changeRole(OWNER, Role.ADMIN, Actor.user(ADMIN)).events())
          .containsExactly(new MemberRoleChanged(ID, OWNER, Role.ADMIN, T1));
    }

    @Test
    void theLastOwnerCannotStepDown() {
      for (Role role : List.of(Role.ADMIN, Role.MEMBER, Role.VIEWER, Role.BILLING)) {
        assertRejected(changeRole(OWNER, role, BY_OWNER), LAST_OWNER, team);
      }
    }

    @Test
    void anOwnerMayStepDownWhileAnotherOwnerRemains() {
      changeRole(ADMIN, Role.OWNER, BY_OWNER);

      var result = changeRole(OWNER, Role.MEMBER, BY_OWNER);

      assertThat(result.events())
          .containsExactly(new MemberRoleChanged(ID, OWNER, Role.MEMBER, T1));
      assertRejected(changeRole(ADMIN, Role.MEMBER, Actor.user(ADMIN)), LAST_OWNER, result.state());
    }

    // remove member

    @Test
    void aMemberMayLeave() {
      var result = remove(MEMBER, BY_MEMBER);

      var left =
          active(
              NAME,
              List.of(new Member(OWNER, Role.OWNER, T0), new Member(ADMIN, Role.ADMIN, T0)),
              Map.of());
      assertThat(result.events()).containsExactly(new MemberRemoved(ID, MEMBER, T1));
      assertThat(result.state()).isEqualTo(left);
      assertThat(result.reply()).isEqualTo(ok(left, T1));
      assertThat(roleOf(MEMBER)).isEmpty();
    }

    @Test
    void anAdminMayRemoveAMemberOrAnAdmin() {
      assertThat(remove(MEMBER, BY_ADMIN).events())
          .containsExactly(new MemberRemoved(ID, MEMBER, T1));
      assertThat(remove(ADMIN, BY_KEY).events()).containsExactly(new MemberRemoved(ID, ADMIN, T1));
      assertThat(kit.getState())
          .isEqualTo(active(NAME, List.of(new Member(OWNER, Role.OWNER, T0)), Map.of()));
    }

    @Test
    void onlyAnOwnerRemovesAnOwner() {
      var twoOwners = changeRole(ADMIN, Role.OWNER, BY_OWNER).state();

      assertRejected(remove(OWNER, BY_MEMBER), ownerRequired("remove an owner"), twoOwners);
      assertRejected(remove(OWNER, BY_KEY), ownerRequired("remove an owner"), twoOwners);

      assertThat(remove(OWNER, Actor.user(ADMIN)).events())
          .containsExactly(new MemberRemoved(ID, OWNER, T1));
    }

    @Test
    void anOwnerMayLeaveWhileAnotherOwnerRemains() {
      changeRole(ADMIN, Role.OWNER, BY_OWNER);

      assertThat(remove(OWNER, BY_OWNER).events())
          .containsExactly(new MemberRemoved(ID, OWNER, T1));
      assertThat(roleOf(ADMIN)).contains(Role.OWNER);
    }

    @Test
    void theLastOwnerCannotLeaveNorBeRemoved() {
      assertRejected(remove(OWNER, BY_OWNER), LAST_OWNER, team);
      assertRejected(remove(OWNER, BY_ADMIN), ownerRequired("remove an owner"), team);
    }

    @Test
    void removeOfANonMemberIsRejected() {
      assertRejected(remove(STRANGER, BY_OWNER), notAMember(STRANGER), team);
      assertRejected(remove(STRANGER, Actor.user(STRANGER)), notAMember(STRANGER), team);
    }

    // delete

    @Test
    void deleteByAnOwnerPersistsWorkspaceDeletedAndRepliesTheLastView() {
      var result = run(replyTo -> new Delete(BY_OWNER, replyTo));

      assertThat(result.events()).containsExactly(new WorkspaceDeleted(ID, T1));
      assertThat(result.state()).isEqualTo(new WorkspaceState.Deleted(ID, T1));
      assertThat(result.reply()).isEqualTo(ok(team, T1));
    }

    @Test
    void deleteByAnAdminOrAKeyIsRejected() {
      assertRejected(
          run(replyTo -> new Delete(BY_ADMIN, replyTo)),
          ownerRequired("delete the workspace"),
          team);
      assertRejected(
          run(replyTo -> new Delete(BY_KEY, replyTo)), ownerRequired("delete the workspace"), team);
      assertRejected(
          run(replyTo -> new Delete(Actor.user(STRANGER), replyTo)),
          ownerRequired("delete the workspace"),
          team);
    }
  }

  @Nested
  class OnDeleted {
    private WorkspaceState deleted;

    @BeforeEach
    void createAndDelete() {
      deleted = enter(Phase.DELETED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.smo1.accounts.workspace.WorkspaceEntityTest#commandsOnAWorkspace")
    void everyCommandOnAWorkspaceAnswersNotFoundAndPersistsNothing(Command command) {
      assertRejected(run(command), NOT_FOUND, deleted);
    }

    @Test
    void adoptAnswersNotFound() {
      assertRejected(run(Adopt::new), NOT_FOUND, deleted);
    }

    @Test
    void acceptOfAnInvitationFromBeforeTheDeletionAnswersItIsNoLongerValid() {
      assertRejected(accept("hash-" + ADMIN_EMAIL, ADMIN, ADMIN_EMAIL), INVITATION_GONE, deleted);
    }

    @Test
    void roleOfTheFormerOwnerIsEmpty() {
      assertThat(roleOf(OWNER)).isEmpty();
    }
  }

  @Nested
  class AcrossPhases {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(
        value = Phase.class,
        names = {"ADOPTED", "ACTIVE", "DELETED"})
    void createOnATakenSlugIsRejectedAndPersistsNothing(Phase phase) {
      var state = enter(phase);

      assertRejected(create("Other", STRANGER), SLUG_TAKEN, state);
      assertRejected(create(NAME, OWNER), SLUG_TAKEN, state);
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(
        value = Phase.class,
        names = {"ADOPTED", "ACTIVE"})
    void adoptOfALiveWorkspaceRepliesItsViewAndPersistsNothing(Phase phase) {
      var state = (WorkspaceState.Active) enter(phase);

      assertRejected(run(Adopt::new), ok(state, T1), state);
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(
        value = Phase.class,
        names = {"ADOPTED", "ACTIVE"})
    void getRepliesTheViewAndPersistsNothing(Phase phase) {
      var state = (WorkspaceState.Active) enter(phase);

      assertRejected(run(Get::new), ok(state, T1), state);
    }
  }

  @Nested
  class Recovery {

    @Test
    void restartReplaysEveryKindOfEventToTheSameState() {
      enter(Phase.ACTIVE);
      run(replyTo -> new Rename("Acme Labs", BY_OWNER, replyTo));
      invite(NEWCOMER_EMAIL, Role.BILLING, "hash-1", INVITATION_EXPIRY, BY_ADMIN);
      invite("pending@example.com", Role.VIEWER, "hash-2", INVITATION_EXPIRY, BY_KEY);
      accept("hash-1", NEWCOMER, NEWCOMER_EMAIL);
      changeRole(ADMIN, Role.OWNER, BY_OWNER);
      var before = remove(MEMBER, BY_ADMIN).state();

      assertThat(kit.snapshotTestKit().orElseThrow().persistedInStorage(PERSISTENCE_ID)).isEmpty();
      var restarted = kit.restart().state();

      assertThat(restarted).isEqualTo(before);
      assertThat(((WorkspaceState.Active) restarted).invitations()).containsOnlyKeys("hash-2");
      assertThat(roleOf(ADMIN)).contains(Role.OWNER);
    }

    @Test
    void restartAfterASnapshotAndLaterEventsRecoversTheSameState() {
      create(NAME, OWNER);
      for (int i = 1; i <= 101; i++) {
        String name = "Acme " + i;
        assertThat(run(replyTo -> new Rename(name, BY_OWNER, replyTo)).events()).hasSize(1);
      }
      var before = kit.getState();

      var snapshots = kit.snapshotTestKit().orElseThrow().persistedInStorage(PERSISTENCE_ID);
      assertThat(snapshots).isNotEmpty();
      assertThat(snapshots.getLast().first().sequenceNr()).isEqualTo(100);
      assertThat(snapshots.getLast().second())
          .isEqualTo(active("Acme 99", List.of(new Member(OWNER, Role.OWNER, T0)), Map.of()));

      assertThat(kit.restart().state()).isEqualTo(before);
      assertThat(before)
          .isEqualTo(active("Acme 101", List.of(new Member(OWNER, Role.OWNER, T0)), Map.of()));
    }

    @Test
    void restartOfADeletedWorkspaceKeepsItsSlugTaken() {
      var deleted = enter(Phase.DELETED);

      assertThat(kit.restart().state()).isEqualTo(deleted);
      assertRejected(create(NAME, OWNER), SLUG_TAKEN, deleted);
    }

    @Test
    void everyEventIsTaggedForTheWorkspaceProjection() throws Exception {
      enter(Phase.ADOPTED);
      run(replyTo -> new Claim(OWNER, replyTo));
      run(replyTo -> new Delete(BY_OWNER, replyTo));

      var journal =
          PersistenceQuery.get(Adapter.toClassic(testKit.system()))
              .getReadJournalFor(
                  PersistenceTestKitReadJournal.class, PersistenceTestKitReadJournal.Identifier());
      List<EventEnvelope> tagged =
          journal
              .currentEventsByTag(WorkspaceEntity.TAG, Offset.noOffset())
              .runWith(Sink.seq(), testKit.system())
              .toCompletableFuture()
              .get(3, TimeUnit.SECONDS);

      assertThat(WorkspaceEntity.TAG).isEqualTo("workspace");
      assertThat(tagged)
          .filteredOn(envelope -> envelope.persistenceId().equals(PERSISTENCE_ID))
          .extracting(EventEnvelope::event)
          .containsExactly(
              new WorkspaceAdopted(ID, T0),
              new MemberAdded(ID, OWNER, Role.OWNER, T1),
              new WorkspaceDeleted(ID, T1));
    }
  }
}
