package dev.smo1.link;

import java.util.Objects;

/**
 * Identity of one short link: the short domain it lives on plus its code. One code can exist on two
 * domains. The entity id is {@code domain + "/" + code}; neither part can contain a slash (domains
 * are host names, codes are {@code [A-Za-z0-9_-]}), so the id parses back unambiguously.
 */
public record LinkId(String domain, String code) {
  private static final char SEPARATOR = '/';

  public LinkId {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(code, "code");
    if (domain.isEmpty() || domain.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("invalid domain: " + domain);
    }
  }

  public String entityId() {
    return domain + SEPARATOR + code;
  }

  public static LinkId fromEntityId(String entityId) {
    int split = entityId.indexOf(SEPARATOR);
    if (split <= 0) {
      throw new IllegalArgumentException("not a link entity id: " + entityId);
    }
    return new LinkId(entityId.substring(0, split), entityId.substring(split + 1));
  }
}
