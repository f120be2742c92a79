package dev.keelson.apiserver.allocation;

/** A range of numbered resources that an {@link AllocationBitmap} allocates from. */
public sealed interface AllocationRange permits IpRange, PortRange {
  /** The number of allocatable items; offsets run from 0 to {@code size() - 1}. */
  int size();

  /**
   * The number of items at the bottom of the range that dynamic allocation takes only when the rest
   * is full, so that they stay free for explicit requests.
   */
  int staticBand();

  /** The range as kube-apiserver writes it in a RangeAllocation ({@code 10.96.0.0/12}). */
  String text();
}
