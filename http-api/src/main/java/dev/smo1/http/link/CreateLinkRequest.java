package dev.smo1.http.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /api/v1/links}; {@code domain}: a custom domain of the workspace (decision
 * 0028), absent for the default one. {@code expiresAt} is an RFC 3339 timestamp; {@code rules},
 * {@code variants} and {@code variantsUntil} are read by {@link LinkPatchBody#routing}, {@code
 * utm}, {@code expiredUrl}, {@code preview} and {@code maxVisits} by {@link LinkPatchBody#options}.
 */
public record CreateLinkRequest(
    String target,
    String alias,
    Integer redirectType,
    String expiresAt,
    String title,
    List<String> tags,
    Boolean forwardQuery,
    JsonNode rules,
    JsonNode variants,
    JsonNode variantsUntil,
    JsonNode utm,
    JsonNode expiredUrl,
    JsonNode preview,
    JsonNode maxVisits,
    JsonNode password,
    String domain) {

  /** This body without its password's value: what an idempotency key's fingerprint keeps. */
  CreateLinkRequest withoutPassword() {
    return new CreateLinkRequest(
        target,
        alias,
        redirectType,
        expiresAt,
        title,
        tags,
        forwardQuery,
        rules,
        variants,
        variantsUntil,
        utm,
        expiredUrl,
        preview,
        maxVisits,
        password == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf("(given)"),
        domain);
  }
}
