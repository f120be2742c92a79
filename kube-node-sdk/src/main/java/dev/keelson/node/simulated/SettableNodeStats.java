package dev.keelson.node.simulated;

import dev.keelson.node.spi.NodeStats;
import dev.keelson.node.spi.NodeStatsSummary;
import java.util.function.UnaryOperator;

/**
 * Node stats that tests (and simulated nodes) set by hand. Starts plentiful: 8 GiB of memory with 6
 * GiB available, 100 GiB of disk half free, a million inodes half free, pid_max 4194304 with 300
 * processes.
 */
public final class SettableNodeStats implements NodeStats {
  private volatile NodeStatsSummary current =
      new NodeStatsSummary(
          6L << 30,
          8L << 30,
          50L << 30,
          100L << 30,
          500_000,
          1_000_000,
          50L << 30,
          100L << 30,
          4_194_304,
          300);

  @Override
  public NodeStatsSummary summary() {
    return current;
  }

  /** Replaces the reading. */
  public void set(NodeStatsSummary summary) {
    current = summary;
  }

  /** Replaces the reading with a function of the current one. */
  public synchronized void update(UnaryOperator<NodeStatsSummary> change) {
    current = change.apply(current);
  }

  /** Sets memory.available. */
  public void memoryAvailable(long bytes) {
    update(
        s ->
            new NodeStatsSummary(
                bytes,
                s.memoryCapacityBytes(),
                s.nodefsAvailableBytes(),
                s.nodefsCapacityBytes(),
                s.nodefsInodesFree(),
                s.nodefsInodes(),
                s.imagefsAvailableBytes(),
                s.imagefsCapacityBytes(),
                s.pidMax(),
                s.processCount()));
  }

  /** Sets nodefs.available. */
  public void nodefsAvailable(long bytes) {
    update(
        s ->
            new NodeStatsSummary(
                s.memoryAvailableBytes(),
                s.memoryCapacityBytes(),
                bytes,
                s.nodefsCapacityBytes(),
                s.nodefsInodesFree(),
                s.nodefsInodes(),
                s.imagefsAvailableBytes(),
                s.imagefsCapacityBytes(),
                s.pidMax(),
                s.processCount()));
  }

  /** Sets nodefs.inodesFree. */
  public void nodefsInodesFree(long inodes) {
    update(
        s ->
            new NodeStatsSummary(
                s.memoryAvailableBytes(),
                s.memoryCapacityBytes(),
                s.nodefsAvailableBytes(),
                s.nodefsCapacityBytes(),
                inodes,
                s.nodefsInodes(),
                s.imagefsAvailableBytes(),
                s.imagefsCapacityBytes(),
                s.pidMax(),
                s.processCount()));
  }

  /** Sets the process count. */
  public void processCount(long count) {
    update(
        s ->
            new NodeStatsSummary(
                s.memoryAvailableBytes(),
                s.memoryCapacityBytes(),
                s.nodefsAvailableBytes(),
                s.nodefsCapacityBytes(),
                s.nodefsInodesFree(),
                s.nodefsInodes(),
                s.imagefsAvailableBytes(),
                s.imagefsCapacityBytes(),
                s.pidMax(),
                count));
  }
}
