package dev.smo1.accounts.workspace;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;

/** Answers of the workspace entity about its plan and quotas. */
public sealed interface QuotaReply extends CborSerializable {

  /**
   * The slots are taken; {@code remaining} this period after them and the plan's {@code limit},
   * both null when unlimited.
   */
  record Granted(Long remaining, Long limit) implements QuotaReply {
    public static final Granted UNLIMITED = new Granted(null, null);

    /** The period's slots used after this grant; null when unlimited. */
    public Long used() {
      return limit == null || remaining == null ? null : limit - remaining;
    }
  }

  /** Nothing was taken: the plan's limit would be passed. */
  record Refused(QuotaExceeded exceeded) implements QuotaReply {}

  record Released() implements QuotaReply {}

  /**
   * The plan and what is used of its limits in the period {@code [periodStart, periodEnd)}: {@code
   * linksCreated} the link slots used this period (counted only while the plan limits links),
   * {@code members} with {@code pendingInvitations}.
   */
  record Quota(
      WorkspacePlan plan,
      WorkspaceLimits limits,
      Instant periodStart,
      Instant periodEnd,
      long linksCreated,
      int members,
      int pendingInvitations)
      implements QuotaReply {}

  /** No such workspace (never created, or deleted). */
  record NoWorkspace() implements QuotaReply {}
}
