package dev.smo1.link;

import dev.smo1.link.rules.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Screens the targets a create or update would make a link send visitors to, against the platform's
 * malicious-URL lists (decision 0034). {@link LinkService} asks before the entity, so a listed
 * target never reaches the journal.
 */
@FunctionalInterface
public interface TargetScreen {

  /** Lets every target through: for nodes and tests that screen nothing. */
  TargetScreen NONE = targets -> CompletableFuture.completedFuture(new Verdict.Clear());

  /** The verdict on {@code targets} (each a field and a URL, in the order given). */
  CompletionStage<Verdict> screen(List<Target> targets);

  /** One URL of a request, and the field it came in (for the error's {@code field}). */
  record Target(String field, String url) {}

  /** What screening found. */
  sealed interface Verdict {
    record Clear() implements Verdict {}

    /** {@code target} is on {@code list}: the request is refused. */
    record Listed(Target target, String list) implements Verdict {}

    /** The lists cannot be read now: new targets are refused (fail closed). */
    record Unavailable(String reason) implements Verdict {}
  }

  /** The URLs a create would make the link send visitors to. */
  static List<Target> of(LinkDraft draft) {
    var targets = new ArrayList<Target>();
    add(targets, "target", draft.target());
    addRouting(
        targets,
        draft.routing() == null ? null : draft.routing().rules(),
        draft.routing() == null ? null : draft.routing().variants());
    if (draft.options() != null) {
      add(targets, "expiredUrl", draft.options().expiredUrl());
    }
    return targets;
  }

  /** The URLs an update would newly make the link send visitors to. */
  static List<Target> of(LinkPatch patch) {
    var targets = new ArrayList<Target>();
    add(targets, "target", patch.target());
    addRouting(targets, patch.rules(), patch.variants());
    if (patch.options() != null) {
      add(targets, "expiredUrl", patch.options().set().expiredUrl());
    }
    return targets;
  }

  private static void addRouting(
      List<Target> targets, List<Routing.Rule> rules, List<Routing.Variant> variants) {
    if (rules != null) {
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i) != null) {
          add(targets, "rules[" + i + "].target", rules.get(i).target());
        }
      }
    }
    if (variants != null) {
      for (int i = 0; i < variants.size(); i++) {
        if (variants.get(i) != null) {
          add(targets, "variants[" + i + "].target", variants.get(i).target());
        }
      }
    }
  }

  private static void add(List<Target> targets, String field, String url) {
    if (url != null && !url.isBlank()) {
      targets.add(new Target(field, url));
    }
  }

  /** The rejection a verdict other than clear gives; empty for {@link Verdict.Clear}. */
  static java.util.Optional<LinkReply.Rejected> rejection(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Clear ignored -> java.util.Optional.empty();
      case Verdict.Listed listed ->
          java.util.Optional.of(
              new LinkReply.Rejected(
                  ErrorCode.UNSAFE_TARGET,
                  listed.target().field()
                      + " is listed as malicious by "
                      + listed.list()
                      + ": links to it are not allowed",
                  listed.target().field()));
      case Verdict.Unavailable unavailable ->
          java.util.Optional.of(
              new LinkReply.Rejected(
                  ErrorCode.SCREENING_UNAVAILABLE,
                  "targets cannot be screened for malicious URLs right now ("
                      + unavailable.reason()
                      + "); nothing was changed, try again shortly",
                  null));
    };
  }
}
