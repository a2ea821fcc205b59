package dev.smo1.link.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Classifies a visit's {@code User-Agent} for routing, bots and previews, by the rules of {@code
 * user-agents.json} (in {@code packages/kv-record/contract}, which the edge Worker reads too): the
 * header lower-cased (ASCII letters only), each rule holding when the header contains any of its
 * tokens and none of its exclusions, the first rule of each list deciding. Analytics read user
 * agents in more detail at ingest ({@code UserAgents} in the clicks module); this is what both the
 * origin and the edge can decide alike at the moment of a visit.
 */
public final class VisitorAgents {
  /** The bot name of a missing or empty {@code User-Agent}. */
  public static final String NO_USER_AGENT = "none";

  private static final VisitorAgents SHARED = load();

  /** A visitor's classification; {@code bot} names the bot rule that held, if any. */
  public record AgentClass(
      Optional<String> device,
      Optional<String> os,
      Optional<String> browser,
      Optional<String> bot,
      boolean preview) {
    public boolean isBot() {
      return bot.isPresent();
    }
  }

  private record Rule(String value, List<String> any, List<String> none, boolean preview) {
    boolean holds(String agent) {
      return any.stream().anyMatch(agent::contains) && none.stream().noneMatch(agent::contains);
    }
  }

  private final List<Rule> bots;
  private final List<Rule> devices;
  private final List<Rule> operatingSystems;
  private final List<Rule> browsers;

  private VisitorAgents(JsonNode rules) {
    this.bots = rules(rules.get("bots"), "name");
    this.devices = rules(rules.get("device"), "value");
    this.operatingSystems = rules(rules.get("os"), "value");
    this.browsers = rules(rules.get("browser"), "value");
  }

  /** The classifier of the shared rules. */
  public static VisitorAgents shared() {
    return SHARED;
  }

  public AgentClass classify(Optional<String> userAgent) {
    String agent = asciiLowerCase(userAgent.orElse(""));
    if (agent.isEmpty()) {
      return new AgentClass(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(NO_USER_AGENT), false);
    }
    Optional<Rule> bot = first(bots, agent);
    return new AgentClass(
        first(devices, agent).map(Rule::value),
        first(operatingSystems, agent).map(Rule::value),
        first(browsers, agent).map(Rule::value),
        bot.map(Rule::value),
        bot.map(Rule::preview).orElse(false));
  }

  private static Optional<Rule> first(List<Rule> rules, String agent) {
    for (Rule rule : rules) {
      if (rule.holds(agent)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** Lower case for ASCII letters only: what JavaScript and Java agree on for every header. */
  static String asciiLowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static List<Rule> rules(JsonNode list, String key) {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode rule : list) {
      rules.add(
          new Rule(
              rule.get(key).asText(),
              tokens(rule.get("any")),
              tokens(rule.get("none")),
              rule.path("preview").asBoolean(false)));
    }
    return List.copyOf(rules);
  }

  private static List<String> tokens(JsonNode list) {
    List<String> tokens = new ArrayList<>();
    if (list != null) {
      list.forEach(token -> tokens.add(token.asText()));
    }
    return List.copyOf(tokens);
  }

  private static VisitorAgents load() {
    try (InputStream rules = VisitorAgents.class.getResourceAsStream("user-agents.json")) {
      if (rules == null) {
        throw new IllegalStateException("user-agents.json is missing from the classpath");
      }
      return new VisitorAgents(new ObjectMapper().readTree(rules));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
