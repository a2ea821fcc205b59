package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.serialization.CborSerializable;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.DisabledJavaSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every message, event, reply, resolution and state survives the serializer the actor system picks
 * for it, and that serializer is Jackson CBOR. A new message type without a sample here fails
 * {@link #everyPermittedSubtypeHasASample} and {@link #everyCborSerializableTypeHasASample}.
 */
class SerializationRoundTripTest {

  /** Pekko's fixed identifier of {@code jackson-cbor}; the journal stores it with every event. */
  private static final int JACKSON_CBOR_ID = 33;

  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final Serialization serialization =
      SerializationExtension.get(Adapter.toClassic(testKit.system()));

  private static final ActorRef<LinkReply> replyTo = testKit.<LinkReply>createTestProbe().getRef();
  private static final ActorRef<Resolution> resolutionReplyTo =
      testKit.<Resolution>createTestProbe().getRef();

  private static final Instant CREATED = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant UPDATED = Instant.parse("2030-01-02T03:04:05.123456789Z");
  private static final Instant EXPIRES = Instant.parse("2031-01-01T00:00:00Z");

  private static final LinkSettings FULL_SETTINGS =
      new LinkSettings(
          "https://xn--bcher-kva.example/Ä?q=1#x",
          RedirectType.PERMANENT_REDIRECT,
          EXPIRES,
          "Bücher — «titre»",
          List.of("team", "büro", "a:b"),
          true);
  static final dev.smo1.link.rules.Routing ROUTING =
      new dev.smo1.link.rules.Routing(
          List.of(
              new dev.smo1.link.rules.Routing.Rule(
                  new dev.smo1.link.rules.Conditions(
                      java.util.Set.of("mobile"),
                      java.util.Set.of("ios", "android"),
                      java.util.Set.of("safari"),
                      java.util.Set.of("DE"),
                      List.of("de", "pt-br"),
                      List.of(
                          new dev.smo1.link.rules.Conditions.QueryCondition("ref", "x"),
                          new dev.smo1.link.rules.Conditions.QueryCondition("promo", null)),
                      List.of("t.co"),
                      EXPIRES.minusSeconds(86_400),
                      EXPIRES),
                  "https://example.com/de"),
              new dev.smo1.link.rules.Routing.Rule(
                  dev.smo1.link.rules.Conditions.ANY, "https://example.com/any")),
          List.of(
              new dev.smo1.link.rules.Routing.Variant("https://example.com/a", 30),
              new dev.smo1.link.rules.Routing.Variant("https://example.com/b", 70)),
          EXPIRES);
  private static final LinkSettings ROUTED_SETTINGS =
      new LinkSettings(
          "https://example.com/", RedirectType.FOUND, null, null, List.of(), false, ROUTING);
  private static final UUID REQUEST_ID = UUID.fromString("0b7e4f52-8d0c-4c1e-9a55-3f1d2c6a9e01");
  static final LinkOptions OPTIONS =
      new LinkOptions(
          new LinkOptions.Utm("news", "email", "spring sale", "shoes", "büro"),
          "https://example.com/over",
          new LinkOptions.Preview("Title", "Some «words»", "https://example.com/card.png"),
          100);
  private static final LinkSettings OPTIONS_SETTINGS =
      new LinkSettings(
          "https://example.com/", RedirectType.FOUND, null, null, List.of(), false, null, OPTIONS);
  private static final LinkState.Link COUNTED_LINK =
      new LinkState.Link(
          "s.test", "counted", "bob", OPTIONS_SETTINGS, CREATED, UPDATED, REQUEST_ID, 42);
  private static final LinkSettings MINIMAL_SETTINGS =
      new LinkSettings("https://example.com", RedirectType.FOUND, null, null, List.of());
  private static final LinkState.Link FULL_LINK =
      new LinkState.Link("s.test", "docs", "alice", FULL_SETTINGS, CREATED, UPDATED);
  private static final LinkState.Link MINIMAL_LINK =
      new LinkState.Link("s.test", "Ab3", "bob", MINIMAL_SETTINGS, CREATED, CREATED);
  private static final LinkState.Link RETRIED_LINK =
      new LinkState.Link("s.test", "Gen1234", "bob", FULL_SETTINGS, CREATED, UPDATED, REQUEST_ID);
  private static final LinkDraft FULL_DRAFT =
      new LinkDraft("https://example.com/", 307, EXPIRES, "Title", List.of("x", "y"), true);
  private static final LinkDraft EMPTY_DRAFT = new LinkDraft(null, null, null, null, null);
  private static final LinkPatch FULL_PATCH =
      new LinkPatch("https://example.org/", 301, EXPIRES, false, "New", false, List.of("z"), false);
  private static final LinkPatch CLEARING_PATCH =
      new LinkPatch(null, null, null, true, null, true, List.of());
  private static final LinkPatch EMPTY_PATCH =
      new LinkPatch(null, null, null, false, null, false, null);

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  static List<Object> samples() {
    var samples = new ArrayList<Object>();
    // commands, each with a real actor reference
    samples.add(new LinkCommand.Create("alice", FULL_DRAFT, replyTo));
    samples.add(new LinkCommand.Create("alice", EMPTY_DRAFT, replyTo));
    samples.add(new LinkCommand.Create("alice", FULL_DRAFT, REQUEST_ID, replyTo));
    samples.add(
        new LinkCommand.Create(
            "alice",
            new LinkDraft("https://example.com/", null, null, null, Arrays.asList("a", null)),
            replyTo));
    samples.add(new LinkCommand.Update("alice", FULL_PATCH, replyTo));
    samples.add(new LinkCommand.Update("alice", CLEARING_PATCH, replyTo));
    samples.add(
        new LinkCommand.Create(
            "alice",
            new LinkDraft("https://example.com/", null, null, null, null, null, ROUTING),
            replyTo));
    samples.add(
        new LinkCommand.Update(
            "alice",
            new LinkPatch(
                null,
                null,
                null,
                false,
                null,
                false,
                null,
                null,
                ROUTING.rules(),
                ROUTING.variants(),
                EXPIRES,
                false),
            replyTo));
    samples.add(new LinkCommand.Disable("alice", replyTo));
    samples.add(new LinkCommand.Block("phishing (urlhaus)", "screening:urlhaus", replyTo));
    samples.add(new LinkCommand.Unblock("admin:7f0c", replyTo));
    samples.add(new LinkCommand.Enable("alice", replyTo));
    samples.add(new LinkCommand.Delete("alice", replyTo));
    samples.add(new LinkCommand.Get("alice", replyTo));
    samples.add(new LinkCommand.Resolve(resolutionReplyTo));
    samples.add(new LinkCommand.Visit(resolutionReplyTo));
    samples.add(
        new LinkCommand.Create(
            "alice",
            new LinkDraft("https://example.com/", null, null, null, null, null, null, OPTIONS),
            replyTo));
    samples.add(
        new LinkCommand.Update(
            "alice",
            LinkPatch.ofOptions(
                new LinkOptions(null, "https://example.com/x", null, 5),
                java.util.Set.of("utm", "preview")),
            replyTo));
    // events
    samples.add(new LinkEvent.LinkCreated("s.test", "docs", "alice", FULL_SETTINGS, CREATED));
    samples.add(new LinkEvent.LinkCreated("s.test", "Ab3", "bob", MINIMAL_SETTINGS, CREATED));
    samples.add(
        new LinkEvent.LinkCreated("s.test", "Gen1234", "bob", FULL_SETTINGS, CREATED, REQUEST_ID));
    samples.add(new LinkEvent.LinkUpdated("s.test", "docs", FULL_SETTINGS, UPDATED));
    samples.add(new LinkEvent.LinkUpdated("s.test", "docs", MINIMAL_SETTINGS, UPDATED));
    samples.add(new LinkEvent.LinkCreated("s.test", "routed", "alice", ROUTED_SETTINGS, CREATED));
    samples.add(new LinkEvent.LinkUpdated("s.test", "routed", ROUTED_SETTINGS, UPDATED));
    samples.add(new LinkEvent.LinkDisabled("s.test", "docs", UPDATED));
    samples.add(new LinkEvent.LinkBlocked("s.test", "docs", "phishing", "admin:7f0c", UPDATED));
    samples.add(new LinkEvent.LinkUnblocked("s.test", "docs", "admin:7f0c", UPDATED));
    samples.add(new LinkEvent.LinkEnabled("s.test", "docs", UPDATED));
    samples.add(new LinkEvent.LinkDeleted("s.test", "docs", UPDATED));
    samples.add(new LinkEvent.LinkCreated("s.test", "counted", "bob", OPTIONS_SETTINGS, CREATED));
    samples.add(new LinkEvent.LinkVisitCounted("s.test", "counted", 7, UPDATED));
    // replies: one rejection per error code, views in every status
    for (ErrorCode code : ErrorCode.values()) {
      samples.add(new LinkReply.Rejected(code, "because " + code, "field"));
    }
    samples.add(new LinkReply.Rejected(ErrorCode.NOTHING_TO_UPDATE, "nothing", null));
    for (LinkStatus status : LinkStatus.values()) {
      samples.add(new LinkReply.Ok(LinkView.of(FULL_LINK, status)));
    }
    samples.add(new LinkReply.Ok(LinkView.of(MINIMAL_LINK, LinkStatus.ACTIVE)));
    // resolutions: every redirect type, every status that can be gone
    for (RedirectType type : RedirectType.values()) {
      samples.add(new Resolution.Redirect("https://example.com/x?y=Z", type, null));
      samples.add(
          new Resolution.Redirect(
              "https://example.com/",
              type,
              java.time.Instant.parse("2031-02-03T04:05:06.123456Z")));
    }
    samples.add(
        new Resolution.Redirect("https://example.com/", RedirectType.FOUND, null, true, ROUTING));
    samples.add(new Resolution.Gone(LinkStatus.DISABLED));
    samples.add(new Resolution.Gone(LinkStatus.EXPIRED));
    samples.add(new Resolution.Gone(LinkStatus.DELETED));
    samples.add(new Resolution.Gone(LinkStatus.EXHAUSTED, "https://example.com/over"));
    samples.add(
        new Resolution.Redirect(
            "https://example.com/", RedirectType.FOUND, null, false, null, OPTIONS));
    samples.add(new Resolution.NotFound());
    // states, as snapshots store them
    samples.add(new LinkState.Empty());
    samples.add(new LinkState.Active(FULL_LINK));
    samples.add(new LinkState.Active(MINIMAL_LINK));
    samples.add(new LinkState.Active(RETRIED_LINK));
    samples.add(new LinkState.Active(COUNTED_LINK));
    samples.add(LinkView.of(COUNTED_LINK, LinkStatus.EXHAUSTED));
    samples.add(new LinkState.Disabled(FULL_LINK));
    samples.add(new LinkState.Disabled(MINIMAL_LINK));
    samples.add(new LinkState.Blocked(FULL_LINK, "phishing", "screening:openphish", UPDATED));
    samples.add(new LinkState.Deleted("alice", UPDATED));
    // the value types carried inside messages, on their own
    samples.add(LinkView.of(FULL_LINK, LinkStatus.EXPIRED));
    samples.add(LinkView.of(MINIMAL_LINK, LinkStatus.ACTIVE));
    samples.add(FULL_DRAFT);
    samples.add(EMPTY_DRAFT);
    samples.add(FULL_PATCH);
    samples.add(CLEARING_PATCH);
    samples.add(EMPTY_PATCH);
    return samples;
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      classes = {
        LinkCommand.class,
        LinkEvent.class,
        LinkReply.class,
        Resolution.class,
        LinkState.class
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
  void everyCborSerializableTypeHasASample() throws IOException, URISyntaxException {
    var sampledTypes = samples().stream().map(Object::getClass).toList();

    assertThat(concreteCborSerializableTypes())
        .contains(LinkView.class, LinkDraft.class, LinkPatch.class, LinkState.Empty.class)
        .allSatisfy(
            type -> assertThat(sampledTypes).as("a sample of %s", type.getName()).contains(type));
  }

  /** Every concrete class under {@code dev.smo1} in the main output that is CborSerializable. */
  private static List<Class<?>> concreteCborSerializableTypes()
      throws IOException, URISyntaxException {
    Path root =
        Path.of(CborSerializable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(root).isDirectory();
    try (Stream<Path> files = Files.walk(root.resolve("dev/smo1"))) {
      return files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> root.relativize(file).toString())
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
          .map(SerializationRoundTripTest::load)
          .filter(CborSerializable.class::isAssignableFrom)
          .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers()))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, SerializationRoundTripTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serializable the Java way only: must find no serializer that would accept it. */
  record JavaOnly(String value) implements Serializable {}

  /**
   * Events in the journal written before {@code forwardQuery} existed have no such field: they must
   * still read, as links that do not forward the query string.
   */
  @Test
  void anEventWrittenBeforeForwardQueryExistedReadsAsNotForwarding() throws Exception {
    var mapper =
        org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider.get(
                Adapter.toClassic(testKit.system()))
            .getOrCreate("jackson-cbor", java.util.Optional.empty());
    var settings = new java.util.LinkedHashMap<String, Object>();
    settings.put("target", "https://example.com/old");
    settings.put("redirectType", 302);
    settings.put("expiresAt", null);
    settings.put("title", null);
    settings.put("tags", List.of("old"));
    var event = new java.util.LinkedHashMap<String, Object>();
    event.put("domain", "s.test");
    event.put("code", "old1");
    event.put("owner", "alice");
    event.put("settings", settings);
    event.put("at", CREATED);
    byte[] oldBytes = mapper.writeValueAsBytes(event);

    Object read =
        serialization
            .deserialize(oldBytes, JACKSON_CBOR_ID, LinkEvent.LinkCreated.class.getName())
            .get();

    assertThat(read)
        .isEqualTo(
            new LinkEvent.LinkCreated(
                "s.test",
                "old1",
                "alice",
                new LinkSettings(
                    "https://example.com/old", RedirectType.FOUND, null, null, List.of("old")),
                CREATED));
  }

  /**
   * During a rolling update a node reads commands and events of newer nodes: a field it does not
   * know yet (as {@code requestId} was to the nodes before it) is ignored, not a failure.
   */
  @Test
  void aFieldOfANewerNodeIsIgnored() throws Exception {
    var mapper =
        org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider.get(
                Adapter.toClassic(testKit.system()))
            .getOrCreate("jackson-cbor", java.util.Optional.empty());
    var tree = mapper.valueToTree(new LinkEvent.LinkDeleted("s.test", "docs", UPDATED));
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("addedLater", "value");

    Object read =
        serialization
            .deserialize(
                mapper.writeValueAsBytes(tree),
                JACKSON_CBOR_ID,
                LinkEvent.LinkDeleted.class.getName())
            .get();

    assertThat(read).isEqualTo(new LinkEvent.LinkDeleted("s.test", "docs", UPDATED));
  }

  @Test
  void javaSerializationIsDisabled() {
    var javaOnly = new JavaOnly("x");

    assertThat(
            testKit.system().settings().config().getBoolean("pekko.actor.allow-java-serialization"))
        .isFalse();
    assertThat(serialization.findSerializerFor(javaOnly))
        .isInstanceOf(DisabledJavaSerializer.class);
    assertThat(serialization.serialize(javaOnly).isFailure()).isTrue();
    assertThat(serialization.serialize(javaOnly).failed().get())
        .isInstanceOf(DisabledJavaSerializer.JavaSerializationException.class);
  }
}
