package dev.smo1.accounts.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.apikey.KeyRevoked;
import dev.smo1.accounts.workspace.WorkspaceCommand.Actor;
import dev.smo1.accounts.workspace.WorkspaceView.Member;
import dev.smo1.accounts.workspace.WorkspaceView.PendingInvitation;
import dev.smo1.serialization.CborSerializable;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every workspace command, event, reply and state (as snapshots store it) and the key revocation
 * notice survive the serializer the actor system picks for them, and that serializer is Jackson
 * CBOR. A new message type of the accounts module without a sample here fails {@link
 * #everyPermittedSubtypeHasASample} and {@link #everyCborSerializableTypeOfTheModuleHasASample}.
 */
class WorkspaceSerializationTest {

  /** Pekko's fixed identifier of {@code jackson-cbor}; the journal stores it with every event. */
  private static final int JACKSON_CBOR_ID = 33;

  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final Serialization serialization =
      SerializationExtension.get(Adapter.toClassic(testKit.system()));

  private static final ActorRef<WorkspaceReply> replyTo =
      testKit.<WorkspaceReply>createTestProbe().getRef();
  private static final ActorRef<WorkspaceReply.MemberRole> roleReplyTo =
      testKit.<WorkspaceReply.MemberRole>createTestProbe().getRef();

  private static final ActorRef<QuotaReply> quotaReplyTo =
      testKit.<QuotaReply>createTestProbe().getRef();
  private static final WorkspaceLimits CUSTOM =
      new WorkspaceLimits(100_000L, null, 20, 200, null, 6_000, 1_095);
  private static final QuotaExceeded EXCEEDED = new QuotaExceeded("acme", "links", 50, 50, "free");

  private static final Instant CREATED = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant LATER = Instant.parse("2030-01-02T03:04:05.123456Z");
  private static final Instant EXPIRES = Instant.parse("2030-01-08T00:00:00Z");
  private static final UUID OWNER = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  private static final UUID MEMBER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final String HASH =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final Actor BY_USER = Actor.user(OWNER);
  private static final Actor BY_KEY = Actor.key("0f8fad5b-d9cb-469f-a165-70867728950e");

  private static final WorkspaceView FULL_VIEW =
      new WorkspaceView(
          "acme",
          "Acme — «Bücher»",
          CREATED,
          List.of(new Member(OWNER, Role.OWNER, CREATED), new Member(MEMBER, Role.BILLING, LATER)),
          List.of(new PendingInvitation("new@example.com", Role.VIEWER, EXPIRES)));
  private static final WorkspaceView EMPTY_VIEW =
      new WorkspaceView("legacy-owner", "legacy-owner", CREATED, List.of(), List.of());

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  static List<Object> samples() {
    var samples = new ArrayList<Object>();
    // commands, each with a real actor reference
    samples.add(new WorkspaceCommand.Create("Acme", OWNER, replyTo));
    samples.add(new WorkspaceCommand.Adopt(replyTo));
    samples.add(new WorkspaceCommand.Claim(OWNER, replyTo));
    samples.add(new WorkspaceCommand.Get(replyTo));
    samples.add(new WorkspaceCommand.RoleOf(MEMBER, roleReplyTo));
    samples.add(new WorkspaceCommand.Rename("Acme Labs", BY_USER, replyTo));
    samples.add(new WorkspaceCommand.Rename("Acme Labs", BY_KEY, replyTo));
    for (Role role : Role.values()) {
      samples.add(
          new WorkspaceCommand.Invite("new@example.com", role, HASH, EXPIRES, BY_USER, replyTo));
    }
    samples.add(new WorkspaceCommand.AcceptInvitation(HASH, MEMBER, "New@Example.com", replyTo));
    samples.add(new WorkspaceCommand.ChangeRole(MEMBER, Role.ADMIN, BY_KEY, replyTo));
    samples.add(new WorkspaceCommand.RemoveMember(MEMBER, BY_USER, replyTo));
    samples.add(new WorkspaceCommand.Delete(BY_USER, replyTo));
    samples.add(new WorkspaceCommand.ChangePlan("pro", null, "billing:sub_1", replyTo));
    samples.add(new WorkspaceCommand.ChangePlan("enterprise", CUSTOM, "admin:" + OWNER, replyTo));
    samples.add(new WorkspaceCommand.ReserveLinkSlots("req-1", 3, quotaReplyTo));
    samples.add(new WorkspaceCommand.ReleaseLinkSlots("req-1", quotaReplyTo));
    samples.add(new WorkspaceCommand.GetQuota(quotaReplyTo));
    samples.add(BY_USER);
    samples.add(BY_KEY);
    // events
    samples.add(new WorkspaceEvent.WorkspaceCreated("acme", "Acme", OWNER, CREATED));
    samples.add(new WorkspaceEvent.WorkspaceAdopted("legacy-owner", CREATED));
    samples.add(new WorkspaceEvent.WorkspaceRenamed("acme", "Acme — «Bücher»", LATER));
    for (Role role : Role.values()) {
      samples.add(
          new WorkspaceEvent.MemberInvited(
              "acme", "new@example.com", role, HASH, EXPIRES, BY_KEY.describe(), LATER));
    }
    samples.add(new WorkspaceEvent.InvitationAccepted("acme", HASH, MEMBER, Role.MEMBER, LATER));
    samples.add(new WorkspaceEvent.MemberAdded("legacy-owner", OWNER, Role.OWNER, LATER));
    samples.add(new WorkspaceEvent.MemberRoleChanged("acme", MEMBER, Role.BILLING, LATER));
    samples.add(new WorkspaceEvent.MemberRemoved("acme", MEMBER, LATER));
    samples.add(new WorkspaceEvent.WorkspaceDeleted("acme", LATER));
    samples.add(new WorkspaceEvent.PlanChanged("acme", "pro", null, "billing:sub_1", LATER));
    samples.add(new WorkspaceEvent.PlanChanged("acme", "enterprise", CUSTOM, "admin:x", LATER));
    samples.add(new WorkspaceEvent.LinkSlotsReserved("acme", "req-1", 2, LATER));
    samples.add(new WorkspaceEvent.LinkSlotsReleased("acme", "req-1", LATER));
    samples.add(CUSTOM);
    samples.add(WorkspaceLimits.UNLIMITED);
    // replies: one rejection per error code, views with and without members
    for (AccountError code : AccountError.values()) {
      samples.add(new WorkspaceReply.Rejected(code, "because " + code));
    }
    samples.add(WorkspaceReply.Rejected.of(EXCEEDED));
    samples.add(new WorkspaceReply.Ok(FULL_VIEW));
    samples.add(new QuotaReply.Granted(7L, 50L));
    samples.add(QuotaReply.Granted.UNLIMITED);
    samples.add(new QuotaReply.Refused(EXCEEDED));
    samples.add(new QuotaReply.Released());
    samples.add(new QuotaReply.NoWorkspace());
    samples.add(
        new QuotaReply.Quota(
            new WorkspacePlan("enterprise", CUSTOM, CREATED), CUSTOM, CREATED, EXPIRES, 12, 3, 1));
    samples.add(EXCEEDED);
    samples.add(new WorkspaceReply.Ok(EMPTY_VIEW));
    for (Role role : Role.values()) {
      samples.add(new WorkspaceReply.MemberRole(Optional.of(role)));
    }
    samples.add(new WorkspaceReply.MemberRole(Optional.empty()));
    // states, as snapshots store them
    samples.add(new WorkspaceState.Empty());
    samples.add(activeWithMembersAndInvitations());
    samples.add(
        new WorkspaceState.Active("legacy-owner", "legacy-owner", CREATED, Map.of(), Map.of()));
    samples.add(new WorkspaceState.Deleted("acme", LATER));
    samples.add(
        new WorkspaceState.Active(
            "acme",
            "Acme",
            CREATED,
            Map.of(OWNER, new Member(OWNER, Role.OWNER, CREATED)),
            Map.of(),
            new WorkspacePlan("pro", null, LATER),
            new LinkQuota("2030-01", 5, Map.of("req-1", 2, "req-2", 3))));
    samples.add(new WorkspacePlan("free", null, CREATED));
    samples.add(new LinkQuota("2030-01", 1, Map.of("req-1", 1)));
    // the revocation notice every node's API key cache listens to
    samples.add(new KeyRevoked(HASH));
    return samples;
  }

  private static WorkspaceState.Active activeWithMembersAndInvitations() {
    var members = new LinkedHashMap<UUID, Member>();
    members.put(OWNER, new Member(OWNER, Role.OWNER, CREATED));
    members.put(MEMBER, new Member(MEMBER, Role.ADMIN, LATER));
    var invitations = new LinkedHashMap<String, WorkspaceState.Invitation>();
    invitations.put(HASH, new WorkspaceState.Invitation("new@example.com", Role.VIEWER, EXPIRES));
    invitations.put(
        "0".repeat(64), new WorkspaceState.Invitation("old@example.com", Role.OWNER, CREATED));
    return new WorkspaceState.Active("acme", "Acme", CREATED, members, invitations);
  }

  static Stream<Named<Object>> namedSamples() {
    return samples().stream().map(sample -> Named.of(sample.toString(), sample));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedSamples")
  void roundTripsThroughJacksonCborToAnEqualValue(Object sample) {
    Serializer serializer = serialization.findSerializerFor(sample);
    assertThat(serializer).isInstanceOf(JacksonCborSerializer.class);
    assertThat(serializer.identifier()).isEqualTo(JACKSON_CBOR_ID);

    byte[] bytes = serialization.serialize(sample).get();
    String manifest = Serializers.manifestFor(serializer, sample);
    Object restored = serialization.deserialize(bytes, serializer.identifier(), manifest).get();

    assertThat(manifest).isEqualTo(sample.getClass().getName());
    assertThat(restored).isEqualTo(sample);
  }

  @Test
  void aRestoredStateKeepsMembersAndInvitationsInTheirOrder() {
    var sample = activeWithMembersAndInvitations();

    var restored = (WorkspaceState.Active) roundTrip(sample);

    assertThat(restored.members().keySet()).containsExactly(OWNER, MEMBER);
    assertThat(restored.invitations().keySet()).containsExactly(HASH, "0".repeat(64));
    assertThat(restored.view(CREATED.minusSeconds(1)))
        .isEqualTo(sample.view(CREATED.minusSeconds(1)));
  }

  @Test
  void aSnapshotFromBeforePlansRestoresOnTheFreePlanWithNoSlotsUsed() throws IOException {
    var mapper =
        JacksonObjectMapperProvider.get(Adapter.toClassic(testKit.system()))
            .getOrCreate("jackson-cbor", Optional.empty());
    var before = new java.util.LinkedHashMap<String, Object>();
    before.put("id", "acme");
    before.put("name", "Acme");
    before.put("createdAt", CREATED);
    before.put("members", Map.of());
    before.put("invitations", Map.of());
    byte[] bytes = mapper.writeValueAsBytes(before);

    var restored =
        (WorkspaceState.Active)
            serialization
                .deserialize(bytes, JACKSON_CBOR_ID, WorkspaceState.Active.class.getName())
                .get();

    assertThat(restored.plan()).isEqualTo(WorkspacePlan.free(CREATED));
    assertThat(restored.links()).isEqualTo(LinkQuota.none());
  }

  @Test
  void rolesAreStoredByTheirWireNames() throws IOException {
    var mapper =
        JacksonObjectMapperProvider.get(Adapter.toClassic(testKit.system()))
            .getOrCreate("jackson-cbor", Optional.empty());
    byte[] bytes =
        serialization
            .serialize(new WorkspaceEvent.MemberRoleChanged("acme", MEMBER, Role.BILLING, LATER))
            .get();

    assertThat(mapper.readTree(bytes).get("role").asText()).isEqualTo("billing");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      classes = {
        WorkspaceCommand.class,
        WorkspaceEvent.class,
        WorkspaceReply.class,
        WorkspaceState.class
      })
  void everyPermittedSubtypeHasASample(Class<?> sealedType) {
    assertThat(sealedType.isSealed()).isTrue();
    var sampledTypes = samples().stream().map(Object::getClass).toList();

    assertThat(sealedType.getPermittedSubclasses())
        .isNotEmpty()
        .allSatisfy(
            permitted ->
                assertThat(sampledTypes)
                    .as("a sample of %s", permitted.getName())
                    .contains(permitted));
  }

  @Test
  void everyCborSerializableTypeOfTheModuleHasASample() throws IOException, URISyntaxException {
    var sampledTypes = samples().stream().map(Object::getClass).toList();

    assertThat(concreteCborSerializableTypes())
        .contains(WorkspaceReply.MemberRole.class, WorkspaceCommand.Actor.class, KeyRevoked.class)
        .allSatisfy(
            type -> assertThat(sampledTypes).as("a sample of %s", type.getName()).contains(type));
  }

  private static Object roundTrip(Object sample) {
    Serializer serializer = serialization.findSerializerFor(sample);
    byte[] bytes = serialization.serialize(sample).get();
    return serialization
        .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, sample))
        .get();
  }

  /** Every concrete CborSerializable class in the accounts module's main output. */
  private static List<Class<?>> concreteCborSerializableTypes()
      throws IOException, URISyntaxException {
    Path root =
        Path.of(WorkspaceEntity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(root).isDirectory();
    try (Stream<Path> files = Files.walk(root.resolve("dev/smo1/accounts"))) {
      return files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> root.relativize(file).toString())
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
          .map(WorkspaceSerializationTest::load)
          .filter(CborSerializable.class::isAssignableFrom)
          .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers()))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, WorkspaceSerializationTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
