package dev.smo1.accounts.workspace;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workspace slugs: 3 to 48 lowercase letters, digits and inner hyphens, not a reserved word. A slug
 * is the workspace's id for ever (links and keys refer to it). Workspaces adopted from owners of
 * before workspaces keep their owner string, which may not follow these rules.
 */
public final class Slugs {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,46})[a-z0-9]");
  private static final Set<String> RESERVED =
      Set.of(
          "api",
          "app",
          "admin",
          "www",
          "dashboard",
          "settings",
          "login",
          "logout",
          "signup",
          "billing",
          "help",
          "support",
          "docs",
          "blog",
          "pricing",
          "new",
          "me",
          "static",
          "assets");

  private Slugs() {}

  public static String check(String slug) {
    if (slug == null || !SLUG.matcher(slug).matches() || slug.contains("--")) {
      throw new AccountException(
          AccountError.INVALID_SLUG,
          "slug must be 3 to 48 lowercase letters, digits and single inner hyphens",
          "slug");
    }
    if (RESERVED.contains(slug)) {
      throw new AccountException(
          AccountError.INVALID_SLUG, "slug '" + slug + "' is reserved", "slug");
    }
    return slug;
  }

  /** A slug made from a name or an email's local part, with a random suffix: for personal ones. */
  public static String personal(String base, String suffix) {
    String cleaned =
        base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (cleaned.length() > 36) {
      cleaned = cleaned.substring(0, 36).replaceAll("-+$", "");
    }
    if (cleaned.length() < 2) {
      cleaned = "ws";
    }
    return cleaned + "-" + suffix.toLowerCase(Locale.ROOT);
  }
}
