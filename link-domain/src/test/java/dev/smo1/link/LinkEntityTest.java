package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.smo1.link.LinkCommand.Create;
import dev.smo1.link.LinkCommand.Delete;
import dev.smo1.link.LinkCommand.Disable;
import dev.smo1.link.LinkCommand.Enable;
import dev.smo1.link.LinkCommand.Get;
import dev.smo1.link.LinkCommand.Resolve;
import dev.smo1.link.LinkCommand.Update;
import dev.smo1.link.LinkEvent.LinkCreated;
import dev.smo1.link.LinkEvent.LinkDeleted;
import dev.smo1.link.LinkEvent.LinkDisabled;
import dev.smo1.link.LinkEvent.LinkEnabled;
import dev.smo1.link.LinkEvent.LinkUpdated;
import dev.smo1.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.SnapshotMeta;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command in every state of the link entity, each rejection with its exact reply and no
 * event. A behaviour several phases share is written once in {@link AcrossPhases} and run in each
 * of them; what only one phase does is tested in that phase's class. Serialization of every
 * command, event and state is verified by the kit on every step, with equality after the round
 * trip.
 */
class LinkEntityTest {

  private static final String DOMAIN = "s.test";
  private static final String CODE = "guide";
  private static final LinkId GUIDE = new LinkId(DOMAIN, CODE);
  private static final String PERSISTENCE_ID = "Link|s.test/guide";
  private static final String OWNER = "alice";
  private static final String STRANGER = "mallory";
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Instant T1 = T0.plus(STEP);
  private static final Instant T2 = T1.plus(STEP);
  private static final int SNAPSHOT_EVERY = 3;

  /** Two short domains, the second in mixed case: the policy must compare them lower-cased. */
  private static final LinkPolicy POLICY = new LinkPolicy(Set.of(DOMAIN, "Go.Test"));

  private static final LinkDraft FULL_DRAFT =
      new LinkDraft(
          "HTTPS://Docs.Example.COM/Guide?Lang=EN#Intro",
          301,
          T0.plus(Duration.ofDays(30)),
          "Docs",
          List.of("team", "docs", "team"));

  /** {@link #FULL_DRAFT} as validated: scheme and host lower-cased, duplicate tag dropped. */
  private static final LinkSettings FULL_SETTINGS =
      new LinkSettings(
          "https://docs.example.com/Guide?Lang=EN#Intro",
          RedirectType.MOVED_PERMANENTLY,
          T0.plus(Duration.ofDays(30)),
          "Docs",
          List.of("team", "docs"));

  /** A link with only a target and an expiry an hour after {@link #T0}. */
  private static final Instant SHORT_EXPIRY = T0.plus(Duration.ofHours(1));

  private static final LinkDraft SHORT_LIVED_DRAFT =
      new LinkDraft("https://example.com/", null, SHORT_EXPIRY, null, null);
  private static final LinkSettings SHORT_LIVED_SETTINGS =
      new LinkSettings("https://example.com/", RedirectType.FOUND, SHORT_EXPIRY, null, List.of());

  private static final LinkReply NOT_FOUND =
      new LinkReply.Rejected(ErrorCode.NOT_FOUND, "no link 'guide' on s.test", null);
  private static final LinkReply ALIAS_TAKEN =
      new LinkReply.Rejected(ErrorCode.ALIAS_TAKEN, "alias 'guide' is taken", "alias");
  private static final String TAG_RULE =
      "tags must be 1 to 40 characters of letters, digits, '_', '-', '.' and ':'";

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));

  private MutableClock clock;
  private EventSourcedBehaviorTestKit<LinkCommand, LinkEvent, LinkState> kit;

  /** A command addressed to an existing link, built around the reply address. */
  interface OwnerCommand extends Function<ActorRef<LinkReply>, LinkCommand> {}

  /** The phases of a link's life, each reached from a fresh entity by {@link #enter}. */
  enum Phase {
    EMPTY("an empty entity"),
    ACTIVE("an active link"),
    ACTIVE_BUT_EXPIRED("an active link past its expiry"),
    DISABLED("a disabled link"),
    DELETED("a deleted link");

    private final String description;

    Phase(String description) {
      this.description = description;
    }

    /** The state once entered; a command that persists nothing leaves it so. */
    LinkState state() {
      return switch (this) {
        case EMPTY -> new LinkState.Empty();
        case ACTIVE -> new LinkState.Active(link(FULL_SETTINGS, T0, T0));
        case ACTIVE_BUT_EXPIRED -> new LinkState.Active(link(SHORT_LIVED_SETTINGS, T0, T0));
        case DISABLED -> new LinkState.Disabled(link(FULL_SETTINGS, T0, T1));
        case DELETED -> new LinkState.Deleted(OWNER, T1);
      };
    }

    /** The settings of the link, in the phases that have one. */
    LinkSettings settings() {
      return switch (this) {
        case ACTIVE, DISABLED -> FULL_SETTINGS;
        case ACTIVE_BUT_EXPIRED -> SHORT_LIVED_SETTINGS;
        case EMPTY, DELETED -> throw new IllegalStateException("no link settings on " + this);
      };
    }

    /** The clock once entered: a step after the last event, or the instant of expiry. */
    Instant now() {
      return switch (this) {
        case EMPTY -> T0;
        case ACTIVE -> T1;
        case ACTIVE_BUT_EXPIRED -> SHORT_EXPIRY;
        case DISABLED, DELETED -> T2;
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
    kit = kitFor(GUIDE);
  }

  private EventSourcedBehaviorTestKit<LinkCommand, LinkEvent, LinkState> kitFor(LinkId id) {
    EventSourcedBehaviorTestKit<LinkCommand, LinkEvent, LinkState> newKit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            LinkEntity.create(id, POLICY, clock, SNAPSHOT_EVERY),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    newKit.clear();
    return newKit;
  }

  /**
   * Brings the fresh entity into {@code phase} with the commands its owner sends, sets the clock to
   * {@link Phase#now}, and returns the state reached.
   */
  private LinkState enter(Phase phase) {
    switch (phase) {
      case EMPTY -> {}
      case ACTIVE -> create(OWNER, FULL_DRAFT);
      case ACTIVE_BUT_EXPIRED -> create(OWNER, SHORT_LIVED_DRAFT);
      case DISABLED -> {
        create(OWNER, FULL_DRAFT);
        clock.set(T1);
        run(replyTo -> new Disable(OWNER, replyTo));
      }
      case DELETED -> {
        create(OWNER, FULL_DRAFT);
        clock.set(T1);
        run(replyTo -> new Delete(OWNER, replyTo));
      }
    }
    clock.set(phase.now());
    assertThat(kit.getState()).isEqualTo(phase.state());
    return phase.state();
  }

  // ---------------------------------------------------------------- commands and expectations

  private CommandResultWithReply<LinkCommand, LinkEvent, LinkState, LinkReply> create(
      String owner, LinkDraft draft) {
    return kit.runCommand(replyTo -> new Create(owner, draft, replyTo));
  }

  private CommandResultWithReply<LinkCommand, LinkEvent, LinkState, LinkReply> update(
      String requester, LinkPatch patch) {
    return kit.runCommand(replyTo -> new Update(requester, patch, replyTo));
  }

  private CommandResultWithReply<LinkCommand, LinkEvent, LinkState, LinkReply> run(
      OwnerCommand command) {
    return kit.runCommand(command);
  }

  private CommandResultWithReply<LinkCommand, LinkEvent, LinkState, Resolution> resolve() {
    return kit.runCommand(Resolve::new);
  }

  private static LinkState.Link link(LinkSettings settings, Instant createdAt, Instant updatedAt) {
    return new LinkState.Link(DOMAIN, CODE, OWNER, settings, createdAt, updatedAt);
  }

  private static LinkReply ok(
      LinkSettings settings, LinkStatus status, Instant createdAt, Instant updatedAt) {
    return new LinkReply.Ok(LinkView.of(link(settings, createdAt, updatedAt), status));
  }

  private static LinkReply rejected(ErrorCode code, String message, String field) {
    return new LinkReply.Rejected(code, message, field);
  }

  private static <R> void assertRejected(
      CommandResultWithReply<LinkCommand, LinkEvent, LinkState, R> result,
      R expectedReply,
      LinkState expectedState) {
    assertThat(result.reply()).isEqualTo(expectedReply);
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isEqualTo(expectedState);
  }

  private static LinkDraft draft(String target) {
    return new LinkDraft(target, null, null, null, null);
  }

  private static LinkPatch targetPatch(String target) {
    return new LinkPatch(target, null, null, false, null, false, null);
  }

  private static LinkPatch redirectTypePatch(int redirectType) {
    return new LinkPatch(null, redirectType, null, false, null, false, null);
  }

  private static LinkPatch expiryPatch(Instant expiresAt) {
    return new LinkPatch(null, null, expiresAt, false, null, false, null);
  }

  private static LinkPatch titlePatch(String title) {
    return new LinkPatch(null, null, null, false, title, false, null);
  }

  private static LinkPatch tagsPatch(List<String> tags) {
    return new LinkPatch(null, null, null, false, null, false, tags);
  }

  private static LinkPatch emptyPatch() {
    return new LinkPatch(null, null, null, false, null, false, null);
  }

  private static List<String> distinctTags(int count) {
    return IntStream.range(0, count).mapToObj(i -> "tag" + i).toList();
  }

  private static Named<OwnerCommand> named(String name, OwnerCommand command) {
    return Named.of(name, command);
  }

  /** Update, Disable, Enable, Delete and Get: every command that needs the owner. */
  private static Stream<Named<OwnerCommand>> ownerCommandsBy(String requester, String who) {
    return Stream.of(
        named("update by " + who, replyTo -> new Update(requester, titlePatch("Renamed"), replyTo)),
        named("disable by " + who, replyTo -> new Disable(requester, replyTo)),
        named("enable by " + who, replyTo -> new Enable(requester, replyTo)),
        named("delete by " + who, replyTo -> new Delete(requester, replyTo)),
        named("get by " + who, replyTo -> new Get(requester, replyTo)));
  }

  static Stream<Arguments> invalidDrafts() {
    return Stream.of(
        Arguments.of(
            Named.of("missing target", draft(null)),
            rejected(ErrorCode.INVALID_TARGET, "target is required", "target")),
        Arguments.of(
            Named.of("blank target", draft("   ")),
            rejected(ErrorCode.INVALID_TARGET, "target is required", "target")),
        Arguments.of(
            Named.of("javascript target", draft("javascript:alert(1)")),
            rejected(
                ErrorCode.INVALID_TARGET,
                "target scheme 'javascript' is not allowed; use http or https",
                "target")),
        Arguments.of(
            Named.of("relative target", draft("/docs")),
            rejected(
                ErrorCode.INVALID_TARGET,
                "target must be an absolute http or https URL",
                "target")),
        Arguments.of(
            Named.of("target with user-info", draft("https://bank.example@evil.example/")),
            rejected(
                ErrorCode.INVALID_TARGET, "target must not contain user information", "target")),
        Arguments.of(
            Named.of("target on localhost", draft("http://localhost:8080/")),
            rejected(ErrorCode.INVALID_TARGET, "target host must be a public host name", "target")),
        Arguments.of(
            Named.of("target on the short domain", draft("https://s.test/other")),
            rejected(
                ErrorCode.TARGET_IS_SHORT_DOMAIN,
                "target must not point at a short domain of this service (redirect loop)",
                "target")),
        Arguments.of(
            Named.of(
                "target on a short domain in other case, with port and trailing dot",
                draft("https://GO.test.:8443/x")),
            rejected(
                ErrorCode.TARGET_IS_SHORT_DOMAIN,
                "target must not point at a short domain of this service (redirect loop)",
                "target")),
        Arguments.of(
            Named.of(
                "redirect type 300", new LinkDraft("https://example.com/", 300, null, null, null)),
            rejected(
                ErrorCode.INVALID_REDIRECT_TYPE,
                "redirectType must be one of 301, 302, 307, 308",
                "redirectType")),
        Arguments.of(
            Named.of(
                "redirect type 303", new LinkDraft("https://example.com/", 303, null, null, null)),
            rejected(
                ErrorCode.INVALID_REDIRECT_TYPE,
                "redirectType must be one of 301, 302, 307, 308",
                "redirectType")),
        Arguments.of(
            Named.of("expiry now", new LinkDraft("https://example.com/", null, T0, null, null)),
            rejected(ErrorCode.INVALID_EXPIRY, "expiresAt must be in the future", "expiresAt")),
        Arguments.of(
            Named.of(
                "expiry in the past",
                new LinkDraft(
                    "https://example.com/", null, T0.minus(Duration.ofDays(1)), null, null)),
            rejected(ErrorCode.INVALID_EXPIRY, "expiresAt must be in the future", "expiresAt")),
        Arguments.of(
            Named.of(
                "title of 257 characters",
                new LinkDraft("https://example.com/", null, null, "t".repeat(257), null)),
            rejected(ErrorCode.INVALID_TITLE, "title is longer than 256 characters", "title")),
        Arguments.of(
            Named.of(
                "title with a line break",
                new LinkDraft("https://example.com/", null, null, "two\nlines", null)),
            rejected(ErrorCode.INVALID_TITLE, "title contains control characters", "title")),
        Arguments.of(
            Named.of(
                "tag with a space",
                new LinkDraft("https://example.com/", null, null, null, List.of("ok", "not ok"))),
            rejected(ErrorCode.INVALID_TAGS, TAG_RULE, "tags")),
        Arguments.of(
            Named.of(
                "empty tag", new LinkDraft("https://example.com/", null, null, null, List.of(""))),
            rejected(ErrorCode.INVALID_TAGS, TAG_RULE, "tags")),
        Arguments.of(
            Named.of(
                "tag of 41 characters",
                new LinkDraft("https://example.com/", null, null, null, List.of("t".repeat(41)))),
            rejected(ErrorCode.INVALID_TAGS, TAG_RULE, "tags")),
        Arguments.of(
            Named.of(
                "null tag",
                new LinkDraft("https://example.com/", null, null, null, Arrays.asList("a", null))),
            rejected(ErrorCode.INVALID_TAGS, TAG_RULE, "tags")),
        Arguments.of(
            Named.of(
                "21 distinct tags",
                new LinkDraft("https://example.com/", null, null, null, distinctTags(21))),
            rejected(ErrorCode.INVALID_TAGS, "at most 20 tags", "tags")),
        Arguments.of(
            Named.of(
                "bad target and bad redirect type: the target is reported",
                new LinkDraft("ftp://example.com/", 999, null, null, null)),
            rejected(
                ErrorCode.INVALID_TARGET,
                "target scheme 'ftp' is not allowed; use http or https",
                "target")));
  }

  /** Patches refused on a live link at any time after {@link #T0}. */
  static Stream<Arguments> invalidPatches() {
    return Stream.of(
        Arguments.of(
            Named.of("empty patch", emptyPatch()),
            rejected(ErrorCode.NOTHING_TO_UPDATE, "the update changes no field", null)),
        Arguments.of(
            Named.of("empty target", targetPatch("")),
            rejected(ErrorCode.INVALID_TARGET, "target is required", "target")),
        Arguments.of(
            Named.of("ftp target", targetPatch("ftp://example.com/file")),
            rejected(
                ErrorCode.INVALID_TARGET,
                "target scheme 'ftp' is not allowed; use http or https",
                "target")),
        Arguments.of(
            Named.of("single-label host", targetPatch("https://intranet/")),
            rejected(ErrorCode.INVALID_TARGET, "target host must be a public host name", "target")),
        Arguments.of(
            Named.of("target on the short domain", targetPatch("https://S.Test/launch")),
            rejected(
                ErrorCode.TARGET_IS_SHORT_DOMAIN,
                "target must not point at a short domain of this service (redirect loop)",
                "target")),
        Arguments.of(
            Named.of("redirect type 304", redirectTypePatch(304)),
            rejected(
                ErrorCode.INVALID_REDIRECT_TYPE,
                "redirectType must be one of 301, 302, 307, 308",
                "redirectType")),
        Arguments.of(
            Named.of("expiry in the past", expiryPatch(T0)),
            rejected(ErrorCode.INVALID_EXPIRY, "expiresAt must be in the future", "expiresAt")),
        Arguments.of(
            Named.of(
                "expiry both set and cleared",
                new LinkPatch(null, null, T0.plus(Duration.ofDays(90)), true, null, false, null)),
            rejected(ErrorCode.INVALID_EXPIRY, "expiresAt is both set and cleared", "expiresAt")),
        Arguments.of(
            Named.of(
                "title both set and cleared",
                new LinkPatch(null, null, null, false, "new title", true, null)),
            rejected(ErrorCode.INVALID_TITLE, "title is both set and cleared", "title")),
        Arguments.of(
            Named.of("title of 257 characters", titlePatch("t".repeat(257))),
            rejected(ErrorCode.INVALID_TITLE, "title is longer than 256 characters", "title")),
        Arguments.of(
            Named.of("title with a tab", titlePatch("a\tb")),
            rejected(ErrorCode.INVALID_TITLE, "title contains control characters", "title")),
        Arguments.of(
            Named.of("tag with a slash", tagsPatch(List.of("a/b"))),
            rejected(ErrorCode.INVALID_TAGS, TAG_RULE, "tags")),
        Arguments.of(
            Named.of("21 distinct tags", tagsPatch(distinctTags(21))),
            rejected(ErrorCode.INVALID_TAGS, "at most 20 tags", "tags")));
  }

  // ---------------------------------------------------------------- states

  @Nested
  class OnEmpty {

    @Test
    void createPersistsLinkCreatedWithNormalisedSettingsAndRepliesActiveView() {
      var result = create(OWNER, FULL_DRAFT);

      assertThat(result.events())
          .containsExactly(new LinkCreated(DOMAIN, CODE, OWNER, FULL_SETTINGS, T0));
      assertThat(result.state()).isEqualTo(new LinkState.Active(link(FULL_SETTINGS, T0, T0)));
      assertThat(result.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T0));
    }

    @Test
    void createWithOnlyATargetGetsFoundRedirectAndNoExpiryTitleOrTags() {
      var result = create(OWNER, draft("http://Example.com"));

      var settings =
          new LinkSettings("http://example.com/", RedirectType.FOUND, null, null, List.of());
      assertThat(result.events())
          .containsExactly(new LinkCreated(DOMAIN, CODE, OWNER, settings, T0));
      assertThat(result.state()).isEqualTo(new LinkState.Active(link(settings, T0, T0)));
      assertThat(result.reply()).isEqualTo(ok(settings, LinkStatus.ACTIVE, T0, T0));
    }

    @Test
    void createAcceptsValuesExactlyAtTheLimits() {
      var tags = new ArrayList<>(distinctTags(20));
      tags.add("tag0");
      var expiresAt = T0.plusMillis(1);
      var title = "t".repeat(256);

      var result =
          create(OWNER, new LinkDraft("https://example.com/", 308, expiresAt, title, tags));

      var settings =
          new LinkSettings(
              "https://example.com/",
              RedirectType.PERMANENT_REDIRECT,
              expiresAt,
              title,
              distinctTags(20));
      assertThat(result.events())
          .containsExactly(new LinkCreated(DOMAIN, CODE, OWNER, settings, T0));
      assertThat(result.reply()).isEqualTo(ok(settings, LinkStatus.ACTIVE, T0, T0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.smo1.link.LinkEntityTest#invalidDrafts")
    void createWithInvalidDraftIsRejectedAndPersistsNothing(LinkDraft draft, LinkReply expected) {
      assertRejected(create(OWNER, draft), expected, new LinkState.Empty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "API", "Admin", "well-known", "WWW"})
    void createUnderAReservedWordIsRejectedAndPersistsNothing(String code) {
      kit = kitFor(new LinkId(DOMAIN, code));

      assertRejected(
          create(OWNER, draft("https://example.com/")),
          rejected(ErrorCode.RESERVED_ALIAS, "alias '" + code + "' is reserved", "alias"),
          new LinkState.Empty());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a b", "ab", "dots.are.out", "ümlaut", "semi;colon"})
    void createUnderAnInvalidCodeIsRejectedAndPersistsNothing(String code) {
      kit = kitFor(new LinkId(DOMAIN, code));

      assertRejected(
          create(OWNER, draft("https://example.com/")),
          rejected(
              ErrorCode.INVALID_ALIAS,
              "alias must be 3 to 64 characters of A-Z, a-z, 0-9, '_' and '-'",
              "alias"),
          new LinkState.Empty());
    }

    @Test
    void createUnderACodeOf65CharactersIsRejected() {
      kit = kitFor(new LinkId(DOMAIN, "c".repeat(65)));

      var result = create(OWNER, draft("https://example.com/"));

      assertThat(result.reply())
          .isInstanceOfSatisfying(
              LinkReply.Rejected.class,
              rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_ALIAS));
      assertThat(result.hasNoEvents()).isTrue();
    }
  }

  @Nested
  class OnActive {
    private LinkState active;

    @BeforeEach
    void createLink() {
      active = enter(Phase.ACTIVE);
    }

    @Test
    void updateOfTheTargetPersistsTheCompleteNewSettingsAndTouchesUpdatedAt() {
      var result = update(OWNER, targetPatch("HTTP://WWW.Example.ORG/New/Path"));

      var settings =
          new LinkSettings(
              "http://www.example.org/New/Path",
              RedirectType.MOVED_PERMANENTLY,
              FULL_SETTINGS.expiresAt(),
              "Docs",
              List.of("team", "docs"));
      assertThat(result.events()).containsExactly(new LinkUpdated(DOMAIN, CODE, settings, T1));
      assertThat(result.state()).isEqualTo(new LinkState.Active(link(settings, T0, T1)));
      assertThat(result.reply()).isEqualTo(ok(settings, LinkStatus.ACTIVE, T0, T1));
    }

    @Test
    void updateOfEveryFieldReplacesThemAll() {
      var expiresAt = T0.plus(Duration.ofDays(365));
      var patch =
          new LinkPatch(
              "https://example.net/x", 307, expiresAt, false, "New title", false, List.of("x"));

      var result = update(OWNER, patch);

      var settings =
          new LinkSettings(
              "https://example.net/x",
              RedirectType.TEMPORARY_REDIRECT,
              expiresAt,
              "New title",
              List.of("x"));
      assertThat(result.events()).containsExactly(new LinkUpdated(DOMAIN, CODE, settings, T1));
      assertThat(result.state()).isEqualTo(new LinkState.Active(link(settings, T0, T1)));
      assertThat(result.reply()).isEqualTo(ok(settings, LinkStatus.ACTIVE, T0, T1));
    }

    @Test
    void updateWithClearExpiryAndClearTitleRemovesBoth() {
      var result = update(OWNER, new LinkPatch(null, null, null, true, null, true, null));

      var settings =
          new LinkSettings(
              FULL_SETTINGS.target(),
              RedirectType.MOVED_PERMANENTLY,
              null,
              null,
              List.of("team", "docs"));
      assertThat(result.events()).containsExactly(new LinkUpdated(DOMAIN, CODE, settings, T1));
      assertThat(result.state()).isEqualTo(new LinkState.Active(link(settings, T0, T1)));
      assertThat(result.reply()).isEqualTo(ok(settings, LinkStatus.ACTIVE, T0, T1));
    }

    @Test
    void updateWithAnEmptyTagListRemovesAllTags() {
      var result = update(OWNER, tagsPatch(List.of()));

      var settings =
          new LinkSettings(
              FULL_SETTINGS.target(),
              FULL_SETTINGS.redirectType(),
              FULL_SETTINGS.expiresAt(),
              FULL_SETTINGS.title(),
              List.of());
      assertThat(result.events()).containsExactly(new LinkUpdated(DOMAIN, CODE, settings, T1));
    }

    @Test
    void updateByAStrangerAnswersNotFoundBeforeLookingAtThePatch() {
      assertRejected(update(STRANGER, emptyPatch()), NOT_FOUND, active);
      assertRejected(update(STRANGER, targetPatch("javascript:x")), NOT_FOUND, active);
    }
  }

  /** Taken down by the platform (decision 0034): read or deleted by its owner, nothing else. */
  @Nested
  class OnBlocked {
    private static final String REASON = "phishing (urlhaus)";
    private static final String BY = "screening:urlhaus";
    private LinkState blocked;

    @BeforeEach
    void createAndBlockLink() {
      create(OWNER, FULL_DRAFT);
      clock.set(T1);
      var result = run(replyTo -> new LinkCommand.Block(REASON, BY, replyTo));
      assertThat(result.events())
          .containsExactly(new LinkEvent.LinkBlocked(DOMAIN, CODE, REASON, BY, T1));
      assertThat(result.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.BLOCKED, T0, T1));
      blocked = result.state();
      assertThat(blocked)
          .isEqualTo(new LinkState.Blocked(link(FULL_SETTINGS, T0, T1), REASON, BY, T1));
      clock.set(T2);
    }

    @Test
    void visitorsGetBlockedWithoutTheFallback() {
      assertRejected(resolve(), new Resolution.Gone(LinkStatus.BLOCKED), blocked);
      assertRejected(
          kit.runCommand(LinkCommand.Visit::new), new Resolution.Gone(LinkStatus.BLOCKED), blocked);
    }

    @Test
    void theOwnerCannotEnableDisableOrChangeIt() {
      var refused =
          rejected(
              ErrorCode.LINK_BLOCKED,
              "link 'guide' was taken down by the platform (phishing (urlhaus)):"
                  + " it can be deleted, not changed or enabled",
              null);
      assertRejected(run(replyTo -> new Enable(OWNER, replyTo)), refused, blocked);
      assertRejected(run(replyTo -> new Disable(OWNER, replyTo)), refused, blocked);
      assertRejected(update(OWNER, targetPatch("https://example.org/")), refused, blocked);
    }

    @Test
    void strangersLearnNothing() {
      ownerCommandsBy(STRANGER, "a stranger")
          .forEach(command -> assertRejected(run(command.getPayload()), NOT_FOUND, blocked));
    }

    @Test
    void theOwnerReadsItAsBlocked() {
      assertRejected(
          run(replyTo -> new Get(OWNER, replyTo)),
          ok(FULL_SETTINGS, LinkStatus.BLOCKED, T0, T1),
          blocked);
    }

    @Test
    void blockingAgainPersistsNothing() {
      assertRejected(
          run(replyTo -> new LinkCommand.Block("again", "admin:x", replyTo)),
          ok(FULL_SETTINGS, LinkStatus.BLOCKED, T0, T1),
          blocked);
    }

    @Test
    void theOwnerMayDeleteIt() {
      var result = run(replyTo -> new Delete(OWNER, replyTo));
      assertThat(result.events()).containsExactly(new LinkDeleted(DOMAIN, CODE, T2));
      assertThat(result.state()).isEqualTo(new LinkState.Deleted(OWNER, T2));
    }

    @Test
    void unblockingLeavesItDisabledForItsOwnerToEnable() {
      var result = run(replyTo -> new LinkCommand.Unblock("admin:root", replyTo));
      assertThat(result.events())
          .containsExactly(new LinkEvent.LinkUnblocked(DOMAIN, CODE, "admin:root", T2));
      assertThat(result.state()).isEqualTo(new LinkState.Disabled(link(FULL_SETTINGS, T0, T2)));
      assertThat(result.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.DISABLED, T0, T2));
      assertThat(run(replyTo -> new Enable(OWNER, replyTo)).reply())
          .isEqualTo(ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T2));
    }

    @Test
    void aDisabledLinkCanBeBlockedAndAnUnblockedOrMissingOneIsLeftAlone() {
      var other = kitFor(new LinkId(DOMAIN, "other"));
      other.<LinkReply>runCommand(replyTo -> new Create(OWNER, FULL_DRAFT, replyTo));
      other.<LinkReply>runCommand(replyTo -> new Disable(OWNER, replyTo));
      assertThat(
              other
                  .<LinkReply>runCommand(replyTo -> new LinkCommand.Unblock("admin:x", replyTo))
                  .events())
          .isEmpty();
      assertThat(
              other
                  .<LinkReply>runCommand(replyTo -> new LinkCommand.Block(REASON, BY, replyTo))
                  .state())
          .isInstanceOf(LinkState.Blocked.class);
      var missing = kitFor(new LinkId(DOMAIN, "missing"));
      var refused =
          missing.<LinkReply>runCommand(replyTo -> new LinkCommand.Block(REASON, BY, replyTo));
      assertThat(refused.hasNoEvents()).isTrue();
      assertThat(refused.reply()).isInstanceOf(LinkReply.Rejected.class);
    }
  }

  @Nested
  class OnDisabled {
    private LinkState disabled;

    @BeforeEach
    void createAndDisableLink() {
      disabled = enter(Phase.DISABLED);
    }

    @Test
    void updatePersistsLinkUpdatedAndTheLinkStaysDisabled() {
      var result = update(OWNER, redirectTypePatch(302));

      var settings =
          new LinkSettings(
              FULL_SETTINGS.target(),
              RedirectType.FOUND,
              FULL_SETTINGS.expiresAt(),
              FULL_SETTINGS.title(),
              FULL_SETTINGS.tags());
      assertThat(result.events()).containsExactly(new LinkUpdated(DOMAIN, CODE, settings, T2));
      assertThat(result.state()).isEqualTo(new LinkState.Disabled(link(settings, T0, T2)));
      assertThat(result.reply()).isEqualTo(ok(settings, LinkStatus.DISABLED, T0, T2));
    }

    @Test
    void enablePersistsLinkEnabledAndRepliesActiveView() {
      var result = run(replyTo -> new Enable(OWNER, replyTo));

      assertThat(result.events()).containsExactly(new LinkEnabled(DOMAIN, CODE, T2));
      assertThat(result.state()).isEqualTo(new LinkState.Active(link(FULL_SETTINGS, T0, T2)));
      assertThat(result.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T2));
    }

    @Test
    void disabledWinsOverExpiredInGetAndResolve() {
      clock.set(FULL_SETTINGS.expiresAt());

      assertRejected(
          run(replyTo -> new Get(OWNER, replyTo)),
          ok(FULL_SETTINGS, LinkStatus.DISABLED, T0, T1),
          disabled);
      assertRejected(resolve(), new Resolution.Gone(LinkStatus.DISABLED), disabled);
    }

    @Test
    void enableOfADisabledLinkPastItsExpiryRepliesExpiredView() {
      var expiry = FULL_SETTINGS.expiresAt();
      clock.set(expiry);

      var result = run(replyTo -> new Enable(OWNER, replyTo));

      assertThat(result.events()).containsExactly(new LinkEnabled(DOMAIN, CODE, expiry));
      assertThat(result.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.EXPIRED, T0, expiry));
      assertThat(resolve().reply()).isEqualTo(new Resolution.Gone(LinkStatus.EXPIRED));
    }
  }

  @Nested
  class OnActiveButExpired {
    private LinkState active;

    @BeforeEach
    void createLinkAndLetItExpire() {
      active = enter(Phase.ACTIVE_BUT_EXPIRED);
    }

    @Test
    void resolveRedirectsUntilTheInstantOfExpiryAndIsGoneFromThen() {
      clock.set(SHORT_EXPIRY.minusNanos(1));
      assertThat(resolve().reply())
          .isEqualTo(
              new Resolution.Redirect("https://example.com/", RedirectType.FOUND, SHORT_EXPIRY));

      clock.set(SHORT_EXPIRY);
      assertRejected(resolve(), new Resolution.Gone(LinkStatus.EXPIRED), active);
    }

    @Test
    void updateWithAFutureExpiryRevivesTheLink() {
      var later = SHORT_EXPIRY.plus(Duration.ofDays(1));

      var result = update(OWNER, expiryPatch(later));

      var revived =
          new LinkSettings("https://example.com/", RedirectType.FOUND, later, null, List.of());
      assertThat(result.events())
          .containsExactly(new LinkUpdated(DOMAIN, CODE, revived, SHORT_EXPIRY));
      assertThat(result.state()).isEqualTo(new LinkState.Active(link(revived, T0, SHORT_EXPIRY)));
      assertThat(result.reply()).isEqualTo(ok(revived, LinkStatus.ACTIVE, T0, SHORT_EXPIRY));
      assertThat(resolve().reply())
          .isEqualTo(new Resolution.Redirect("https://example.com/", RedirectType.FOUND, later));
    }

    @Test
    void updateWithClearExpiryRevivesTheLink() {
      var result = update(OWNER, new LinkPatch(null, null, null, true, null, false, null));

      var revived =
          new LinkSettings("https://example.com/", RedirectType.FOUND, null, null, List.of());
      assertThat(result.events())
          .containsExactly(new LinkUpdated(DOMAIN, CODE, revived, SHORT_EXPIRY));
      assertThat(result.reply()).isEqualTo(ok(revived, LinkStatus.ACTIVE, T0, SHORT_EXPIRY));
    }

    @Test
    void updateOfTheTitleOnlyKeepsThePastExpiryAndTheLinkExpired() {
      var result = update(OWNER, titlePatch("Still expired"));

      var retitled =
          new LinkSettings(
              "https://example.com/", RedirectType.FOUND, SHORT_EXPIRY, "Still expired", List.of());
      assertThat(result.events())
          .containsExactly(new LinkUpdated(DOMAIN, CODE, retitled, SHORT_EXPIRY));
      assertThat(result.reply()).isEqualTo(ok(retitled, LinkStatus.EXPIRED, T0, SHORT_EXPIRY));
    }

    @Test
    void updateWithAnExpiryThatIsNotInTheFutureIsRejected() {
      assertRejected(
          update(OWNER, expiryPatch(SHORT_EXPIRY)),
          rejected(ErrorCode.INVALID_EXPIRY, "expiresAt must be in the future", "expiresAt"),
          active);
    }
  }

  /**
   * The behaviours several phases share, each written once and run in every phase it applies to.
   * Each case enters its phase from a fresh entity, so the display name says all it depends on.
   */
  @Nested
  class AcrossPhases {

    /** A deleted code stays taken too: codes are never reused. */
    @ParameterizedTest(name = "create by {1} on {0} is rejected as alias taken, persists nothing")
    @MethodSource
    void createOnATakenCodeIsRejectedAsAliasTakenAndPersistsNothing(Phase phase, String owner) {
      var state = enter(phase);

      assertRejected(create(owner, draft("https://other.example/")), ALIAS_TAKEN, state);
    }

    static Stream<Arguments> createOnATakenCodeIsRejectedAsAliasTakenAndPersistsNothing() {
      return Stream.of(Phase.ACTIVE, Phase.ACTIVE_BUT_EXPIRED, Phase.DISABLED, Phase.DELETED)
          .flatMap(
              phase ->
                  Stream.of(
                      Arguments.of(phase, Named.of("the owner", OWNER)),
                      Arguments.of(phase, Named.of("a stranger", STRANGER))));
    }

    /**
     * Existence never leaks: a stranger gets the same answer from a live link as from none, and the
     * owner of a deleted link the same as from a code never used.
     */
    @ParameterizedTest(name = "{1} on {0} answers not found, persists nothing")
    @MethodSource
    void ownerCommandAnswersNotFoundAndPersistsNothing(Phase phase, OwnerCommand command) {
      var state = enter(phase);

      assertRejected(run(command), NOT_FOUND, state);
    }

    static Stream<Arguments> ownerCommandAnswersNotFoundAndPersistsNothing() {
      var byTheOwner =
          Stream.of(Phase.EMPTY, Phase.DELETED)
              .flatMap(
                  phase ->
                      ownerCommandsBy(OWNER, "the owner")
                          .map(command -> Arguments.of(phase, command)));
      var byAStranger =
          Stream.of(Phase.values())
              .flatMap(
                  phase ->
                      ownerCommandsBy(STRANGER, "a stranger")
                          .map(command -> Arguments.of(phase, command)));
      return Stream.concat(byTheOwner, byAStranger);
    }

    /** Get, and enable or disable or update to what the link already is, are idempotent. */
    @ParameterizedTest(name = "{1} by the owner on {0} replies the current view, persists nothing")
    @MethodSource
    void commandThatChangesNothingRepliesTheCurrentViewAndPersistsNothing(
        Phase phase, OwnerCommand command, LinkReply view) {
      var state = enter(phase);

      assertRejected(run(command), view, state);
    }

    static Stream<Arguments> commandThatChangesNothingRepliesTheCurrentViewAndPersistsNothing() {
      var get = named("get", replyTo -> new Get(OWNER, replyTo));
      var enable = named("enable", replyTo -> new Enable(OWNER, replyTo));
      var disable = named("disable", replyTo -> new Disable(OWNER, replyTo));
      var sameValuesSpelledDifferently =
          new LinkPatch(
              "https://DOCS.example.com/Guide?Lang=EN#Intro",
              301,
              FULL_SETTINGS.expiresAt(),
              false,
              "Docs",
              false,
              List.of("team", "docs", "docs"));
      var activeView = ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T0);
      var expiredView = ok(SHORT_LIVED_SETTINGS, LinkStatus.EXPIRED, T0, T0);
      var disabledView = ok(FULL_SETTINGS, LinkStatus.DISABLED, T0, T1);
      return Stream.of(
          Arguments.of(Phase.ACTIVE, get, activeView),
          Arguments.of(Phase.ACTIVE, enable, activeView),
          Arguments.of(
              Phase.ACTIVE,
              named(
                  "update to the same values spelled differently",
                  replyTo -> new Update(OWNER, sameValuesSpelledDifferently, replyTo)),
              activeView),
          Arguments.of(Phase.ACTIVE_BUT_EXPIRED, get, expiredView),
          Arguments.of(Phase.ACTIVE_BUT_EXPIRED, enable, expiredView),
          Arguments.of(Phase.DISABLED, get, disabledView),
          Arguments.of(Phase.DISABLED, disable, disabledView),
          Arguments.of(
              Phase.DISABLED,
              named(
                  "update to the same title",
                  replyTo -> new Update(OWNER, titlePatch("Docs"), replyTo)),
              disabledView));
    }

    @ParameterizedTest(name = "resolve on {0} answers {1}, persists nothing")
    @MethodSource
    void resolveAnswersWhatThePhaseAllowsAndPersistsNothing(Phase phase, Resolution expected) {
      var state = enter(phase);

      assertRejected(resolve(), expected, state);
    }

    static Stream<Arguments> resolveAnswersWhatThePhaseAllowsAndPersistsNothing() {
      return Stream.of(
          Arguments.of(Phase.EMPTY, new Resolution.NotFound()),
          Arguments.of(
              Phase.ACTIVE,
              new Resolution.Redirect(
                  "https://docs.example.com/Guide?Lang=EN#Intro",
                  RedirectType.MOVED_PERMANENTLY,
                  FULL_SETTINGS.expiresAt())),
          Arguments.of(Phase.ACTIVE_BUT_EXPIRED, new Resolution.Gone(LinkStatus.EXPIRED)),
          Arguments.of(Phase.DISABLED, new Resolution.Gone(LinkStatus.DISABLED)),
          Arguments.of(Phase.DELETED, new Resolution.Gone(LinkStatus.DELETED)));
    }

    @ParameterizedTest(name = "update with {1} on {0} is rejected, persists nothing")
    @MethodSource
    void updateWithInvalidPatchIsRejectedAndPersistsNothing(
        Phase phase, LinkPatch patch, LinkReply expected) {
      var state = enter(phase);

      assertRejected(update(OWNER, patch), expected, state);
    }

    static Stream<Arguments> updateWithInvalidPatchIsRejectedAndPersistsNothing() {
      return Stream.of(Phase.ACTIVE, Phase.ACTIVE_BUT_EXPIRED, Phase.DISABLED)
          .flatMap(
              phase ->
                  invalidPatches()
                      .map(Arguments::get)
                      .map(
                          patchAndReply ->
                              Arguments.of(phase, patchAndReply[0], patchAndReply[1])));
    }

    /** Disabled wins over expired: the reply says disabled, not expired. */
    @ParameterizedTest(name = "disable by the owner on {0} persists LinkDisabled")
    @EnumSource(names = {"ACTIVE", "ACTIVE_BUT_EXPIRED"})
    void disablePersistsLinkDisabledAndRepliesDisabledView(Phase phase) {
      enter(phase);
      var now = phase.now();

      var result = run(replyTo -> new Disable(OWNER, replyTo));

      assertThat(result.events()).containsExactly(new LinkDisabled(DOMAIN, CODE, now));
      assertThat(result.state()).isEqualTo(new LinkState.Disabled(link(phase.settings(), T0, now)));
      assertThat(result.reply()).isEqualTo(ok(phase.settings(), LinkStatus.DISABLED, T0, now));
    }

    @ParameterizedTest(name = "delete by the owner on {0} persists LinkDeleted")
    @EnumSource(names = {"ACTIVE", "ACTIVE_BUT_EXPIRED", "DISABLED"})
    void deletePersistsLinkDeletedAndRepliesDeletedView(Phase phase) {
      enter(phase);
      var now = phase.now();

      var result = run(replyTo -> new Delete(OWNER, replyTo));

      assertThat(result.events()).containsExactly(new LinkDeleted(DOMAIN, CODE, now));
      assertThat(result.state()).isEqualTo(new LinkState.Deleted(OWNER, now));
      assertThat(result.reply()).isEqualTo(ok(phase.settings(), LinkStatus.DELETED, T0, now));
    }
  }

  /**
   * A create its client may send again (an Idempotency-Key) carries a request id, persisted with
   * the link: the same create reaching the entity again (its first answer lost to a timeout) gets
   * the link, never a second one and never "taken"; any other create still finds the code taken.
   */
  @Nested
  class RetriedCreate {
    private static final UUID REQUEST = UUID.fromString("0b7e4f52-8d0c-4c1e-9a55-3f1d2c6a9e01");
    private static final UUID OTHER_REQUEST =
        UUID.fromString("5a1f0c3e-2b4d-4e6f-8a9b-0c1d2e3f4a5b");

    private CommandResultWithReply<LinkCommand, LinkEvent, LinkState, LinkReply> createAs(
        String owner, UUID requestId, LinkDraft draft) {
      return kit.runCommand(replyTo -> new Create(owner, draft, requestId, replyTo));
    }

    private static LinkState.Link madeByTheRequest(Instant updatedAt) {
      return new LinkState.Link(DOMAIN, CODE, OWNER, FULL_SETTINGS, T0, updatedAt, REQUEST);
    }

    @Test
    void theFirstArrivalPersistsTheRequestIdWithTheLink() {
      var result = createAs(OWNER, REQUEST, FULL_DRAFT);

      assertThat(result.events())
          .containsExactly(new LinkCreated(DOMAIN, CODE, OWNER, FULL_SETTINGS, T0, REQUEST));
      assertThat(result.state()).isEqualTo(new LinkState.Active(madeByTheRequest(T0)));
      assertThat(result.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T0));
    }

    @Test
    void theSameCreateAgainRepliesTheActiveLinkAndPersistsNothing() {
      createAs(OWNER, REQUEST, FULL_DRAFT);
      clock.set(T1);

      var again = createAs(OWNER, REQUEST, FULL_DRAFT);

      assertThat(again.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T0));
      assertThat(again.hasNoEvents()).isTrue();
    }

    @Test
    void theSameCreateAgainRepliesTheLinkAsItIsNowWhenDisabledSince() {
      createAs(OWNER, REQUEST, FULL_DRAFT);
      clock.set(T1);
      run(replyTo -> new Disable(OWNER, replyTo));
      clock.set(T2);

      var again = createAs(OWNER, REQUEST, FULL_DRAFT);

      assertThat(again.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.DISABLED, T0, T1));
      assertThat(again.hasNoEvents()).isTrue();
      assertThat(again.state()).isEqualTo(new LinkState.Disabled(madeByTheRequest(T1)));
    }

    @Test
    void anyOtherCreateFindsTheCodeTaken() {
      var state = createAs(OWNER, REQUEST, FULL_DRAFT).state();
      clock.set(T1);

      assertRejected(createAs(OWNER, OTHER_REQUEST, FULL_DRAFT), ALIAS_TAKEN, state);
      assertRejected(createAs(OWNER, null, FULL_DRAFT), ALIAS_TAKEN, state);
      assertRejected(createAs(STRANGER, REQUEST, FULL_DRAFT), ALIAS_TAKEN, state);
    }

    @Test
    void aLinkMadeWithoutARequestIdIsNeverTakenForARetriedCreate() {
      var state = create(OWNER, FULL_DRAFT).state();

      assertRejected(createAs(OWNER, REQUEST, FULL_DRAFT), ALIAS_TAKEN, state);
    }

    @Test
    void theSameCreateOnTheDeletedLinkFindsTheCodeTaken() {
      createAs(OWNER, REQUEST, FULL_DRAFT);
      clock.set(T1);
      var deleted = run(replyTo -> new Delete(OWNER, replyTo)).state();

      assertRejected(createAs(OWNER, REQUEST, FULL_DRAFT), ALIAS_TAKEN, deleted);
    }

    @Test
    void theRequestIdSurvivesRecoveryFromEventsAndFromASnapshot() {
      createAs(OWNER, REQUEST, FULL_DRAFT);
      assertThat(kit.restart().state()).isEqualTo(new LinkState.Active(madeByTheRequest(T0)));
      assertThat(createAs(OWNER, REQUEST, FULL_DRAFT).reply())
          .isEqualTo(ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T0));

      clock.set(T1);
      run(replyTo -> new Disable(OWNER, replyTo));
      run(replyTo -> new Enable(OWNER, replyTo));
      assertThat(kit.snapshotTestKit().orElseThrow().persistedInStorage(PERSISTENCE_ID))
          .extracting(Pair::second)
          .containsExactly(new LinkState.Active(madeByTheRequest(T1)));

      assertThat(kit.restart().state()).isEqualTo(new LinkState.Active(madeByTheRequest(T1)));
      var again = createAs(OWNER, REQUEST, FULL_DRAFT);
      assertThat(again.reply()).isEqualTo(ok(FULL_SETTINGS, LinkStatus.ACTIVE, T0, T1));
      assertThat(again.hasNoEvents()).isTrue();
    }
  }

  @Nested
  class Recovery {

    @Test
    void restartBeforeTheFirstSnapshotReplaysEventsToTheSameState() {
      create(OWNER, FULL_DRAFT);
      clock.advance(STEP);
      var before = update(OWNER, titlePatch("Replayed")).state();

      assertThat(kit.snapshotTestKit().orElseThrow().persistedInStorage(PERSISTENCE_ID)).isEmpty();
      assertThat(kit.restart().state()).isEqualTo(before);
    }

    @Test
    void restartAfterASnapshotAndLaterEventsRecoversTheSameState() {
      create(OWNER, FULL_DRAFT);
      clock.advance(STEP);
      update(OWNER, targetPatch("https://example.org/"));
      var t2 = clock.advance(STEP);
      run(replyTo -> new Disable(OWNER, replyTo));
      clock.advance(STEP);
      update(OWNER, tagsPatch(List.of("after-snapshot")));
      var t4 = clock.advance(STEP);
      run(replyTo -> new Enable(OWNER, replyTo));

      var retargeted =
          new LinkSettings(
              "https://example.org/",
              RedirectType.MOVED_PERMANENTLY,
              FULL_SETTINGS.expiresAt(),
              "Docs",
              List.of("team", "docs"));
      var retagged =
          new LinkSettings(
              "https://example.org/",
              RedirectType.MOVED_PERMANENTLY,
              FULL_SETTINGS.expiresAt(),
              "Docs",
              List.of("after-snapshot"));
      List<Pair<SnapshotMeta, Object>> snapshots =
          kit.snapshotTestKit().orElseThrow().persistedInStorage(PERSISTENCE_ID);
      assertThat(snapshots).hasSize(1);
      assertThat(snapshots.get(0).first().sequenceNr()).isEqualTo(SNAPSHOT_EVERY);
      assertThat(snapshots.get(0).second())
          .isEqualTo(new LinkState.Disabled(link(retargeted, T0, t2)));

      assertThat(kit.restart().state()).isEqualTo(new LinkState.Active(link(retagged, T0, t4)));
      assertThat(run(replyTo -> new Get(OWNER, replyTo)).reply())
          .isEqualTo(ok(retagged, LinkStatus.ACTIVE, T0, t4));
    }

    @Test
    void restartOfADeletedLinkRecoversTheTombstone() {
      create(OWNER, FULL_DRAFT);
      clock.advance(STEP);
      var deleted = run(replyTo -> new Delete(OWNER, replyTo)).state();

      assertThat(kit.restart().state()).isEqualTo(deleted);
      assertRejected(create(OWNER, FULL_DRAFT), ALIAS_TAKEN, deleted);
    }

    @Test
    void everyEventIsTaggedWithTheTagOfItsLink() throws Exception {
      create(OWNER, FULL_DRAFT);
      run(replyTo -> new Disable(OWNER, replyTo));
      run(replyTo -> new Delete(OWNER, replyTo));

      var journal =
          PersistenceQuery.get(Adapter.toClassic(testKit.system()))
              .getReadJournalFor(
                  PersistenceTestKitReadJournal.class, PersistenceTestKitReadJournal.Identifier());
      List<EventEnvelope> tagged =
          journal
              .currentEventsByTag(LinkEntity.tagFor(GUIDE), Offset.noOffset())
              .runWith(Sink.seq(), testKit.system())
              .toCompletableFuture()
              .get(3, TimeUnit.SECONDS);

      assertThat(tagged)
          .filteredOn(envelope -> envelope.persistenceId().equals(PERSISTENCE_ID))
          .extracting(EventEnvelope::event)
          .containsExactly(
              new LinkCreated(DOMAIN, CODE, OWNER, FULL_SETTINGS, T0),
              new LinkDisabled(DOMAIN, CODE, T0),
              new LinkDeleted(DOMAIN, CODE, T0));
    }
  }

  @Nested
  class Routing {
    private final dev.smo1.link.rules.Routing routing =
        new dev.smo1.link.rules.Routing(
            List.of(
                new dev.smo1.link.rules.Routing.Rule(
                    new dev.smo1.link.rules.Conditions(
                        java.util.Set.of("mobile"),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of("de"),
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        null),
                    "https://example.com/mobile-de")),
            List.of(
                new dev.smo1.link.rules.Routing.Variant("https://example.com/a", 1),
                new dev.smo1.link.rules.Routing.Variant("https://example.com/b", 3)),
            T0.plus(Duration.ofDays(7)));

    @Test
    void aCreatedLinkKeepsItsNormalisedRoutingAndResolvesWithIt() {
      var result =
          create(
              OWNER, new LinkDraft("https://example.com/", null, null, null, null, null, routing));

      var stored = ((LinkCreated) result.events().getFirst()).settings().routing();
      assertThat(stored.rules().getFirst().when().countries()).containsExactly("DE");
      assertThat(stored.variants()).isEqualTo(routing.variants());
      assertThat(((Resolution.Redirect) resolve().reply()).routing()).isEqualTo(stored);
    }

    @Test
    void invalidRoutingIsRefusedNamingItsFieldAndNothingIsStored() {
      var oneVariant =
          new dev.smo1.link.rules.Routing(
              List.of(),
              List.of(new dev.smo1.link.rules.Routing.Variant("https://a.example/", 1)),
              null);

      var result =
          create(
              OWNER,
              new LinkDraft("https://example.com/", null, null, null, null, null, oneVariant));

      assertThat(result.events()).isEmpty();
      assertThat(result.reply())
          .isEqualTo(
              new LinkReply.Rejected(
                  ErrorCode.INVALID_VARIANTS, "an A/B test has 2 to 5 variants", "variants"));
    }

    @Test
    void anUpdateReplacesTheRulesAndRemovingTheVariantsEndsTheirEndTime() {
      create(OWNER, new LinkDraft("https://example.com/", null, null, null, null, null, routing));

      var result =
          update(
              OWNER,
              new LinkPatch(
                  null, null, null, false, null, false, null, null, List.of(), List.of(), null,
                  false));

      var settings = ((LinkUpdated) result.events().getFirst()).settings();
      assertThat(settings.routing()).isEqualTo(dev.smo1.link.rules.Routing.NONE);
      assertThat(settings.target()).isEqualTo("https://example.com/");
      assertThat(((Resolution.Redirect) resolve().reply()).routing())
          .isEqualTo(dev.smo1.link.rules.Routing.NONE);
    }

    @Test
    void afterTheTestHasEndedItsRulesCanStillBeChangedAndAnEndWithoutVariantsIsRefused() {
      create(OWNER, new LinkDraft("https://example.com/", null, null, null, null, null, routing));
      clock.set(routing.variantsUntil().plusSeconds(60));

      var rules =
          update(
              OWNER,
              new LinkPatch(
                  null,
                  null,
                  null,
                  false,
                  null,
                  false,
                  null,
                  null,
                  List.of(new dev.smo1.link.rules.Routing.Rule(null, "https://example.com/all")),
                  null,
                  null,
                  false));
      assertThat(rules.reply()).isInstanceOf(LinkReply.Ok.class);
      assertThat(((LinkUpdated) rules.events().getFirst()).settings().routing().variantsUntil())
          .as("the ended test's end is kept")
          .isEqualTo(routing.variantsUntil());

      var endWithoutVariants =
          update(
              OWNER,
              new LinkPatch(
                  null,
                  null,
                  null,
                  false,
                  null,
                  false,
                  null,
                  null,
                  null,
                  List.of(),
                  routing.variantsUntil().plusSeconds(3_600),
                  false));
      assertThat(endWithoutVariants.events()).isEmpty();
      assertThat(endWithoutVariants.reply())
          .isEqualTo(
              new LinkReply.Rejected(
                  ErrorCode.INVALID_VARIANTS, "variantsUntil needs variants", "variantsUntil"));
    }

    @Test
    void anUpdateOfOtherFieldsKeepsTheRouting() {
      create(OWNER, new LinkDraft("https://example.com/", null, null, null, null, null, routing));

      var result = update(OWNER, new LinkPatch(null, null, null, false, "Title", false, null));

      assertThat(((LinkUpdated) result.events().getFirst()).settings().routing().variants())
          .isEqualTo(routing.variants());
    }
  }

  @Nested
  class Tags {

    @Test
    void tagOfDocsIsPinnedBecauseChangingItRepartitionsProjections() {
      assertThat(LinkEntity.tagFor(new LinkId("s.test", "docs"))).isEqualTo("link-5");
    }

    @Test
    void tagIsTheSameForEqualIds() {
      assertThat(LinkEntity.tagFor(new LinkId("s.test", "guide")))
          .isEqualTo(LinkEntity.tagFor(GUIDE));
    }

    @Test
    void tagsOfManyIdsStayWithinTagCountAndUseEveryTag() {
      var codes = new ShortCodes(7);
      var tags = new HashSet<String>();

      for (int i = 0; i < 2_000; i++) {
        tags.add(LinkEntity.tagFor(new LinkId(DOMAIN, codes.generate())));
      }

      var allowed = IntStream.range(0, LinkEntity.TAG_COUNT).mapToObj(i -> "link-" + i).toList();
      assertThat(tags).containsExactlyInAnyOrderElementsOf(allowed);
    }
  }

  @Nested
  class Options {
    private final LinkOptions options =
        new LinkOptions(
            new LinkOptions.Utm(" news ", "email", null, null, null),
            "https://example.com/over",
            new LinkOptions.Preview("The guide", null, "https://example.com/card.png"),
            3);

    private LinkDraft draftWith(LinkOptions draftOptions) {
      return new LinkDraft(
          "https://example.com/", null, null, null, null, null, null, draftOptions);
    }

    private CommandResultWithReply<LinkCommand, LinkEvent, LinkState, Resolution> visit() {
      return kit.runCommand(LinkCommand.Visit::new);
    }

    private static LinkPatch optionsPatch(LinkOptions set, Set<String> cleared) {
      return LinkPatch.ofOptions(set, cleared);
    }

    @Test
    void aCreatedLinkKeepsItsNormalisedOptionsAndResolvesWithThem() {
      var result = create(OWNER, draftWith(options));

      var stored = ((LinkCreated) result.events().getFirst()).settings().options();
      assertThat(stored.utm().source()).isEqualTo("news");
      assertThat(((Resolution.Redirect) resolve().reply()).options()).isEqualTo(stored);
      assertThat(((LinkReply.Ok) result.reply()).link().options()).isEqualTo(stored);
    }

    @Test
    void invalidOptionsAreRefusedNamingTheirFieldAndNothingIsStored() {
      var cases =
          List.of(
              new Object[] {
                new LinkOptions(new LinkOptions.Utm(" ", null, null, null, null), null, null, null),
                ErrorCode.INVALID_UTM,
                "utm.source"
              },
              new Object[] {
                new LinkOptions(
                    new LinkOptions.Utm(null, null, null, null, null), null, null, null),
                ErrorCode.INVALID_UTM,
                "utm"
              },
              new Object[] {
                new LinkOptions(null, "ftp://example.com/", null, null),
                ErrorCode.INVALID_EXPIRED_URL,
                "expiredUrl"
              },
              new Object[] {
                new LinkOptions(null, "https://s.test/loop", null, null),
                ErrorCode.INVALID_EXPIRED_URL,
                "expiredUrl"
              },
              new Object[] {
                new LinkOptions(null, null, new LinkOptions.Preview(null, "d", null), null),
                ErrorCode.INVALID_PREVIEW,
                "preview.title"
              },
              new Object[] {
                new LinkOptions(null, null, new LinkOptions.Preview("t", null, "data:x"), null),
                ErrorCode.INVALID_PREVIEW,
                "preview.image"
              },
              new Object[] {
                new LinkOptions(null, null, null, 0), ErrorCode.INVALID_MAX_VISITS, "maxVisits"
              },
              new Object[] {
                new LinkOptions(null, null, null, OptionsPolicy.MAX_VISITS + 1),
                ErrorCode.INVALID_MAX_VISITS,
                "maxVisits"
              });
      for (Object[] each : cases) {
        var result = create(OWNER, draftWith((LinkOptions) each[0]));
        assertThat(result.events()).as("%s", each[0]).isEmpty();
        var rejected = (LinkReply.Rejected) result.reply();
        assertThat(rejected.code()).as("%s", each[0]).isEqualTo(each[1]);
        assertThat(rejected.field()).as("%s", each[0]).isEqualTo(each[2]);
      }
    }

    @Test
    void exactlyMaxVisitsVisitsAreLetThroughEachCountedBeforeItsReply() {
      create(OWNER, draftWith(options));

      for (long n = 1; n <= 3; n++) {
        var result = visit();
        assertThat(result.reply()).isInstanceOf(Resolution.Redirect.class);
        assertThat(result.events())
            .containsExactly(new LinkEvent.LinkVisitCounted(DOMAIN, CODE, n, T0));
      }
      var fourth = visit();
      assertThat(fourth.reply())
          .isEqualTo(new Resolution.Gone(LinkStatus.EXHAUSTED, "https://example.com/over"));
      assertThat(fourth.hasNoEvents()).isTrue();
      var view = ((LinkReply.Ok) run(replyTo -> new Get(OWNER, replyTo)).reply()).link();
      assertThat(view.status()).isEqualTo(LinkStatus.EXHAUSTED);
      assertThat(view.visits()).isEqualTo(3);
    }

    @Test
    void aResolveCountsNothingSoBotsAndCachesDoNotUseVisits() {
      create(OWNER, draftWith(options));
      visit();

      var resolved = resolve();

      assertThat(resolved.hasNoEvents()).isTrue();
      assertThat(resolved.reply()).isInstanceOf(Resolution.Redirect.class);
      visit();
      visit();
      assertThat(resolve().reply())
          .isEqualTo(new Resolution.Gone(LinkStatus.EXHAUSTED, "https://example.com/over"));
    }

    @Test
    void theCountSurvivesARestart() {
      create(OWNER, draftWith(options));
      visit();
      visit();

      kit.restart();

      assertThat(visit().reply()).isInstanceOf(Resolution.Redirect.class);
      assertThat(visit().reply()).isInstanceOf(Resolution.Gone.class);
    }

    @Test
    void aVisitToALinkWithoutALimitPersistsNothing() {
      create(OWNER, FULL_DRAFT);

      var result = visit();

      assertThat(result.hasNoEvents()).isTrue();
      assertThat(result.reply()).isInstanceOf(Resolution.Redirect.class);
    }

    @Test
    void raisingOrClearingTheLimitLetsVisitorsThroughAgainAndKeepsTheCount() {
      create(OWNER, draftWith(options));
      visit();
      visit();
      visit();

      update(OWNER, optionsPatch(new LinkOptions(null, null, null, 4), Set.of()));
      assertThat(visit().reply()).isInstanceOf(Resolution.Redirect.class);
      assertThat(visit().reply()).isInstanceOf(Resolution.Gone.class);

      var cleared = update(OWNER, optionsPatch(null, Set.of("maxVisits")));
      var view = ((LinkReply.Ok) cleared.reply()).link();
      assertThat(view.options().maxVisits()).isNull();
      assertThat(view.options().utm())
          .isEqualTo(new LinkOptions.Utm("news", "email", null, null, null));
      assertThat(view.status()).isEqualTo(LinkStatus.ACTIVE);
      assertThat(visit().hasNoEvents()).isTrue();
    }

    @Test
    void aPasswordIsKeptAsItsHashSinceTheCommandThatSetItAndEachNewOneMovesThatOn() {
      var hash = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
      create(
          OWNER,
          draftWith(new LinkOptions(null, null, null, null, new LinkOptions.Password(hash, null))));
      assertThat(((Resolution.Redirect) resolve().reply()).options().password())
          .isEqualTo(new LinkOptions.Password(hash, T0));
      assertThat(new LinkOptions.Password(hash, T0).toString()).doesNotContain("argon2");

      clock.set(T1);
      update(
          OWNER,
          optionsPatch(
              new LinkOptions(null, null, null, null, new LinkOptions.Password(hash + "x", null)),
              Set.of()));
      assertThat(((Resolution.Redirect) resolve().reply()).options().password().since())
          .isEqualTo(T1);

      update(OWNER, optionsPatch(null, Set.of("password")));
      assertThat(((Resolution.Redirect) resolve().reply()).options().protectedByPassword())
          .isFalse();
    }

    @Test
    void aPasswordThatIsNoArgon2idHashIsRefused() {
      var result =
          create(
              OWNER,
              draftWith(
                  new LinkOptions(
                      null, null, null, null, new LinkOptions.Password("plain text", null))));

      assertThat(result.hasNoEvents()).isTrue();
      assertThat(((LinkReply.Rejected) result.reply()).code())
          .isEqualTo(ErrorCode.INVALID_PASSWORD);
    }

    @Test
    void anOptionBothSetAndClearedIsRefused() {
      create(OWNER, draftWith(options));

      var result =
          update(OWNER, optionsPatch(new LinkOptions(null, null, null, 9), Set.of("maxVisits")));

      assertThat(result.hasNoEvents()).isTrue();
      assertThat(result.reply())
          .isEqualTo(
              new LinkReply.Rejected(
                  ErrorCode.INVALID_MAX_VISITS, "maxVisits is both set and cleared", "maxVisits"));
    }

    @Test
    void aDisabledLinkSendsItsVisitorsToTheFallbackAndADeletedOneDoesNot() {
      create(OWNER, draftWith(options));
      run(replyTo -> new Disable(OWNER, replyTo));

      assertThat(visit().reply())
          .isEqualTo(new Resolution.Gone(LinkStatus.DISABLED, "https://example.com/over"));
      run(replyTo -> new Delete(OWNER, replyTo));
      assertThat(visit().reply()).isEqualTo(new Resolution.Gone(LinkStatus.DELETED));
    }
  }
}
