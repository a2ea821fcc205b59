package dev.smo1.accounts.workspace;

import java.util.Optional;

/**
 * The plans a workspace can be on, as the workspace entity needs them: by id, their limits. The
 * billing module reads them from the one plans file; the entity stores only a plan's id (and an
 * enterprise workspace's custom limits), so a limit changed in the file applies to every workspace
 * on that plan at the next start.
 */
public interface PlanBook {

  /** The plan of a workspace that never changed plan. */
  String FREE = "free";

  /** The plan whose limits are set per workspace by a platform admin (none: unlimited). */
  String ENTERPRISE = "enterprise";

  /** The limits of {@code planId}; empty for an unknown id. */
  Optional<WorkspaceLimits> limitsOf(String planId);
}
