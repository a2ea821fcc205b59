package dev.smo1.node.wiring;

import com.typesafe.config.Config;
import dev.smo1.link.ErrorCode;
import dev.smo1.link.LinkDraft;
import dev.smo1.link.LinkReply;
import dev.smo1.link.Links;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live example short link the landing site shows ({@code <app>/hello} by default), owned by the
 * bootstrap workspace and pointing to the blog post about the edge. Asked for at every start once
 * the node is Up: the first start creates it, later ones find the alias taken and leave the link as
 * its owners made it (changed, disabled or deleted: codes are never reused).
 */
public final class ExampleLink {
  private static final Logger log = LoggerFactory.getLogger(ExampleLink.class);

  /** The landing site's post about the edge (web/landing/content/blog). */
  static final String DEFAULT_PATH = "/blog/redirects-at-the-edge/";

  private ExampleLink() {}

  /**
   * Creates the link once this node is Up, unless {@code smo1.bootstrap.example-link.alias} is
   * empty.
   */
  public static void ensureOnMemberUp(
      NodeContext node, Links links, String workspace, URI appBaseUrl) {
    Config config = node.system().settings().config().getConfig("smo1.bootstrap.example-link");
    String alias = config.getString("alias").trim();
    if (alias.isEmpty()) {
      return;
    }
    String target = config.getString("target").trim();
    String location = target.isEmpty() ? targetOn(appBaseUrl) : target;
    Cluster.get(node.system().classicSystem())
        .registerOnMemberUp(
            () ->
                Patterns.retry(
                        () -> create(links, workspace, alias, location),
                        5,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(20),
                        0.2,
                        node.system())
                    .whenComplete(
                        (ignored, error) -> {
                          if (error != null) {
                            log.warn(
                                "example link alias={} not created: {}", alias, error.toString());
                          }
                        }));
  }

  static String targetOn(URI appBaseUrl) {
    String base = appBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + DEFAULT_PATH;
  }

  private static CompletionStage<Void> create(
      Links links, String workspace, String alias, String target) {
    var draft = new LinkDraft(target, 302, null, "SMO1 at the edge", List.of("example"));
    return links
        .create(workspace, alias, draft)
        .thenAccept(
            reply -> {
              switch (reply) {
                case LinkReply.Ok ok ->
                    log.info("example link created code={} target={}", ok.link().code(), target);
                case LinkReply.Rejected rejected when rejected.code() == ErrorCode.ALIAS_TAKEN ->
                    log.debug("example link alias={} exists: left as it is", alias);
                case LinkReply.Rejected rejected ->
                    log.warn(
                        "example link alias={} target={} refused: {}",
                        alias,
                        target,
                        rejected.message());
              }
            });
  }
}
