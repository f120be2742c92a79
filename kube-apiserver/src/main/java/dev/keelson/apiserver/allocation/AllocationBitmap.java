package dev.keelson.apiserver.allocation;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * Which offsets of a range are allocated: one bit per offset, as kube-apiserver's {@code
 * AllocationBitmap}. Dynamic allocation starts at a random offset above the range's static band and
 * scans forward, then tries the static band, as kube-apiserver's random-scan-with-offset strategy
 * does. Not thread-safe: the API server reads a bitmap from the store, changes it and writes it
 * back with compare-and-set.
 */
public final class AllocationBitmap {
  private final AllocationRange range;
  private final BitSet bits;

  private AllocationBitmap(AllocationRange range, BitSet bits) {
    this.range = range;
    this.bits = bits;
  }

  /**
   * An empty bitmap over {@code range}. Its bits grow as offsets are allocated: a cluster IP range
   * of a million addresses holding a few Services takes a few words, not 128 KiB per bitmap.
   */
  public static AllocationBitmap empty(AllocationRange range) {
    return new AllocationBitmap(range, new BitSet());
  }

  /**
   * A bitmap from its stored form: the bytes of a big-endian unsigned number whose bit {@code i} is
   * offset {@code i} (Go's {@code big.Int.Bytes()}, as kube-apiserver stores it). Bits beyond the
   * range are dropped.
   */
  public static AllocationBitmap fromBytes(AllocationRange range, byte[] bigEndian) {
    byte[] little = reversed(bigEndian);
    BitSet bits = BitSet.valueOf(little);
    if (bits.length() > range.size()) {
      bits.clear(range.size(), bits.length());
    }
    return new AllocationBitmap(range, bits);
  }

  /** The stored form (see {@link #fromBytes}); empty when nothing is allocated. */
  public byte[] toBytes() {
    return reversed(bits.toByteArray());
  }

  public AllocationRange range() {
    return range;
  }

  /** Whether {@code offset} is allocated. */
  public boolean isAllocated(int offset) {
    return bits.get(offset);
  }

  /** Allocates {@code offset}; false if it was allocated already. */
  public boolean allocate(int offset) {
    check(offset);
    if (bits.get(offset)) {
      return false;
    }
    bits.set(offset);
    return true;
  }

  /** Releases {@code offset} (a no-op if it was free). */
  public void release(int offset) {
    check(offset);
    bits.clear(offset);
  }

  /** Allocates a free offset and returns it, or -1 if the range is full. */
  public int allocateNext(RandomGenerator random) {
    int size = range.size();
    int band = Math.min(range.staticBand(), size);
    int offset = scan(band, size, random);
    if (offset < 0) {
      offset = scan(0, band, random);
    }
    if (offset >= 0) {
      bits.set(offset);
    }
    return offset;
  }

  /** The number of allocated offsets. */
  public int allocated() {
    return bits.cardinality();
  }

  /** The number of free offsets. */
  public int free() {
    return range.size() - bits.cardinality();
  }

  private int scan(int from, int to, RandomGenerator random) {
    if (from >= to) {
      return -1;
    }
    int start = from + random.nextInt(to - from);
    int o = bits.nextClearBit(start);
    if (o < to) {
      return o;
    }
    o = bits.nextClearBit(from);
    return o < start ? o : -1;
  }

  private void check(int offset) {
    if (offset < 0 || offset >= range.size()) {
      throw new IndexOutOfBoundsException("offset " + offset + " outside " + range.text());
    }
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
