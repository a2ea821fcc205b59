package dev.smo1.serialization;

/**
 * Marker for every message, reply, event and state that crosses nodes or is stored. Bound to
 * Pekko's {@code jackson-cbor} serializer in {@code serialization.conf}; Java serialization is off,
 * so a type without this marker fails loudly instead of silently using another format.
 */
public interface CborSerializable {}
