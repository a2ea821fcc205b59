package dev.smo1.link;

/**
 * What a link does besides sending visitors to its target, each part null when unused: {@code utm}
 * parameters merged into the target's query ({@link UtmMerge}); {@code expiredUrl}, where visitors
 * go once the link has expired, is exhausted or is disabled (instead of the 410 page); {@code
 * preview}, the page link-preview bots get instead of a redirect; {@code maxVisits}, the number of
 * redirects that ever succeed (the entity counts them: {@link LinkEvent.LinkVisitCounted}); {@code
 * password}, which visitors must give first ({@link Password}). Always in validated, normalised
 * form ({@link OptionsPolicy}). Events written before it existed read as {@link #NONE}.
 */
public record LinkOptions(
    Utm utm, String expiredUrl, Preview preview, Integer maxVisits, Password password) {
  public static final LinkOptions NONE = new LinkOptions(null, null, null, null, null);

  /** Options without a password. */
  public LinkOptions(Utm utm, String expiredUrl, Preview preview, Integer maxVisits) {
    this(utm, expiredUrl, preview, maxVisits, null);
  }

  /**
   * A link's password: its Argon2id {@code hash} (never sent to the edge, written to a store or
   * answered by the API) and {@code since}, when it was set, which signed access cookies name so
   * that changing the password ends them. Outside the journal and the entity (the read model, the
   * edge mirror, {@link OptionsJson}) the hash is null: only that the link is protected, and since
   * when, is known there. A draft's or patch's {@code since} is null: the entity sets it.
   */
  public record Password(String hash, java.time.Instant since) {
    @Override
    public String toString() {
      return "Password[since=" + since + "]";
    }
  }

  /**
   * The five UTM parameters, each null when not set; merged into the target's query as {@code
   * utm_source}, {@code utm_medium}, {@code utm_campaign}, {@code utm_term}, {@code utm_content}.
   */
  public record Utm(String source, String medium, String campaign, String term, String content) {
    public boolean isEmpty() {
      return source == null
          && medium == null
          && campaign == null
          && term == null
          && content == null;
    }
  }

  /** What link-preview bots show of the link: a title, and optionally a description and image. */
  public record Preview(String title, String description, String image) {}

  public boolean isEmpty() {
    return utm == null
        && expiredUrl == null
        && preview == null
        && maxVisits == null
        && password == null;
  }

  /** Whether visitors must give the link's password first. */
  public boolean protectedByPassword() {
    return password != null;
  }

  /** Whether every visit is counted by the entity, so no cache may let one through. */
  public boolean limited() {
    return maxVisits != null;
  }

  LinkOptions withUtm(Utm newUtm) {
    return new LinkOptions(newUtm, expiredUrl, preview, maxVisits, password);
  }

  LinkOptions withExpiredUrl(String newExpiredUrl) {
    return new LinkOptions(utm, newExpiredUrl, preview, maxVisits, password);
  }

  LinkOptions withPreview(Preview newPreview) {
    return new LinkOptions(utm, expiredUrl, newPreview, maxVisits, password);
  }

  LinkOptions withMaxVisits(Integer newMaxVisits) {
    return new LinkOptions(utm, expiredUrl, preview, newMaxVisits, password);
  }

  LinkOptions withPassword(Password newPassword) {
    return new LinkOptions(utm, expiredUrl, preview, maxVisits, newPassword);
  }
}
