package dev.smo1.accounts.workspace;

import dev.smo1.link.LinkSlots;
import java.util.concurrent.CompletionStage;

/**
 * Link creation's slots kept by the workspace entity: a refusal fails the stage with {@code
 * quota_exceeded} (an {@link dev.smo1.accounts.AccountException} saying the limit and the use).
 */
public final class WorkspaceLinkSlots implements LinkSlots {
  private final WorkspaceService workspaces;

  public WorkspaceLinkSlots(WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  @Override
  public CompletionStage<Void> reserve(String owner, String reservation, int count) {
    return workspaces.reserveLinkSlots(owner, reservation, count).thenApply(remaining -> null);
  }

  @Override
  public CompletionStage<Void> release(String owner, String reservation) {
    return workspaces.releaseLinkSlots(owner, reservation);
  }
}
