package dev.smo1.http.testing;

/** Click batches in the edge's wire format (format 1), for tests of the click routes and node. */
public final class EdgeClickBatches {
  private EdgeClickBatches() {}

  /** A batch of the given clicks (each from {@link #click}). */
  public static String batch(String... clicks) {
    return "{\"format\":1,\"clicks\":[" + String.join(",", clicks) + "]}";
  }

  /** One edge click on {@code s.test/<code>}, with every field the Worker sends. */
  public static String click(String id, String code) {
    return "{\"id\":\""
        + id
        + "\",\"domain\":\"s.test\",\"code\":\""
        + code
        + "\",\"at\":\"2030-03-01T09:59:58.123Z\",\"source\":\"edge\",\"country\":\"NL\","
        + "\"colo\":\"AMS\",\"referrer\":null,\"userAgent\":\"UA/1\",\"query\":\"?utm_source=x\","
        + "\"visitor\":\"0123456789abcdef0123456789abcdef\"}";
  }
}
