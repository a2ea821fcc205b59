package dev.smo1.link;

/**
 * The scan marker (decision 0027): a link's QR code encodes its short URL with {@code qr=1} in the
 * query, so a visit that came from scanning it counts with the trigger {@code qr}. The marker is
 * the link's own: it is taken out of the query before anything else reads it (targeting rules, the
 * forwarded query), so the target never sees it. Only the exact parameter {@code qr=1} is a marker;
 * every copy of it is taken out and the other parameters are left byte for byte, in order. The edge
 * Worker does the same ({@code withoutScanMarker}; shared fixtures {@code
 * packages/kv-record/contract/fixtures/scan-marker.json}).
 */
public final class ScanMarker {
  /** The parameter a QR code's URL carries. */
  public static final String MARKER = "qr=1";

  /** How a visit reached a link: followed, or scanned from its QR code. */
  public enum Trigger {
    LINK,
    QR;

    /** The name clicks and analytics use: {@code link} or {@code qr}. */
    public String wireName() {
      return this == QR ? "qr" : "link";
    }
  }

  /** A raw query (without {@code ?}) without the marker, and how the visit came. */
  public record Marked(String query, Trigger trigger) {}

  private ScanMarker() {}

  /** {@code rawQuery} (without {@code ?}; empty when none) without the marker. */
  public static Marked of(String rawQuery) {
    if (!rawQuery.contains(MARKER)) {
      return new Marked(rawQuery, Trigger.LINK);
    }
    var rest = new StringBuilder(rawQuery.length());
    boolean found = false;
    boolean first = true;
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end - start == MARKER.length() && rawQuery.startsWith(MARKER, start)) {
        found = true;
      } else {
        if (!first) {
          rest.append('&');
        }
        rest.append(rawQuery, start, end);
        first = false;
      }
      start = end + 1;
    }
    return found ? new Marked(rest.toString(), Trigger.QR) : new Marked(rawQuery, Trigger.LINK);
  }

  /** The URL a QR code of {@code shortUrl} encodes: the short URL with the marker. */
  public static String scanUrl(String shortUrl) {
    return shortUrl + (shortUrl.contains("?") ? "&" : "?") + MARKER;
  }
}
