package dev.smo1.http.link;

import dev.smo1.http.export.Csv;
import dev.smo1.http.json.Json;
import dev.smo1.link.LinkView;
import dev.smo1.projection.readmodel.LinkListing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A workspace's links as a file, streamed from the read model a page at a time (any number of links
 * in bounded memory), newest first. CSV starts with the generic import format's columns ({@code
 * target,alias,title,tags,expiresAt}: an export imports again), then what the link is now; JSON is
 * an array of link bodies as the API answers them.
 */
final class LinkExport {
  /** The CSV's columns; tags are joined with {@code |}. */
  static final List<String> COLUMNS =
      List.of(
          "target",
          "alias",
          "title",
          "tags",
          "expiresAt",
          "domain",
          "shortUrl",
          "status",
          "redirectType",
          "visits",
          "createdAt",
          "updatedAt");

  private static final int PAGE = LinkListing.MAX_LIMIT;

  private LinkExport() {}

  /** Every link of the owner on {@code domain} the filter keeps, page by page. */
  static Source<LinkView, NotUsed> links(
      LinkListing queries, String owner, String domain, LinkListing.Filter filter) {
    return Source.unfoldAsync(
            Optional.of(Optional.<LinkListing.Cursor>empty()),
            next ->
                next.isEmpty()
                    ? java.util.concurrent.CompletableFuture.completedFuture(Optional.empty())
                    : queries
                        .list(owner, domain, filter, next.get(), PAGE)
                        .thenApply(
                            page ->
                                Optional.of(
                                    Pair.create(
                                        page.nextCursor()
                                            .map(
                                                cursor ->
                                                    Optional.of(LinkListing.Cursor.decode(cursor)))
                                            .orElse(Optional.empty()),
                                        page.items()))))
        .mapConcat(items -> items);
  }

  static Source<ByteString, NotUsed> csv(
      Source<LinkView, NotUsed> links, Function<LinkView, String> shortUrl) {
    return Source.single(ByteString.fromString(Csv.row(COLUMNS)))
        .concat(
            links.map(link -> ByteString.fromString(Csv.row(cells(link, shortUrl.apply(link))))));
  }

  static Source<ByteString, NotUsed> json(
      Source<LinkView, NotUsed> links, Function<LinkView, LinkBody> body) {
    return links
        .map(link -> ByteString.fromArray(Json.write(body.apply(link))))
        .intersperse(
            ByteString.fromString("["), ByteString.fromString(","), ByteString.fromString("]"))
        .orElse(Source.single(ByteString.fromString("[]")));
  }

  static List<String> cells(LinkView link, String shortUrl) {
    var cells = new ArrayList<String>(COLUMNS.size());
    cells.add(link.target());
    cells.add(link.code());
    cells.add(link.title());
    cells.add(link.tags() == null ? "" : String.join("|", link.tags()));
    cells.add(instant(link.expiresAt()));
    cells.add(link.domain());
    cells.add(shortUrl);
    cells.add(link.status().wireName());
    cells.add(Integer.toString(link.redirectType().status()));
    cells.add(Long.toString(link.visits()));
    cells.add(instant(link.createdAt()));
    cells.add(instant(link.updatedAt()));
    return cells;
  }

  private static String instant(Instant at) {
    return at == null ? "" : at.toString();
  }
}
