package dev.smo1.http.link;

import dev.smo1.http.json.ApiException;
import dev.smo1.http.json.HttpErrorCodes;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code ?domain=} query parameter of a link's routes and of analytics (decision 0028): a host
 * name, read case-insensitively; anything else is 400 {@code invalid_parameter} naming it. Whose
 * domain it is, the link's owner check decides (another workspace's link there is 404).
 */
public final class DomainParameter {
  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9.-]{1,253}");

  private DomainParameter() {}

  /** The named domain, lower case. */
  public static String parse(String raw) {
    String domain = raw.strip().toLowerCase(Locale.ROOT);
    if (!HOST_NAME.matcher(domain).matches()) {
      throw ApiException.badRequest(
          HttpErrorCodes.INVALID_PARAMETER, "domain must be a host name", "domain");
    }
    return domain;
  }
}
