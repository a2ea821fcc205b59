package dev.smo1.link;

import dev.smo1.serialization.CborSerializable;

/** Answer to every owner command. */
public sealed interface LinkReply extends CborSerializable {
  record Ok(LinkView link) implements LinkReply {}

  /** The command was refused and nothing was persisted. {@code field} may be null. */
  record Rejected(ErrorCode code, String message, String field) implements LinkReply {
    static Rejected of(Violation violation) {
      return new Rejected(violation.code(), violation.message(), violation.field());
    }
  }
}
