package dev.smo1.projection.edge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.smo1.link.LinkId;
import dev.smo1.link.LinkOptions;
import dev.smo1.link.LinkStatus;
import dev.smo1.link.OptionsJson;
import dev.smo1.link.rules.RoutingJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The link record the edge Worker reads from Workers KV: format 1, or format 2 for a link with
 * targeting rules or an A/B test (decision 0024). The formats are defined once, in {@code
 * packages/kv-record/contract/kv-link-record.v1.schema.json} and {@code .v2.schema.json}, and both
 * sides are tested against the shared fixtures beside them (decision 0006). The writer's output is
 * canonical: fields in the schema's order, no whitespace, so a record's bytes depend only on the
 * link.
 */
public final class KvLinkRecord {
  public static final int FORMAT = 1;

  /**
   * Format 2: format 1 with what else the edge needs of a link: its targeting rules and A/B test
   * ({@code rules}, {@code variants}, {@code variantsUntil} in the API's shape, together), its
   * {@code utm}, {@code expiredUrl} and {@code preview}, {@code passwordSince} for a protected link
   * (when its password was set: never the hash), and {@code originOnly} for a link whose visits the
   * origin counts (max visits). Written only for links that have any of them (a disabled link: only
   * a fallback), so a Worker that reads format 1 alone serves every other link and asks the origin
   * for these.
   */
  public static final int FORMAT_ROUTED = 2;

  private static final JsonFactory JSON = new JsonFactory();

  private KvLinkRecord() {}

  /** The KV key of a link: its entity id, {@code <domain>/<code>}. */
  public static String key(String domain, String code) {
    return new LinkId(domain, code).entityId();
  }

  public static String key(EdgeLink link) {
    return key(link.domain(), link.code());
  }

  /** The record of a link that exists; deleted links have no record (their key is deleted). */
  public static String value(EdgeLink link) {
    if (link.status() == LinkStatus.DELETED) {
      throw new IllegalArgumentException("a deleted link has no KV record: " + key(link));
    }
    boolean active = link.status() == LinkStatus.ACTIVE;
    LinkOptions options = link.options();
    boolean routed = active && !link.routing().isEmpty();
    boolean blocked = link.status() == LinkStatus.BLOCKED;
    // a blocked link's record says so and nothing else: no fallback, no target (decision 0034)
    boolean format2 =
        active ? routed || !options.isEmpty() : !blocked && options.expiredUrl() != null;
    var out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("format", format2 ? FORMAT_ROUTED : FORMAT);
      json.writeNumberField("version", link.version());
      if (blocked) {
        json.writeStringField("status", LinkStatus.BLOCKED.wireName());
      } else if (link.status() == LinkStatus.DISABLED) {
        json.writeStringField("status", LinkStatus.DISABLED.wireName());
        if (options.expiredUrl() != null) {
          json.writeStringField("expiredUrl", options.expiredUrl());
        }
      } else {
        json.writeStringField("status", LinkStatus.ACTIVE.wireName());
        json.writeStringField("target", link.target());
        json.writeNumberField("redirectType", link.redirectType().status());
        if (link.expiresAt() == null) {
          json.writeNullField("expiresAt");
        } else {
          json.writeStringField("expiresAt", link.expiresAt().toString());
        }
        json.writeBooleanField("forwardQuery", link.forwardQuery());
        if (routed) {
          json.writeFieldName("rules");
          json.writeRawValue(RoutingJson.rules(link.routing()).toString());
          json.writeFieldName("variants");
          json.writeRawValue(RoutingJson.variants(link.routing()).toString());
          if (link.routing().variantsUntil() == null) {
            json.writeNullField("variantsUntil");
          } else {
            json.writeStringField("variantsUntil", link.routing().variantsUntil().toString());
          }
        }
        if (options.utm() != null) {
          json.writeFieldName("utm");
          json.writeRawValue(OptionsJson.utm(options.utm()).toString());
        }
        if (options.expiredUrl() != null) {
          json.writeStringField("expiredUrl", options.expiredUrl());
        }
        if (options.preview() != null) {
          json.writeFieldName("preview");
          json.writeRawValue(OptionsJson.preview(options.preview()).toString());
        }
        if (options.password() != null) {
          // when it was set, so the edge can check access cookies: never the password's hash
          json.writeStringField("passwordSince", options.password().since().toString());
        }
        if (options.limited()) {
          json.writeBooleanField("originOnly", true);
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
