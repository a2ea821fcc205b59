package dev.smo1.link.rules;

import java.time.Instant;
import java.util.Optional;

/**
 * What a rule can ask of one visit, as the redirect read it from the request. {@code device},
 * {@code os} and {@code browser} are the visitor's user agent as classified (empty when not
 * recognised); {@code country} is the ISO code of the visitor's address (empty when unknown); the
 * rest are the request's own headers and query, as sent.
 *
 * @param acceptLanguage the {@code Accept-Language} header, if any
 * @param query the short URL's query string, without the {@code ?} (empty when none)
 * @param referrer the {@code Referer} header, if any
 * @param variantCookie the link's variant cookie, if the visitor sent one
 */
public record Visit(
    Optional<String> device,
    Optional<String> os,
    Optional<String> browser,
    Optional<String> country,
    Optional<String> acceptLanguage,
    String query,
    Optional<String> referrer,
    Instant at,
    Optional<String> variantCookie) {}
