package dev.smo1.link.known;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter over link entity ids, safe for concurrent adds and lookups without locks: bits are
 * set with compare-and-set, and the number of bits set is counted as they flip, so {@link
 * #estimatedSize} estimates how many distinct ids were added (repeated adds of one id cost nothing
 * and count nothing).
 *
 * <p>Positions come from double hashing ({@code h1 + i·h2}) of two independent 64-bit hashes of the
 * id's characters (FNV-1a with different offsets, each finished with MurmurHash3's {@code fmix64}).
 */
public final class LinkBloomFilter {
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long SECOND_OFFSET = 0x9e3779b97f4a7c15L;

  private final AtomicLongArray words;
  private final long bits;
  private final int hashes;
  private final long capacity;
  private final AtomicLong bitsSet = new AtomicLong();

  /**
   * @param capacity the number of ids for which the false-positive rate is {@code
   *     falsePositiveRate}; more may be added, at a rising rate
   */
  public LinkBloomFilter(long capacity, double falsePositiveRate) {
    if (capacity < 1 || !(falsePositiveRate > 0 && falsePositiveRate < 1)) {
      throw new IllegalArgumentException(
          "capacity must be positive and the false-positive rate in (0, 1)");
    }
    double ln2 = Math.log(2);
    long wanted = (long) Math.ceil(-capacity * Math.log(falsePositiveRate) / (ln2 * ln2));
    long wordCount = Math.max(1, (wanted + 63) / 64);
    if (wordCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a filter for " + capacity + " ids is too large");
    }
    this.words = new AtomicLongArray((int) wordCount);
    this.bits = wordCount * 64;
    this.hashes = Math.max(1, (int) Math.round((double) bits / capacity * ln2));
    this.capacity = capacity;
  }

  public long capacity() {
    return capacity;
  }

  /** Memory held by the bits, in bytes. */
  public long sizeInBytes() {
    return bits / 8;
  }

  public void add(String entityId) {
    long h1 = hash(entityId, FNV_OFFSET);
    long h2 = hash(entityId, SECOND_OFFSET) | 1;
    for (int i = 0; i < hashes; i++) {
      long bit = Math.floorMod(h1 + i * h2, bits);
      int word = (int) (bit >>> 6);
      long mask = 1L << (bit & 63);
      long current = words.get(word);
      while ((current & mask) == 0) {
        long witness = words.compareAndExchange(word, current, current | mask);
        if (witness == current) {
          bitsSet.incrementAndGet();
          break;
        }
        current = witness;
      }
    }
  }

  /** False only if {@code entityId} was never added. */
  public boolean mightContain(String entityId) {
    long h1 = hash(entityId, FNV_OFFSET);
    long h2 = hash(entityId, SECOND_OFFSET) | 1;
    for (int i = 0; i < hashes; i++) {
      long bit = Math.floorMod(h1 + i * h2, bits);
      if ((words.get((int) (bit >>> 6)) & (1L << (bit & 63))) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many distinct ids have been added, estimated from the bits set (Swamidass and Baldi): exact
   * enough to know when the filter is fuller than its capacity.
   */
  public long estimatedSize() {
    double set = bitsSet.get();
    if (set >= bits) {
      return Long.MAX_VALUE;
    }
    return Math.round(-((double) bits / hashes) * Math.log1p(-set / bits));
  }

  private static long hash(String text, long offset) {
    long h = offset;
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * FNV_PRIME;
    }
    return fmix64(h);
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
