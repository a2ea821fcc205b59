package dev.smo1.accounts.workspace;

import dev.smo1.link.LinkSlots;
import java.util.concurrent.CompletionStage;

/**
 * Link creation's slots kept by the workspace entity: a refusal fails the stage with {@code
 * quota_exceeded} (an {@link dev.smo1.accounts.AccountException} saying the limit and the use).
 */
public final class WorkspaceLinkSlots implements LinkSlots {
  /** Told of every grant on a limited plan (billing's usage notices), off the create's path. */
  public interface Grants {
    Grants NONE = (workspace, used, limit) -> {};

    /** {@code workspace} has used {@code used} of its {@code limit} links this period. */
    void granted(String workspace, long used, long limit);
  }

  private final WorkspaceService workspaces;
  private final Grants grants;

  public WorkspaceLinkSlots(WorkspaceService workspaces) {
    this(workspaces, Grants.NONE);
  }

  public WorkspaceLinkSlots(WorkspaceService workspaces, Grants grants) {
    this.workspaces = workspaces;
    this.grants = grants;
  }

  @Override
  public CompletionStage<Void> reserve(String owner, String reservation, int count) {
    return workspaces
        .reserveLinkSlots(owner, reservation, count)
        .thenApply(
            granted -> {
              if (granted.used() != null) {
                grants.granted(owner, granted.used(), granted.limit());
              }
              return null;
            });
  }

  @Override
  public CompletionStage<Void> release(String owner, String reservation) {
    return workspaces.releaseLinkSlots(owner, reservation);
  }
}
