package dev.smo1.accounts.domains;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads a domain's records from one recursive resolver (dnsjava), asking it directly every time: no
 * cache of ours, so a record changed or removed is seen as soon as the resolver sees it. A name
 * that does not exist (NXDOMAIN) or has no record of the type is an empty answer; a resolver that
 * fails (SERVFAIL, REFUSED, no answer within the timeout) completes exceptionally with {@link
 * LookupFailed}, which says nothing about the domain.
 */
public final class DnsRecords {
  /** The resolver could not answer: nothing is known about the name. */
  public static final class LookupFailed extends IOException {
    LookupFailed(String message) {
      super(message);
    }
  }

  /**
   * Where a name points: the CNAME its resolution starts with, if any, every name of its CNAME
   * chain, and its addresses.
   */
  public record Pointing(Optional<String> cname, List<String> chain, List<InetAddress> addresses) {}

  private final SimpleResolver resolver;

  /** Asks the resolver at {@code address}, each query waiting at most {@code timeout}. */
  public DnsRecords(InetSocketAddress address, Duration timeout) {
    this.resolver = new SimpleResolver(address);
    this.resolver.setTimeout(timeout);
  }

  /** The TXT values of {@code name} (each record's strings joined, as RFC 7208 reads them). */
  public CompletionStage<List<String>> txt(String name) {
    return query(name, Type.TXT)
        .thenApply(
            answer -> {
              List<String> values = new ArrayList<>();
              for (Record record : answer) {
                if (record instanceof TXTRecord txt) {
                  values.add(String.join("", txt.getStrings()));
                }
              }
              return values;
            });
  }

  /** The CNAME and the IPv4 and IPv6 addresses {@code name} resolves to. */
  public CompletionStage<Pointing> pointing(String name) {
    return query(name, Type.A)
        .thenCombine(
            query(name, Type.AAAA),
            (v4, v6) -> {
              Optional<String> cname = Optional.empty();
              List<String> chain = new ArrayList<>();
              List<InetAddress> addresses = new ArrayList<>();
              for (List<Record> answer : List.of(v4, v6)) {
                for (Record record : answer) {
                  if (record instanceof CNAMERecord alias) {
                    String target = plain(alias.getTarget());
                    if (!chain.contains(target)) {
                      chain.add(target);
                    }
                    if (cname.isEmpty() && sameName(record.getName(), name)) {
                      cname = Optional.of(target);
                    }
                  } else if (record instanceof ARecord a) {
                    addresses.add(a.getAddress());
                  } else if (record instanceof AAAARecord aaaa) {
                    addresses.add(aaaa.getAddress());
                  }
                }
              }
              return new Pointing(cname, List.copyOf(chain), List.copyOf(addresses));
            });
  }

  private CompletionStage<List<Record>> query(String name, int type) {
    Message question;
    try {
      question =
          Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    } catch (TextParseException e) {
      return CompletableFuture.failedFuture(new LookupFailed("not a DNS name: " + name));
    }
    return resolver
        .sendAsync(question)
        .handle(
            (answer, error) -> {
              if (error != null) {
                throw new java.util.concurrent.CompletionException(
                    new LookupFailed(
                        "the resolver did not answer for "
                            + name
                            + " ("
                            + Type.string(type)
                            + "): "
                            + error.getMessage()));
              }
              int rcode = answer.getRcode();
              if (rcode == Rcode.NXDOMAIN) {
                return List.of();
              }
              if (rcode != Rcode.NOERROR) {
                throw new java.util.concurrent.CompletionException(
                    new LookupFailed(
                        "the resolver answered "
                            + Rcode.string(rcode)
                            + " for "
                            + name
                            + " ("
                            + Type.string(type)
                            + ")"));
              }
              return answer.getSection(Section.ANSWER);
            });
  }

  private static boolean sameName(Name name, String wanted) {
    return plain(name).equals(wanted.toLowerCase(Locale.ROOT));
  }

  /** A name as this codebase writes it: lower case, no trailing dot. */
  static String plain(Name name) {
    String text = name.toString(true);
    return text.toLowerCase(Locale.ROOT);
  }
}
