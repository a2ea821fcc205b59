package dev.smo1.prober;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One code to probe, and what it must answer when the caller says so ({@code given}); without it
 * the expectation comes from the API. A codes file holds one per line: {@code code}, {@code code
 * location} or {@code code location status} (white space between; blank lines and lines starting
 * with {@code #} skipped). A line with a location and no status accepts any redirect status.
 */
public record CodeLine(String code, Optional<Expectation> given) {
  /** Link codes and aliases as the API allows them. */
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** At most this many codes: each costs an API call at start, and a canary set is small. */
  static final int MAX_CODES = 1000;

  /** A code whose expectation comes from the API. */
  public static CodeLine code(String code) throws InvalidArguments {
    checkCode(code, "--code");
    return new CodeLine(code, Optional.empty());
  }

  /** The lines of a codes file. */
  public static List<CodeLine> read(Path file) throws InvalidArguments {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidArguments("cannot read the codes file " + file + ": " + e.getMessage());
    }
    List<CodeLine> codes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      codes.add(parse(line, file + ":" + (i + 1)));
      if (codes.size() > MAX_CODES) {
        throw new InvalidArguments(file + ": more than " + MAX_CODES + " codes");
      }
    }
    return codes;
  }

  static CodeLine parse(String line, String where) throws InvalidArguments {
    String[] fields = line.strip().split("\\s+");
    if (fields.length > 3) {
      throw new InvalidArguments(where + ": expected 'code [location [status]]', got: " + line);
    }
    String code = fields[0];
    checkCode(code, where);
    if (fields.length == 1) {
      return new CodeLine(code, Optional.empty());
    }
    String location = fields[1];
    try {
      URI uri = new URI(location);
      if (!uri.isAbsolute() || !Set.of("http", "https").contains(uri.getScheme())) {
        throw new InvalidArguments(where + ": the location must be an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new InvalidArguments(where + ": not a URL: " + location);
    }
    Set<Integer> statuses = Expectation.REDIRECTS;
    if (fields.length == 3) {
      int status;
      try {
        status = Integer.parseInt(fields[2]);
      } catch (NumberFormatException e) {
        status = -1;
      }
      if (!Expectation.REDIRECTS.contains(status)) {
        throw new InvalidArguments(where + ": the status must be 301, 302, 307 or 308");
      }
      statuses = Set.of(status);
    }
    return new CodeLine(code, Optional.of(new Expectation(code, statuses, Set.of(location))));
  }

  private static void checkCode(String code, String where) throws InvalidArguments {
    if (!CODE.matcher(code).matches()) {
      throw new InvalidArguments(
          where + ": not a link code (1 to 64 letters, digits, '_' or '-'): " + code);
    }
  }
}
