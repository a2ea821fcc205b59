package dev.smo1.accounts.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.access.Access;
import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.access.Role;
import dev.smo1.accounts.audit.RequestOrigin;
import dev.smo1.accounts.testing.AccountsDatabase;
import dev.smo1.localstores.testing.TestDns;
import dev.smo1.localstores.testing.TestDns.Entry;
import dev.smo1.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom domains verified against a real DNS server on loopback (dnsmasq) and the real schema:
 * pending until DNS shows the token and the pointing, a wrong token stays pending, a record removed
 * is flagged by the background re-check, a resolver that does not answer changes nothing, and a
 * domain one workspace verified is never another's.
 */
class DomainServiceTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final String TARGET = "cname.smo1.test";
  private static final DomainRules RULES =
      new DomainRules(
          Set.of("smo1.test"),
          3,
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          Duration.ofDays(7),
          Duration.ofHours(24));

  private static Jdbc jdbc;
  private static TestDns dns;
  private final MutableClock clock = new MutableClock(T0);
  private DomainService domains;

  @BeforeAll
  static void start() {
    jdbc = new Jdbc(AccountsDatabase.migrated(), Runnable::run);
    dns = TestDns.start(List.of());
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  @BeforeEach
  void empty() throws Exception {
    jdbc.transactionNow(
        connection -> {
          connection.createStatement().execute("DELETE FROM custom_domains");
          connection.createStatement().execute("DELETE FROM workspaces");
          for (String id : List.of("acme", "other")) {
            connection
                .createStatement()
                .execute(
                    "INSERT INTO workspaces (id, name, created_at, version) VALUES ('"
                        + id
                        + "', '"
                        + id
                        + "', now(), 1)");
          }
          return null;
        });
    dns.set(List.of(Entry.a(TARGET, "127.0.0.1")));
    domains = service(dns.address());
  }

  private DomainService service(InetSocketAddress resolver) throws Exception {
    return service(resolver, RULES);
  }

  private DomainService service(InetSocketAddress resolver, DomainRules rules) throws Exception {
    return new DomainService(
        jdbc,
        new DomainChecks(
            new DnsRecords(resolver, Duration.ofMillis(500)),
            new DomainTarget(Optional.of(TARGET), Set.of(InetAddress.getByName("127.0.0.2")))),
        rules,
        clock);
  }

  private static Access admin(String workspace) {
    return Access.ofMember(
        new Principal.User(UUID.randomUUID(), "admin@example.com", UUID.randomUUID(), false),
        workspace,
        Role.ADMIN);
  }

  private DomainView add(String workspace, String domain) {
    return domains
        .add(admin(workspace), domain, RequestOrigin.UNKNOWN)
        .toCompletableFuture()
        .join();
  }

  private DomainView verify(String workspace, String domain) {
    return domains
        .verify(admin(workspace), domain, RequestOrigin.UNKNOWN)
        .toCompletableFuture()
        .join();
  }

  private DomainView get(String workspace, String domain) {
    return domains.get(workspace, domain).toCompletableFuture().join();
  }

  private static String token(DomainView added) {
    return added.records().stream()
        .filter(record -> record.type().equals("TXT"))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void aDomainIsPendingUntilDnsShowsItsTokenAndPointsAtSmo1() {
    DomainView added = add("acme", "Go.Shop.TEST.");
    assertThat(added.domain()).isEqualTo("go.shop.test");
    assertThat(added.status()).isEqualTo(DomainStatus.PENDING);
    String token = token(added);
    assertThat(token).startsWith("smo1-verify=").hasSizeGreaterThan(40);
    assertThat(added.records())
        .extracting(DomainView.DnsRecord::type, DomainView.DnsRecord::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("TXT", "_smo1-challenge.go.shop.test"),
            org.assertj.core.groups.Tuple.tuple("CNAME", "go.shop.test"),
            org.assertj.core.groups.Tuple.tuple("A", "go.shop.test"));
    // shown once: the token is kept as a hash
    assertThat(get("acme", "go.shop.test").records().getFirst().value()).isNull();

    var nothing = verify("acme", "go.shop.test");
    assertThat(nothing.status()).isEqualTo(DomainStatus.PENDING);
    assertThat(nothing.problem()).contains("No TXT record _smo1-challenge.go.shop.test");

    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.go.shop.test", "smo1-verify=somebody-elses")));
    var wrong = verify("acme", "go.shop.test");
    assertThat(wrong.status()).isEqualTo(DomainStatus.PENDING);
    assertThat(wrong.problem()).contains("holds no value matching");

    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.go.shop.test", token),
            Entry.a("go.shop.test", "192.0.2.1")));
    var elsewhere = verify("acme", "go.shop.test");
    assertThat(elsewhere.status()).isEqualTo(DomainStatus.PENDING);
    assertThat(elsewhere.problem())
        .contains(
            "go.shop.test points to 192.0.2.1: point it at SMO1 with a CNAME record to " + TARGET);

    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.go.shop.test", token),
            Entry.cname("go.shop.test", TARGET)));
    var verified = verify("acme", "go.shop.test");
    assertThat(verified.status()).isEqualTo(DomainStatus.VERIFIED);
    assertThat(verified.problem()).isNull();
    assertThat(verified.verifiedAt()).isEqualTo(T0);
    assertThat(verified.nextCheckAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
  }

  @Test
  void anApexDomainIsPointedWithItsAddresses() {
    String token = token(add("acme", "apex.test"));
    dns.set(
        List.of(Entry.txt("_smo1-challenge.apex.test", token), Entry.a("apex.test", "127.0.0.2")));
    assertThat(verify("acme", "apex.test").status()).isEqualTo(DomainStatus.VERIFIED);
  }

  @Test
  void theBackgroundCheckVerifiesBacksOffAndFlagsARecordRemovedLater() {
    String token = token(add("acme", "shop.test"));
    // nothing is due before the first retry
    assertThat(checkDue()).isZero();

    clock.advance(Duration.ofMinutes(1));
    assertThat(checkDue()).isEqualTo(1);
    DomainView first = get("acme", "shop.test");
    assertThat(first.status()).isEqualTo(DomainStatus.PENDING);
    assertThat(first.nextCheckAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(checkDue()).isEqualTo(1);
    // the wait doubles
    assertThat(get("acme", "shop.test").nextCheckAt())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.shop.test", token),
            Entry.cname("shop.test", TARGET)));
    clock.advance(Duration.ofMinutes(2));
    assertThat(checkDue()).isEqualTo(1);
    assertThat(get("acme", "shop.test").status()).isEqualTo(DomainStatus.VERIFIED);

    // the owner removes the TXT record: the next daily check flags the domain
    dns.set(List.of(Entry.a(TARGET, "127.0.0.1"), Entry.cname("shop.test", TARGET)));
    clock.advance(Duration.ofHours(23));
    assertThat(checkDue()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(checkDue()).isEqualTo(1);
    DomainView flagged = get("acme", "shop.test");
    assertThat(flagged.status()).isEqualTo(DomainStatus.FAILING);
    assertThat(flagged.problem()).contains("No TXT record _smo1-challenge.shop.test");
    assertThat(flagged.nextCheckAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

    // put back: verified again
    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.shop.test", token),
            Entry.cname("shop.test", TARGET)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(checkDue()).isEqualTo(1);
    assertThat(get("acme", "shop.test").status()).isEqualTo(DomainStatus.VERIFIED);
  }

  @Test
  void aPendingDomainIsGivenUpOnButCanStillBeVerifiedOnRequest() throws Exception {
    // given up on after 2 hours here (a week by default): checks at 1, 2, 4, 8, 16, 32 and 64
    // minutes, and none at 128
    domains =
        service(
            dns.address(),
            new DomainRules(
                Set.of("smo1.test"),
                3,
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofHours(2),
                Duration.ofHours(24)));
    String token = token(add("acme", "late.test"));
    int checks = 0;
    for (int i = 0; i < 20 && get("acme", "late.test").nextCheckAt() != null; i++) {
      clock.set(get("acme", "late.test").nextCheckAt());
      checks += checkDue();
    }
    DomainView given = get("acme", "late.test");
    assertThat(checks).isEqualTo(7);
    assertThat(given.nextCheckAt()).isNull();
    assertThat(given.checkedAt()).isEqualTo(T0.plus(Duration.ofMinutes(64)));
    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.late.test", token),
            Entry.cname("late.test", TARGET)));
    assertThat(verify("acme", "late.test").status()).isEqualTo(DomainStatus.VERIFIED);
  }

  @Test
  void aResolverThatDoesNotAnswerChangesNothingButWhenToLookAgain() throws Exception {
    String token = token(add("acme", "shop.test"));
    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.shop.test", token),
            Entry.cname("shop.test", TARGET)));
    assertThat(verify("acme", "shop.test").status()).isEqualTo(DomainStatus.VERIFIED);

    // a port nothing listens on
    domains =
        service(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), dns.address().getPort() + 1));
    DomainView unknown = verify("acme", "shop.test");
    assertThat(unknown.status()).isEqualTo(DomainStatus.VERIFIED);
    assertThat(unknown.problem()).startsWith("DNS could not be read");
  }

  @Test
  void aDomainOneWorkspaceVerifiedIsNeverAnothersEvenOnceRemoved() {
    String token = token(add("acme", "shop.test"));
    // a claim proves nothing: another workspace may claim it too while it is pending
    String theirs = token(add("other", "shop.test"));
    assertThat(theirs).isNotEqualTo(token);
    dns.set(
        List.of(
            Entry.a(TARGET, "127.0.0.1"),
            Entry.txt("_smo1-challenge.shop.test", token),
            Entry.txt("_smo1-challenge.shop.test", theirs),
            Entry.cname("shop.test", TARGET)));
    assertThat(verify("acme", "shop.test").status()).isEqualTo(DomainStatus.VERIFIED);
    DomainView second = verify("other", "shop.test");
    assertThat(second.status()).isEqualTo(DomainStatus.PENDING);
    assertThat(second.problem()).contains("Another workspace verified shop.test first");

    domains.remove(admin("acme"), "shop.test", RequestOrigin.UNKNOWN).toCompletableFuture().join();
    assertThat(domains.list("acme").toCompletableFuture().join()).isEmpty();
    refused(() -> add("other", "shop.test"), AccountError.DOMAIN_TAKEN);
    // the workspace that held it may add it again: pending, under a new token
    DomainView again = add("acme", "shop.test");
    assertThat(again.status()).isEqualTo(DomainStatus.PENDING);
    assertThat(token(again)).isNotEqualTo(token);
  }

  @Test
  void namesNotFitAndDomainsAddedTwiceOrBeyondTheLimitAreRefused() {
    for (String bad :
        List.of(
            "localhost",
            "shop",
            "smo1.test",
            "links.smo1.test",
            "127.0.0.1",
            "-bad.test",
            "a..b.test",
            "https://shop.test/",
            "shop.local",
            "x".repeat(64) + ".test")) {
      refused(() -> add("acme", bad), AccountError.INVALID_DOMAIN);
    }
    add("acme", "one.test");
    refused(() -> add("acme", "ONE.test"), AccountError.DOMAIN_EXISTS);
    add("acme", "two.test");
    add("acme", "three.test");
    refused(() -> add("acme", "four.test"), AccountError.LIMIT_REACHED);
    assertThat(add("other", "bücher.test").domain()).isEqualTo("xn--bcher-kva.test");
  }

  @Test
  void settingsAreLinkTargetsNeverOnSmo1NorOnTheDomainItself() {
    add("acme", "shop.test");
    DomainView set =
        domains
            .updateSettings(
                admin("acme"),
                "shop.test",
                new DomainView.Settings(
                    "https://example.com/home", null, "https://example.com/gone"),
                RequestOrigin.UNKNOWN)
            .toCompletableFuture()
            .join();
    assertThat(set.settings())
        .isEqualTo(
            new DomainView.Settings("https://example.com/home", null, "https://example.com/gone"));
    for (String loop :
        List.of("https://shop.test/x", "https://smo1.test/abc", "ftp://example.com/")) {
      refused(
          () ->
              domains
                  .updateSettings(
                      admin("acme"),
                      "shop.test",
                      new DomainView.Settings(null, loop, null),
                      RequestOrigin.UNKNOWN)
                  .toCompletableFuture()
                  .join(),
          AccountError.INVALID_URL);
    }
  }

  private int checkDue() {
    return domains.checkDue(10).toCompletableFuture().join();
  }

  private static void refused(Runnable call, AccountError error) {
    assertThatThrownBy(call::run)
        .satisfies(
            thrown -> {
              Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
              assertThat(cause).isInstanceOf(AccountException.class);
              assertThat(((AccountException) cause).error()).isEqualTo(error);
            });
  }
}
