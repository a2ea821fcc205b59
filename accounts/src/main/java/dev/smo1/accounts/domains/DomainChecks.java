package dev.smo1.accounts.domains;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Whether a domain is proven and pointed at SMO1, read from DNS now: its TXT record {@code
 * _smo1-challenge.<domain>} holds the token (compared by SHA-256, the only form kept), and it
 * points at the {@link DomainTarget}. A resolver failure is {@link Outcome#UNKNOWN}: it proves
 * nothing either way.
 */
public final class DomainChecks {
  /** What one check found. */
  public enum Outcome {
    VERIFIED,
    /** DNS answered, and the domain is not proven or not pointed at SMO1. */
    NOT_VERIFIED,
    /** DNS did not answer: nothing is known. */
    UNKNOWN
  }

  /** A check's outcome and, unless verified, what the domain's owner should know, in words. */
  public record Check(Outcome outcome, String problem) {}

  private final DnsRecords dns;
  private final DomainTarget target;

  public DomainChecks(DnsRecords dns, DomainTarget target) {
    this.dns = dns;
    this.target = target;
  }

  public DomainTarget target() {
    return target;
  }

  public CompletionStage<Check> check(String domain, String challengeSha256) {
    String challenge = DomainNames.challengeName(domain);
    return dns.txt(challenge)
        .thenCompose(
            values -> {
              if (values.isEmpty()) {
                return done(
                    Outcome.NOT_VERIFIED,
                    "No TXT record "
                        + challenge
                        + " was found: add it with the token shown when the domain was added.");
              }
              if (values.stream()
                  .noneMatch(value -> sha256(value.strip()).equals(challengeSha256))) {
                return done(
                    Outcome.NOT_VERIFIED,
                    "The TXT record "
                        + challenge
                        + " holds no value matching this domain's token.");
              }
              if (!target.checked()) {
                return done(Outcome.VERIFIED, null);
              }
              return dns.pointing(domain).thenApply(pointing -> pointed(domain, pointing));
            })
        .exceptionally(
            error -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause instanceof DnsRecords.LookupFailed failed) {
                return new Check(Outcome.UNKNOWN, "DNS could not be read: " + failed.getMessage());
              }
              throw error instanceof CompletionException completion
                  ? completion
                  : new CompletionException(error);
            });
  }

  private Check pointed(String domain, DnsRecords.Pointing pointing) {
    // a CNAME to the target anywhere in the chain (brand → a provider's name → SMO1's)
    if (target.cname().isPresent() && pointing.chain().contains(target.cname().get())) {
      return new Check(Outcome.VERIFIED, null);
    }
    List<InetAddress> addresses = pointing.addresses();
    if (!addresses.isEmpty() && target.addresses().containsAll(addresses)) {
      return new Check(Outcome.VERIFIED, null);
    }
    String now =
        pointing.cname().isPresent()
            ? "is a CNAME to " + pointing.cname().get()
            : addresses.isEmpty()
                ? "has no address"
                : "points to "
                    + String.join(
                        ", ", addresses.stream().map(InetAddress::getHostAddress).toList());
    return new Check(
        Outcome.NOT_VERIFIED,
        domain + " " + now + ": point it at SMO1 with " + target.describe() + ".");
  }

  private static CompletionStage<Check> done(Outcome outcome, String problem) {
    return java.util.concurrent.CompletableFuture.completedFuture(new Check(outcome, problem));
  }

  /** The SHA-256 of a challenge token, in lower-case hex: the only form of it that is kept. */
  public static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
