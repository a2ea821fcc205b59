package dev.smo1.prober;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.TargetUrls;
import dev.smo1.link.UtmMerge;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a link, as the API shows it ({@code GET /api/v1/links/{code}}), must answer a probe: its
 * redirect type, and a {@code Location} made as the origin and the edge make it (the stored target
 * as {@link TargetUrls#location} sends it, the link's UTM merged by {@link UtmMerge}; probes carry
 * no query, so nothing is forwarded). A link with targeting rules or an A/B test may send any of
 * its targets. Links a probe cannot get the target of are refused, so a canary is never one that
 * alerts by design: disabled, expired or used up (410 or a fallback), password-protected (its
 * password page), or counting its visits (the origin answers every visit, and neither a HEAD nor a
 * bot is let through).
 */
public final class LinkExpectations {
  private LinkExpectations() {}

  /** The expectation of the link the API answered for {@code code}. */
  public static Expectation of(String code, JsonNode link) throws NotACanary {
    String status = link.path("status").asText();
    if (!status.equals("active")) {
      throw new NotACanary(
          refused(code, "is " + status + ", it answers no redirect to its target"));
    }
    if (link.path("passwordProtected").asBoolean(false)) {
      throw new NotACanary(refused(code, "is password-protected: a probe gets its password page"));
    }
    if (!link.path("maxVisits").isMissingNode() && !link.path("maxVisits").isNull()) {
      throw new NotACanary(
          refused(code, "counts its visits (maxVisits): a probe would get no redirect"));
    }
    int redirectType = link.path("redirectType").asInt();
    if (!Expectation.REDIRECTS.contains(redirectType)) {
      throw new NotACanary(refused(code, "has no redirect type the prober knows: " + redirectType));
    }
    LinkOptions.Utm utm = utm(link.path("utm"));
    Set<String> locations = new LinkedHashSet<>();
    locations.add(location(code, link.path("target").asText(), utm));
    for (JsonNode rule : link.path("rules")) {
      locations.add(location(code, rule.path("target").asText(), utm));
    }
    for (JsonNode variant : link.path("variants")) {
      // a weight of 0 takes no new visitors, and every probe is a new one (it keeps no cookie)
      if (variant.path("weight").asInt() > 0) {
        locations.add(location(code, variant.path("target").asText(), utm));
      }
    }
    return new Expectation(code, Set.of(redirectType), locations);
  }

  private static String location(String code, String target, LinkOptions.Utm utm)
      throws NotACanary {
    return switch (TargetUrls.location(target)) {
      case TargetUrls.Outgoing.Sendable sendable -> UtmMerge.merge(sendable.location(), utm);
      case TargetUrls.Outgoing.Unsendable unsendable ->
          throw new NotACanary(
              refused(code, "has a target no redirect can carry (" + target + "): it answers 502"));
    };
  }

  private static LinkOptions.Utm utm(JsonNode utm) {
    if (!utm.isObject()) {
      return null;
    }
    return new LinkOptions.Utm(
        text(utm, "source"),
        text(utm, "medium"),
        text(utm, "campaign"),
        text(utm, "term"),
        text(utm, "content"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static String refused(String code, String why) {
    return "link " + code + " " + why + "; a canary must be an active plain link";
  }
}
