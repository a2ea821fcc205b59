package dev.smo1.link;

/**
 * Told by a link entity right after it persisted a change, with the sequence number of the new
 * event: how caches learn to drop what they hold for that link. Called on the entity's thread, so
 * it must not block (a {@code tell} to a pub-sub topic is the intended use).
 */
@FunctionalInterface
public interface LinkChanges {
  LinkChanges NONE = (id, version) -> {};

  void changed(LinkId id, long version);
}
