package dev.smo1.clicks;

import dev.smo1.link.rules.VisitorAgents;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * User agents read into what analytics breaks clicks down by, with Yauaa (a well-kept, rule-based
 * parser that also recognises robots): the device class ({@code Desktop}, {@code Phone}, {@code
 * Tablet}, {@code Robot}, …), the browser ({@code Chrome}, {@code Safari}, …) and the operating
 * system ({@code Windows NT}, {@code iOS}, …). Building the analyser loads its rules (a few seconds
 * and ~100 MB), so one instance serves a node, built by the click consumer off the request path;
 * results are cached by user-agent text. A click is a bot's when Yauaa says so or when the rules
 * the redirect itself reads at origin and edge do ({@link VisitorAgents}: link-preview bots, HTTP
 * libraries, headless browsers, no user agent), so analytics never count a visit the redirect
 * treated as a bot's.
 */
public final class UserAgents {
  /** Device classes Yauaa gives to crawlers, scripts, and requests too odd to be a person's. */
  private static final Set<String> ROBOTS =
      Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");

  /** What a click's user agent says. */
  public record Reading(String device, String browser, String os, boolean bot) {}

  private final UserAgentAnalyzer analyzer;
  private final int cacheSize;
  private final Map<String, Reading> readings = new ConcurrentHashMap<>();

  public UserAgents(int cacheSize) {
    this.cacheSize = cacheSize;
    this.analyzer =
        UserAgentAnalyzer.newBuilder()
            .hideMatcherLoadStats()
            .withoutCache()
            .withField(UserAgent.DEVICE_CLASS)
            .withField(UserAgent.AGENT_NAME)
            .withField(UserAgent.OPERATING_SYSTEM_NAME)
            .immediateInitialization()
            .build();
  }

  /**
   * A missing user agent is read as empty, which Yauaa (rightly) files under robots. Readings are
   * kept by user-agent text (a few hundred texts make most traffic); when {@code cacheSize} are
   * kept, they are all dropped and the cache fills again.
   */
  public Reading read(String userAgent) {
    String text = userAgent == null ? "" : userAgent;
    Reading known = readings.get(text);
    if (known != null) {
      return known;
    }
    if (readings.size() >= cacheSize) {
      readings.clear();
    }
    Reading reading = parse(text);
    readings.put(text, reading);
    return reading;
  }

  private Reading parse(String text) {
    UserAgent parsed = analyzer.parse(text);
    String device = parsed.getValue(UserAgent.DEVICE_CLASS);
    return new Reading(
        known(device),
        known(parsed.getValue(UserAgent.AGENT_NAME)),
        known(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME)),
        ROBOTS.contains(device) || VisitorAgents.shared().classify(Optional.of(text)).isBot());
  }

  /** Yauaa's placeholders for "could not tell" become empty strings (unknown) in ClickHouse. */
  private static String known(String value) {
    return value == null
            || value.isEmpty()
            || value.equals(UserAgent.UNKNOWN_VALUE)
            || value.equals("Unknown")
            || value.equals("??")
        ? ""
        : value;
  }
}
