package dev.smo1.link;

/** A single reason an input is refused, naming the offending field (null when it is not one). */
public record Violation(ErrorCode code, String message, String field) {}
