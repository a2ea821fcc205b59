package dev.smo1.link;

import java.util.concurrent.CompletionStage;

/**
 * What callers may ask of the links on the default domain, each acting for {@code owner} / {@code
 * requester}: another owner's link answers {@link ErrorCode#NOT_FOUND}, like one that does not
 * exist. {@link LinkService} asks the sharded entities; route tests use fakes.
 */
public interface Links {
  /** The short domain links are created on. */
  String defaultDomain();

  /** Creates a link under {@code alias}, or under a generated code when {@code alias} is null. */
  default CompletionStage<LinkReply> create(String owner, String alias, LinkDraft draft) {
    return create(owner, alias, draft, RetryableCreate.ONCE);
  }

  /**
   * As {@link #create(String, String, LinkDraft)}, as one attempt at a create its client may send
   * again: however many attempts there are, they make at most one link (see {@link
   * RetryableCreate}).
   */
  CompletionStage<LinkReply> create(
      String owner, String alias, LinkDraft draft, RetryableCreate attempt);

  /**
   * As {@link #create(String, String, LinkDraft, RetryableCreate)}, on {@code domain}: a custom
   * domain the caller has checked the owner holds (decision 0028), or the default domain.
   */
  default CompletionStage<LinkReply> create(
      String owner, String domain, String alias, LinkDraft draft, RetryableCreate attempt) {
    if (domain.equals(defaultDomain())) {
      return create(owner, alias, draft, attempt);
    }
    throw new UnsupportedOperationException("links on custom domains");
  }

  CompletionStage<LinkReply> get(String requester, String code);

  CompletionStage<LinkReply> update(String requester, String code, LinkPatch patch);

  CompletionStage<LinkReply> disable(String requester, String code);

  CompletionStage<LinkReply> enable(String requester, String code);

  CompletionStage<LinkReply> delete(String requester, String code);

  /** As {@link #get(String, String)}, for a link on any domain. */
  default CompletionStage<LinkReply> get(String requester, LinkId id) {
    return onDefault(id) ? get(requester, id.code()) : noSuchLink(id);
  }

  /** As {@link #update(String, String, LinkPatch)}, for a link on any domain. */
  default CompletionStage<LinkReply> update(String requester, LinkId id, LinkPatch patch) {
    return onDefault(id) ? update(requester, id.code(), patch) : noSuchLink(id);
  }

  /** As {@link #disable(String, String)}, for a link on any domain. */
  default CompletionStage<LinkReply> disable(String requester, LinkId id) {
    return onDefault(id) ? disable(requester, id.code()) : noSuchLink(id);
  }

  /** As {@link #enable(String, String)}, for a link on any domain. */
  default CompletionStage<LinkReply> enable(String requester, LinkId id) {
    return onDefault(id) ? enable(requester, id.code()) : noSuchLink(id);
  }

  /** As {@link #delete(String, String)}, for a link on any domain. */
  default CompletionStage<LinkReply> delete(String requester, LinkId id) {
    return onDefault(id) ? delete(requester, id.code()) : noSuchLink(id);
  }

  private boolean onDefault(LinkId id) {
    return id.domain().equals(defaultDomain());
  }

  private static CompletionStage<LinkReply> noSuchLink(LinkId id) {
    return java.util.concurrent.CompletableFuture.completedFuture(
        new LinkReply.Rejected(
            ErrorCode.NOT_FOUND, "no link '" + id.code() + "' on " + id.domain(), null));
  }

  /**
   * False when {@code code} certainly names no link (bad syntax, a system word, or a code never
   * created), so callers can answer "not found" without asking anyone.
   */
  default boolean mayExist(String code) {
    return ShortCodes.mayExist(code);
  }

  /** As {@link #mayExist(String)}, for a link on any domain. */
  default boolean mayExist(LinkId id) {
    return ShortCodes.mayExist(id.code());
  }

  /**
   * Whether this node may not know yet of a link created elsewhere a moment ago (just after a
   * cluster membership change): an answer "no such link" must then not be remembered.
   */
  default boolean mayBeBehind() {
    return false;
  }

  /** Where a visitor of {@code code} goes, for anyone; counts nothing. */
  CompletionStage<Resolution> resolve(String code);

  /**
   * As {@link #resolve}, for a visitor (not a bot) following a link with {@code maxVisits}: the
   * visit is counted before the answer, and refused once none is left ({@link LinkCommand.Visit}).
   */
  CompletionStage<Resolution> visit(String code);

  /** As {@link #resolve(String)}, for a link on any domain. */
  default CompletionStage<Resolution> resolve(LinkId id) {
    return id.domain().equals(defaultDomain())
        ? resolve(id.code())
        : java.util.concurrent.CompletableFuture.completedFuture(new Resolution.NotFound());
  }

  /** As {@link #visit(String)}, for a link on any domain. */
  default CompletionStage<Resolution> visit(LinkId id) {
    return id.domain().equals(defaultDomain())
        ? visit(id.code())
        : java.util.concurrent.CompletableFuture.completedFuture(new Resolution.NotFound());
  }
}
