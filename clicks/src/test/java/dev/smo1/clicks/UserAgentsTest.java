package dev.smo1.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analytics count no visit the redirect treats as a bot's: every bot of the shared user-agent table
 * ({@code packages/kv-record/contract/fixtures/user-agents.json}) reads as a bot here, and the
 * browsers of that table as people.
 */
class UserAgentsTest {
  private static UserAgents agents;

  @BeforeAll
  static void build() {
    agents = new UserAgents(1_000);
  }

  private static List<JsonNode> table() throws Exception {
    List<JsonNode> cases = new ArrayList<>();
    new ObjectMapper()
        .readTree(
            Files.readString(Path.of("../packages/kv-record/contract/fixtures/user-agents.json")))
        .get("cases")
        .forEach(cases::add);
    return cases;
  }

  @Test
  void everyBotOfTheSharedTableIsABotInAnalytics() throws Exception {
    List<String> missed = new ArrayList<>();
    for (JsonNode row : table()) {
      String agent = row.get("userAgent").isNull() ? null : row.get("userAgent").asText();
      boolean bot = !row.at("/expect/bot").isNull();
      if (agents.read(agent).bot() != bot) {
        missed.add(row.get("name").asText() + " (bot: " + bot + ")");
      }
    }
    assertThat(missed).as("classified otherwise in analytics").isEmpty();
  }
}
