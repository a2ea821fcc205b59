package dev.smo1.link;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The monthly link slots of a workspace's plan, as link creation needs them: a create takes its
 * slot before the link entity is asked (so two nodes cannot both take the last one) and gives it
 * back when the entity refuses the link (so a failed create costs nothing). Kept by the workspace
 * entity (accounts module), the single writer of its count.
 */
public interface LinkSlots {

  /** No limit: every create is granted, nothing is counted. */
  LinkSlots UNLIMITED =
      new LinkSlots() {
        @Override
        public CompletionStage<Void> reserve(String owner, String reservation, int count) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> release(String owner, String reservation) {
          return CompletableFuture.completedFuture(null);
        }
      };

  /**
   * Takes {@code count} slots of {@code owner}'s month for {@code reservation} (the same id in
   * every attempt of one create: taken once). Fails, nothing taken, when the plan's limit would be
   * passed; the failure is the caller's to answer (403 {@code quota_exceeded}).
   */
  CompletionStage<Void> reserve(String owner, String reservation, int count);

  /** Gives back what {@code reservation} took; nothing for one that took nothing. */
  CompletionStage<Void> release(String owner, String reservation);
}
