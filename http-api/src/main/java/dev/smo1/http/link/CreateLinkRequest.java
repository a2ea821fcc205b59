package dev.smo1.http.link;

import java.util.List;

/** Body of {@code POST /api/v1/links}. {@code expiresAt} is an RFC 3339 timestamp. */
public record CreateLinkRequest(
    String target,
    String alias,
    Integer redirectType,
    String expiresAt,
    String title,
    List<String> tags,
    Boolean forwardQuery) {}
