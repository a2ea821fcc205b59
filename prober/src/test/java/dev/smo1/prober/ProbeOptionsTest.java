package dev.smo1.prober;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeOptionsTest {
  @TempDir Path directory;

  @Test
  void defaultsProbeWithHeadAtFivePerSecondForAMinute() throws Exception {
    var options =
        ProbeOptions.parse(
            List.of("https://smo1.link/", "--code", "docs", "--api", "https://app.smo1.dev"));
    assertThat(options.targets()).containsExactly(URI.create("https://smo1.link"));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.rate()).isEqualTo(5);
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.method()).isEqualTo("HEAD");
    assertThat(options.job()).isEqualTo("smo1-probe");
    assertThat(options.instance()).isEqualTo("default");
    assertThat(options.pushgateway()).isEmpty();
    assertThat(options.metricsPort()).isEmpty();
    assertThat(options.requestsPerTarget()).isEqualTo(300);
    assertThat(ProbeOptions.probeUrl(options.targets().getFirst(), "docs"))
        .isEqualTo(URI.create("https://smo1.link/docs"));
  }

  @Test
  void aCodesFileGivesCodesWithAndWithoutTheirExpectation() throws Exception {
    Path codes = directory.resolve("codes.txt");
    Files.writeString(
        codes,
        """
        # canaries
        docs

        launch   https://example.com/launch?utm_source=x
        perm https://example.com/p 301
        """);
    var options =
        ProbeOptions.parse(
            List.of("http://127.0.0.1:8787", "--codes", codes.toString(), "--api", "http://a"));
    assertThat(options.codes())
        .containsExactly(
            new CodeLine("docs", Optional.empty()),
            new CodeLine(
                "launch",
                Optional.of(
                    new Expectation(
                        "launch",
                        Expectation.REDIRECTS,
                        Set.of("https://example.com/launch?utm_source=x")))),
            new CodeLine(
                "perm",
                Optional.of(
                    new Expectation("perm", Set.of(301), Set.of("https://example.com/p")))));
  }

  @Test
  void codesThatAllHaveTheirLocationNeedNoApi() throws Exception {
    Path codes = directory.resolve("codes.txt");
    Files.writeString(codes, "a1 https://example.com/a\n");
    assertThat(ProbeOptions.parse(List.of("http://e", "--codes", codes.toString())).api())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--code docs --api http://a | no edge URL given",
        "http://e | no code given (--codes FILE or --code CODE)",
        "http://e --code docs | codes without an expected location need --api",
        "ftp://e --code docs --api http://a | edge URL must be an absolute http(s) URL: ftp://e",
        "http://e?x=1 --code docs --api http://a | an edge URL has no query or fragment",
        "http://e http://e/ --code docs --api http://a | edge URL given twice",
        "http://e --code do/cs --api http://a | not a link code",
        "http://e --code docs --api http://a --rate 0 | --rate must be between 0.01 and 1000",
        "http://e --code docs --api http://a --rate many | --rate must be a number: many",
        "http://e --code docs --api http://a --duration 90000 | --duration must be between 1 and 86400",
        "http://e --code docs --api http://a --timeout 61 | --timeout must be between 0.01 and 60",
        "http://e --code docs --api http://a --method POST | --method must be HEAD or GET: POST",
        "http://e --code docs --api http://a --job a/b | --job has characters it may not: a/b",
        "http://e --code docs --api http://a --metrics-port 70000 | --metrics-port must be between",
        "http://e --code docs --api http://a --metrics-port 1.5 | --metrics-port must be a whole number",
        "http://e --code docs --api http://a --rate 1000 --duration 1001 | over 1000000 requests per edge URL",
        "http://e --code docs --api http://a --pushgateway | --pushgateway needs a value",
        "http://e --code docs --api http://a --frobnicate 1 | unknown option --frobnicate",
        "http://e --codes /nonexistent/codes.txt | cannot read the codes file /nonexistent/codes.txt",
      })
  void badArgumentsAreRefusedWithWhatIsWrong(String arguments, String message) {
    assertThatThrownBy(() -> ProbeOptions.parse(Arrays.asList(arguments.split(" "))))
        .isInstanceOf(InvalidArguments.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "docs https://example.com/a 303 | the status must be 301, 302, 307 or 308",
        "docs /relative | the location must be an absolute http(s) URL",
        "docs https://example.com/a 302 extra | expected 'code [location [status]]'",
        "do.cs | not a link code",
      })
  void badCodesFileLinesAreRefusedWithTheirLine(String line, String message) throws Exception {
    Path codes = directory.resolve("codes.txt");
    Files.writeString(codes, "ok1\n" + line + "\n");
    assertThatThrownBy(() -> ProbeOptions.parse(List.of("http://e", "--codes", codes.toString())))
        .isInstanceOf(InvalidArguments.class)
        .hasMessageStartingWith(codes + ":2: ")
        .hasMessageContaining(message);
  }
}
