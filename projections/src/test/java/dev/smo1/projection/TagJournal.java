package dev.smo1.projection;

import dev.smo1.link.LinkEntity;
import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.testkit.javadsl.TestSourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One tag's stretch of the link journal as {@code eventsByTag} on the JDBC read journal hands it to
 * a projection instance: envelopes in tag order with sequence offsets, each carrying its link's
 * persistence id, its own sequence number within that link and its write time. For projection tests
 * that run without the journal.
 */
public final class TagJournal {
  private final String tag;
  private final List<EventEnvelope<LinkEvent>> envelopes = new ArrayList<>();
  private final Map<LinkId, Long> sequenceNrs = new HashMap<>();

  public TagJournal(String tag) {
    if (!LinkEntity.TAGS.contains(tag)) {
      throw new IllegalArgumentException("not a link tag: " + tag);
    }
    this.tag = tag;
  }

  /** The id the projection {@code name} runs this tag's instance under. */
  public ProjectionId projectionId(String name) {
    return ProjectionId.of(name, tag);
  }

  /** The first {@code count} codes {@code prefix0}, {@code prefix1}… whose links carry this tag. */
  public List<String> codes(String domain, String prefix, int count) {
    return IntStream.iterate(0, index -> index + 1)
        .mapToObj(index -> prefix + index)
        .filter(code -> LinkEntity.tagFor(new LinkId(domain, code)).equals(tag))
        .limit(count)
        .toList();
  }

  /** Journals the link's next event; returns its envelope. */
  public EventEnvelope<LinkEvent> append(LinkEvent event) {
    LinkId id = new LinkId(event.domain(), event.code());
    if (!LinkEntity.tagFor(id).equals(tag)) {
      throw new IllegalArgumentException(id.entityId() + " is not on " + tag);
    }
    long sequenceNr = sequenceNrs.merge(id, 1L, Long::sum);
    var envelope =
        EventEnvelope.create(
            Offset.sequence(envelopes.size() + 1),
            PersistenceId.of(LinkEntity.TYPE_KEY.name(), id.entityId()).id(),
            sequenceNr,
            event,
            event.at().toEpochMilli());
    envelopes.add(envelope);
    return envelope;
  }

  /** Everything journalled, in tag order. */
  public List<EventEnvelope<LinkEvent>> envelopes() {
    return List.copyOf(envelopes);
  }

  /**
   * A source of {@code elements} (envelopes, or groups of them) that, like the read journal, starts
   * after the projection's saved offset when it has one.
   */
  public static <E> TestSourceProvider<Offset, E> source(
      List<E> elements, Function<E, Offset> offset) {
    return TestSourceProvider.<Offset, E>create(Source.from(elements), offset::apply)
        .withStartSourceFrom((saved, next) -> value(next) <= value(saved));
  }

  private static long value(Offset offset) {
    return ((Sequence) offset).value();
  }
}
