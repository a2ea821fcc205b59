package dev.smo1.accounts.workspace;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.access.Role;
import dev.smo1.serialization.CborSerializable;
import java.util.Optional;

/** Answers of the workspace entity. */
public sealed interface WorkspaceReply extends CborSerializable {
  record Ok(WorkspaceView workspace) implements WorkspaceReply {}

  /** Nothing was persisted; {@code quota} only for {@code quota_exceeded}. */
  record Rejected(AccountError code, String message, QuotaExceeded quota)
      implements WorkspaceReply {
    public Rejected(AccountError code, String message) {
      this(code, message, null);
    }

    public static Rejected of(QuotaExceeded exceeded) {
      return new Rejected(AccountError.QUOTA_EXCEEDED, exceeded.message(), exceeded);
    }
  }

  /** The role of one user, empty when not a member (or no such workspace): per request, cheap. */
  record MemberRole(Optional<Role> role) implements CborSerializable {}
}
