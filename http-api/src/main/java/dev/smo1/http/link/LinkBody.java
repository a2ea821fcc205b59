package dev.smo1.http.link;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.smo1.link.LinkView;
import dev.smo1.link.OptionsJson;
import dev.smo1.link.rules.RoutingJson;
import java.time.Instant;

/**
 * A link as the API returns it: the entity's view, less its owner (the caller), with its short URL,
 * and its routing and options in the API's shape ({@link RoutingJson}, {@link OptionsJson}). A
 * password is write-only: the body says whether the link has one, never anything of it. The view's
 * other fields are written as they are, so a field added to the view reaches the API without a copy
 * here.
 */
public record LinkBody(
    @JsonUnwrapped @JsonIgnoreProperties({"owner", "routing", "options"}) LinkView link,
    String shortUrl,
    JsonNode rules,
    JsonNode variants,
    Instant variantsUntil,
    JsonNode utm,
    String expiredUrl,
    JsonNode preview,
    Integer maxVisits,
    boolean passwordProtected) {

  public static LinkBody of(LinkView link, String shortUrl) {
    var options = link.options();
    return new LinkBody(
        link,
        shortUrl,
        RoutingJson.rules(link.routing()),
        RoutingJson.variants(link.routing()),
        link.routing().variantsUntil(),
        options.utm() == null ? null : OptionsJson.utm(options.utm()),
        options.expiredUrl(),
        options.preview() == null ? null : OptionsJson.preview(options.preview()),
        options.maxVisits(),
        options.protectedByPassword());
  }
}
