package dev.smo1.http.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * The content codings a request's {@code Accept-Encoding} allows, for choosing a precompressed
 * variant of a file ({@code app.js.br}, {@code app.js.gz}) when the build wrote one. A coding with
 * {@code q=0} is refused; {@code *} allows any coding not named.
 */
record AcceptedEncodings(Set<String> allowed, Set<String> refused, boolean wildcard) {
  /** The variants looked for, in order of preference, and their file suffixes. */
  static final List<String> PRECOMPRESSED = List.of("br", "gzip");

  static final AcceptedEncodings NONE = new AcceptedEncodings(Set.of(), Set.of(), false);

  static String suffix(String coding) {
    return coding.equals("gzip") ? ".gz" : "." + coding;
  }

  static AcceptedEncodings of(HttpRequest request) {
    return request.getHeader("Accept-Encoding").map(h -> parse(h.value())).orElse(NONE);
  }

  static AcceptedEncodings parse(String header) {
    Set<String> allowed = new HashSet<>();
    Set<String> refused = new HashSet<>();
    boolean wildcard = false;
    for (String element : header.split(",")) {
      String[] parts = element.split(";");
      String coding = parts[0].strip().toLowerCase(Locale.ROOT);
      if (coding.isEmpty()) {
        continue;
      }
      boolean zero = false;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
        if (parameter.startsWith("q=")) {
          try {
            zero = Double.parseDouble(parameter.substring(2)) <= 0;
          } catch (NumberFormatException e) {
            zero = true;
          }
        }
      }
      if (zero) {
        refused.add(coding);
      } else if (coding.equals("*")) {
        wildcard = true;
      } else {
        allowed.add(coding);
      }
    }
    return new AcceptedEncodings(Set.copyOf(allowed), Set.copyOf(refused), wildcard);
  }

  boolean accepts(String coding) {
    return !refused.contains(coding) && (allowed.contains(coding) || wildcard);
  }
}
