package dev.smo1.accounts.domains;

import java.time.Instant;
import java.util.List;

/**
 * A workspace's custom domain as its members see it: where it stands, the DNS records it needs (the
 * TXT record's value only in the answer that made the token: it is kept as a hash), why its last
 * check failed, and its settings. {@code removedAt} is set once it was removed (its links answer
 * 410).
 */
public record DomainView(
    String domain,
    DomainStatus status,
    Instant createdAt,
    Instant verifiedAt,
    Instant checkedAt,
    Instant nextCheckAt,
    String problem,
    List<DnsRecord> records,
    Settings settings) {

  /** A record to add at the domain's DNS host; {@code value} null when not shown (the token). */
  public record DnsRecord(String type, String name, String value, String purpose) {}

  /**
   * Where the domain's visitors go: its bare name ({@code rootUrl}), a code it has no link for
   * ({@code notFoundUrl}, instead of the 404 page), and its links that are gone ({@code
   * expiredUrl}, when the link has no fallback of its own). Null: SMO1's pages.
   */
  public record Settings(String rootUrl, String notFoundUrl, String expiredUrl) {
    public static final Settings NONE = new Settings(null, null, null);
  }

  /** This view with the TXT record's value shown: in the answer that made the token only. */
  DomainView withToken(String token) {
    var shown =
        records.stream()
            .map(
                record ->
                    record.type().equals("TXT")
                        ? new DnsRecord(record.type(), record.name(), token, record.purpose())
                        : record)
            .toList();
    return new DomainView(
        domain, status, createdAt, verifiedAt, checkedAt, nextCheckAt, problem, shown, settings);
  }
}
