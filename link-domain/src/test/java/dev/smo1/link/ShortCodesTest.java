package dev.smo1.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShortCodesTest {

  @Test
  void theSystemWordsAreTheOnesTheEdgeWorkerRefusesWithoutALookup() throws Exception {
    // packages/kv-record/contract/system-words.json: the Worker imports it (edge-redirect)
    var file =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                java.nio.file.Path.of("../packages/kv-record/contract/system-words.json").toFile());
    var words = new HashSet<String>();
    file.get("words").forEach(word -> words.add(word.asText()));

    assertThat(words).isEqualTo(ShortCodes.SYSTEM_WORDS);
  }

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Violation INVALID =
      new Violation(
          ErrorCode.INVALID_ALIAS,
          "alias must be 3 to 64 characters of A-Z, a-z, 0-9, '_' and '-'",
          "alias");

  private static List<String> generate(int length, int count) {
    var codes = new ShortCodes(length);
    return IntStream.range(0, count).mapToObj(i -> codes.generate()).toList();
  }

  @ParameterizedTest(name = "length {0}")
  @ValueSource(ints = {3, 7, 64})
  void generatedCodesHaveTheConfiguredLengthAndAreValidAliases(int length) {
    assertThat(generate(length, 500))
        .allSatisfy(
            code -> {
              assertThat(code).hasSize(length);
              assertThat(ShortCodes.checkAlias(code)).isEmpty();
            });
  }

  @Test
  void generatedCodesUseTheWholeBase62AlphabetAndNothingElse() {
    var used = new HashSet<Character>();
    generate(7, 10_000).forEach(code -> code.chars().forEach(c -> used.add((char) c)));

    var alphabet = new HashSet<Character>();
    BASE62.chars().forEach(c -> alphabet.add((char) c));
    assertThat(used).isEqualTo(alphabet);
  }

  @Test
  void tenThousandGeneratedCodesAreAllDistinct() {
    assertThat(new HashSet<>(generate(7, 10_000))).hasSize(10_000);
  }

  /**
   * Twenty-five of the 62^3 three-character codes spell {@code api}, {@code www}, {@code app} or
   * {@code 404} in some case: 60,000 draws would hit about six of them (and none only 0.2% of the
   * time) if the generator did not skip reserved words.
   */
  @Test
  void generatedCodesAreNeverReservedWords() {
    assertThat(generate(3, 60_000)).noneMatch(ShortCodes::isReserved);
  }

  @ParameterizedTest(name = "length {0}")
  @ValueSource(ints = {-1, 0, 2, 65})
  void generatorRefusesLengthsOutsideTheAliasRange(int length) {
    assertThatThrownBy(() -> new ShortCodes(length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("generated code length must be between 3 and 64");
  }

  static Stream<String> validAliases() {
    return Stream.of(
        "abc",
        "ABC",
        "a_b",
        "a-b",
        "0-9",
        "___",
        "Docs_2024-v1",
        "apis",
        "my-api",
        "administrator",
        "a".repeat(64));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("validAliases")
  void acceptsAliasesOf3To64AllowedCharacters(String alias) {
    assertThat(ShortCodes.checkAlias(alias)).isEmpty();
  }

  static Stream<String> invalidAliases() {
    return Stream.of(
        "a",
        "ab",
        "a".repeat(65),
        "a b",
        " abc",
        "abc ",
        "a.b",
        "a/b",
        "a?b",
        "abc!",
        "abc\n",
        "ümlaut",
        "%41bc",
        "favicon.ico",
        "robots.txt",
        "_");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @MethodSource("invalidAliases")
  void refusesAliasesOfWrongLengthOrCharactersAsInvalid(String alias) {
    assertThat(ShortCodes.checkAlias(alias)).contains(INVALID);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "api",
        "API",
        "Api",
        "admin",
        "Admin",
        "ADMIN",
        "health",
        "healthz",
        "readyz",
        "metrics",
        "static",
        "assets",
        "login",
        "LogOut",
        "internal",
        "well-known",
        "www",
        "WWW",
        "app",
        "App",
        "docs",
        "pricing",
        "Blog",
        "_next",
        "404",
        "_not-found",
        "opengraph-image"
      })
  void refusesReservedWordsCaseInsensitively(String alias) {
    assertThat(ShortCodes.checkAlias(alias))
        .contains(
            new Violation(ErrorCode.RESERVED_ALIAS, "alias '" + alias + "' is reserved", "alias"));
  }

  @Test
  void everyReservedWordIsRefusedEitherAsReservedOrAsInvalid() {
    assertThat(ShortCodes.RESERVED)
        .allSatisfy(
            word -> {
              Optional<Violation> violation = ShortCodes.checkAlias(word);
              assertThat(violation).isPresent();
              assertThat(violation.get().code())
                  .isIn(ErrorCode.RESERVED_ALIAS, ErrorCode.INVALID_ALIAS);
              assertThat(ShortCodes.isReserved(word.toUpperCase(Locale.ROOT))).isTrue();
            });
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"docs", "Docs", "pricing", "app", "404", "_next"})
  void aPageWordMayBeTheCodeOfALinkMadeBeforeItWasReserved(String code) {
    assertThat(ShortCodes.isReserved(code)).isTrue();
    assertThat(ShortCodes.mayExist(code)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"api", "API", "healthz", "internal", "www", "ab", "a/b", "favicon.ico"})
  void noLinkCanExistUnderASystemWordOrAnInvalidCode(String code) {
    assertThat(ShortCodes.mayExist(code)).isFalse();
  }

  @Test
  void mayExistAcceptsEveryValidAliasThatIsNoSystemWord() {
    assertThat(List.of("abc", "Guide", "a_b-c", "x".repeat(64))).allMatch(ShortCodes::mayExist);
    assertThat(ShortCodes.SYSTEM_WORDS).noneMatch(ShortCodes::mayExist);
  }

  @Test
  void aDerivedCodeIsTheSameForItsSeedAndAnotherForAnotherSeed() {
    String code = ShortCodes.derive("request-1/", 7);
    assertThat(code).matches("[0-9A-Za-z]{7}").isEqualTo(ShortCodes.derive("request-1/", 7));
    assertThat(ShortCodes.derive("request-2/", 7)).isNotEqualTo(code);
    assertThat(ShortCodes.derive("request-1/" + code, 7)).isNotEqualTo(code);
    assertThat(ShortCodes.derive("request-1/", 12)).hasSize(12);
    assertThat(
            java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(i -> ShortCodes.derive("seed-" + i, 3)))
        .noneMatch(ShortCodes::isReserved);
  }

  @Test
  void bulkIsReservedForTheLinkApisOwnPath() {
    assertThat(ShortCodes.checkAlias("bulk")).isPresent();
    assertThat(ShortCodes.checkAlias("Bulk")).isPresent();
    // a link made with it before still redirects
    assertThat(ShortCodes.mayExist("bulk")).isTrue();
  }
}
