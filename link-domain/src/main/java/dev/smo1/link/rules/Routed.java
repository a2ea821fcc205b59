package dev.smo1.link.rules;

import java.util.OptionalInt;

/**
 * Where a visit goes, and why: the index of the rule that matched, or of the variant chosen (and
 * whether it was chosen now, so the visitor's variant cookie is to be set), or neither (the link's
 * own target).
 */
public record Routed(
    String target, OptionalInt rule, OptionalInt variant, boolean setVariantCookie) {}
