package dev.smo1.accounts.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.workspace.WorkspaceCommand.AcceptInvitation;
import dev.smo1.accounts.workspace.WorkspaceCommand.Actor;
import dev.smo1.accounts.workspace.WorkspaceCommand.ChangePlan;
import dev.smo1.accounts.workspace.WorkspaceCommand.Create;
import dev.smo1.accounts.workspace.WorkspaceCommand.Delete;
import dev.smo1.accounts.workspace.WorkspaceCommand.GetQuota;
import dev.smo1.accounts.workspace.WorkspaceCommand.Invite;
import dev.smo1.accounts.workspace.WorkspaceCommand.ReleaseLinkSlots;
import dev.smo1.accounts.workspace.WorkspaceCommand.ReserveLinkSlots;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReleased;
import dev.smo1.accounts.workspace.WorkspaceEvent.LinkSlotsReserved;
import dev.smo1.accounts.workspace.WorkspaceEvent.PlanChanged;
import dev.smo1.accounts.workspace.WorkspaceReply.Ok;
import dev.smo1.accounts.workspace.WorkspaceReply.Rejected;
import dev.smo1.testing.MutableClock;
import java.time.Instant;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace entity as the single writer of its plan and its monthly link slots: reservations up
 * to the plan's limit and not one more, the same reservation granted once, releases, the month
 * rolling over, unlimited plans persisting nothing, the member limit, and all of it surviving a
 * restart. Serialization of every command, event, reply and state is verified on every step.
 */
class WorkspaceQuotaTest {
  private static final String ID = "acme";
  private static final UUID OWNER = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final Instant T0 = Instant.parse("2030-01-31T23:00:00Z");
  private static final Instant NEXT_MONTH = Instant.parse("2030-02-01T00:00:00Z");

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));

  private MutableClock clock;
  private EventSourcedBehaviorTestKit<WorkspaceCommand, WorkspaceEvent, WorkspaceState> kit;

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void workspaceOfOneOwner() {
    clock = new MutableClock(T0);
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            WorkspaceEntity.create(ID, clock, TestPlans.BOOK),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    kit.clear();
    assertThat(
            kit.<WorkspaceReply>runCommand(replyTo -> new Create("Acme", OWNER, replyTo)).reply())
        .isInstanceOf(Ok.class);
  }

  @Test
  void aNewWorkspaceIsOnTheFreePlanSinceItsCreation() {
    var quota = quota();
    assertThat(quota.plan()).isEqualTo(WorkspacePlan.free(T0));
    assertThat(quota.limits()).isEqualTo(TestPlans.FREE_LIMITS);
    assertThat(quota.periodStart()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(quota.periodEnd()).isEqualTo(NEXT_MONTH);
    assertThat(quota.linksCreated()).isZero();
    assertThat(quota.members()).isEqualTo(1);
  }

  @Test
  void slotsAreGrantedUpToTheLimitAndTheNextIsRefusedWithoutAnEvent() {
    changePlan(TestPlans.SMALL, null);
    assertThat(reserve("a", 1).reply()).isEqualTo(new QuotaReply.Granted(2L, 3L));
    assertThat(reserve("b", 2).reply()).isEqualTo(new QuotaReply.Granted(0L, 3L));

    var refused = reserve("c", 1);
    assertThat(refused.reply())
        .isEqualTo(new QuotaReply.Refused(new QuotaExceeded(ID, "links", 3, 3, TestPlans.SMALL)));
    assertThat(refused.hasNoEvents()).isTrue();

    var tooMany = reserve("d", 2);
    assertThat(tooMany.hasNoEvents()).isTrue();
    assertThat(quota().linksCreated()).isEqualTo(3);
  }

  @Test
  void aReservationAskedAgainIsGrantedOnceWithoutTakingMore() {
    changePlan(TestPlans.SMALL, null);
    assertThat(reserve("create-1", 1).events())
        .containsExactly(new LinkSlotsReserved(ID, "create-1", 1, T0));

    var again = reserve("create-1", 1);
    assertThat(again.reply()).isEqualTo(new QuotaReply.Granted(2L, 3L));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(quota().linksCreated()).isEqualTo(1);
  }

  @Test
  void aReleasedReservationGivesItsSlotsBackAndAnUnknownOneNothing() {
    changePlan(TestPlans.SMALL, null);
    reserve("a", 2);
    reserve("b", 1);
    assertThat(reserve("c", 1).reply()).isInstanceOf(QuotaReply.Refused.class);

    var released = kit.<QuotaReply>runCommand(replyTo -> new ReleaseLinkSlots("a", replyTo));
    assertThat(released.reply()).isEqualTo(new QuotaReply.Released());
    assertThat(released.events()).containsExactly(new LinkSlotsReleased(ID, "a", T0));
    assertThat(quota().linksCreated()).isEqualTo(1);

    var unknown = kit.<QuotaReply>runCommand(replyTo -> new ReleaseLinkSlots("a", replyTo));
    assertThat(unknown.reply()).isEqualTo(new QuotaReply.Released());
    assertThat(unknown.hasNoEvents()).isTrue();

    assertThat(reserve("c", 2).reply()).isEqualTo(new QuotaReply.Granted(0L, 3L));
  }

  @Test
  void aNewMonthStartsWithEverySlotFreeAndLastMonthsReleasesDoNotCount() {
    changePlan(TestPlans.SMALL, null);
    reserve("january", 3);
    assertThat(reserve("late", 1).reply()).isInstanceOf(QuotaReply.Refused.class);

    clock.set(NEXT_MONTH);
    assertThat(quota().linksCreated()).isZero();
    assertThat(quota().periodStart()).isEqualTo(NEXT_MONTH);
    assertThat(reserve("february", 1).reply()).isEqualTo(new QuotaReply.Granted(2L, 3L));

    var lateRelease =
        kit.<QuotaReply>runCommand(replyTo -> new ReleaseLinkSlots("january", replyTo));
    assertThat(lateRelease.hasNoEvents()).isTrue();
    assertThat(quota().linksCreated()).isEqualTo(1);
  }

  @Test
  void anUnlimitedPlanGrantsEverySlotAndPersistsNothing() {
    changePlan(PlanBook.ENTERPRISE, null);
    for (int i = 0; i < 100; i++) {
      var granted = reserve("create-" + i, 1);
      assertThat(granted.reply()).isEqualTo(QuotaReply.Granted.UNLIMITED);
      assertThat(granted.hasNoEvents()).isTrue();
    }
  }

  @Test
  void customLimitsAreForTheEnterprisePlanOnlyAndApplyAtOnce() {
    var custom = new WorkspaceLimits(1L, null, null, null, null, null, null);
    var refused =
        kit.<WorkspaceReply>runCommand(
            replyTo -> new ChangePlan(TestPlans.SMALL, custom, "admin:x", replyTo));
    assertThat(refused.reply())
        .isEqualTo(
            new Rejected(
                AccountError.INVALID_PLAN, "custom limits are for the enterprise plan only"));
    assertThat(refused.hasNoEvents()).isTrue();

    var unknown =
        kit.<WorkspaceReply>runCommand(replyTo -> new ChangePlan("gold", null, "admin:x", replyTo));
    assertThat(unknown.reply())
        .isEqualTo(new Rejected(AccountError.INVALID_PLAN, "no plan 'gold'"));

    assertThat(changePlan(PlanBook.ENTERPRISE, custom).events())
        .containsExactly(new PlanChanged(ID, PlanBook.ENTERPRISE, custom, "admin:x", T0));
    assertThat(quota().limits()).isEqualTo(custom);
    assertThat(reserve("one", 1).reply()).isEqualTo(new QuotaReply.Granted(0L, 1L));
    assertThat(reserve("two", 1).reply())
        .isEqualTo(
            new QuotaReply.Refused(new QuotaExceeded(ID, "links", 1, 1, PlanBook.ENTERPRISE)));

    assertThat(changePlan(PlanBook.ENTERPRISE, custom).hasNoEvents())
        .as("the same plan again changes nothing")
        .isTrue();
  }

  @Test
  void membersAndPendingInvitationsTogetherStayWithinThePlan() {
    changePlan(TestPlans.SMALL, null);
    for (int i = 0; i < 3; i++) {
      assertThat(invite("guest" + i + "@example.com", "hash-" + i).reply()).isInstanceOf(Ok.class);
    }
    var full = invite("one-more@example.com", "hash-x");
    assertThat(full.reply())
        .isEqualTo(Rejected.of(new QuotaExceeded(ID, "members", 4, 4, TestPlans.SMALL)));
    assertThat(full.hasNoEvents()).isTrue();

    // accepted while the plan allows it; refused once the plan was lowered
    assertThat(accept("hash-0", new UUID(1, 1), "guest0@example.com").reply())
        .isInstanceOf(Ok.class);
    changePlan(PlanBook.FREE, null);
    changePlan(TestPlans.SMALL, null);
    changePlan(PlanBook.ENTERPRISE, new WorkspaceLimits(null, null, null, 2, null, null, null));
    assertThat(accept("hash-1", new UUID(1, 2), "guest1@example.com").reply())
        .isEqualTo(Rejected.of(new QuotaExceeded(ID, "members", 2, 2, PlanBook.ENTERPRISE)));
  }

  @Test
  void planAndSlotsSurviveARestart() {
    changePlan(TestPlans.SMALL, null);
    reserve("a", 2);
    reserve("b", 1);
    kit.<QuotaReply>runCommand(replyTo -> new ReleaseLinkSlots("b", replyTo));

    kit.restart();

    var quota = quota();
    assertThat(quota.plan().plan()).isEqualTo(TestPlans.SMALL);
    assertThat(quota.linksCreated()).isEqualTo(2);
    assertThat(reserve("a", 2).hasNoEvents()).as("reservation a is still known").isTrue();
  }

  @Test
  void theWorkspaceOfAKeyFromBeforeWorkspacesIsNotLimitedUntilAdopted() {
    var legacy =
        EventSourcedBehaviorTestKit.<WorkspaceCommand, WorkspaceEvent, WorkspaceState>create(
            testKit.system(),
            WorkspaceEntity.create("legacy-owner", clock, TestPlans.BOOK),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    legacy.clear();
    var granted = legacy.<QuotaReply>runCommand(replyTo -> new ReserveLinkSlots("a", 1, replyTo));
    assertThat(granted.reply()).isEqualTo(QuotaReply.Granted.UNLIMITED);
    assertThat(granted.hasNoEvents()).isTrue();
    assertThat(legacy.<QuotaReply>runCommand(GetQuota::new).reply())
        .isEqualTo(new QuotaReply.NoWorkspace());
  }

  @Test
  void aDeletedWorkspaceHasNoQuota() {
    kit.<WorkspaceReply>runCommand(replyTo -> new Delete(Actor.user(OWNER), replyTo));
    assertThat(reserve("a", 1).reply()).isEqualTo(new QuotaReply.NoWorkspace());
    assertThat(kit.<QuotaReply>runCommand(GetQuota::new).reply())
        .isEqualTo(new QuotaReply.NoWorkspace());
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, QuotaReply>
      reserve(String reservation, int count) {
    return kit.runCommand(replyTo -> new ReserveLinkSlots(reservation, count, replyTo));
  }

  private QuotaReply.Quota quota() {
    var result = kit.<QuotaReply>runCommand(GetQuota::new);
    assertThat(result.hasNoEvents()).isTrue();
    return (QuotaReply.Quota) result.reply();
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      changePlan(String plan, WorkspaceLimits custom) {
    return kit.runCommand(replyTo -> new ChangePlan(plan, custom, "admin:x", replyTo));
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      invite(String email, String hash) {
    return kit.runCommand(
        replyTo ->
            new Invite(
                email, Role.MEMBER, hash, T0.plusSeconds(86_400), Actor.user(OWNER), replyTo));
  }

  private CommandResultWithReply<WorkspaceCommand, WorkspaceEvent, WorkspaceState, WorkspaceReply>
      accept(String hash, UUID userId, String email) {
    return kit.runCommand(replyTo -> new AcceptInvitation(hash, userId, email, replyTo));
  }
}
