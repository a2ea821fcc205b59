package dev.smo1.accounts.apikey;

import dev.smo1.serialization.CborSerializable;

/** Published cluster-wide when a key is revoked: every node forgets it at once. */
public record KeyRevoked(String keyHash) implements CborSerializable {}
