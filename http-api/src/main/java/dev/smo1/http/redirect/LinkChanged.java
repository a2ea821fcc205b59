package dev.smo1.http.redirect;

import dev.smo1.serialization.CborSerializable;

/** Published cluster-wide when a link changed; {@code version} is its new sequence number. */
public record LinkChanged(String entityId, long version) implements CborSerializable {}
