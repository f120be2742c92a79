package dev.keelson.node.spi;

/**
 * One reading of the node's resources, the eviction signals kubelet watches. A value below zero
 * means "not known" and its thresholds are not evaluated.
 *
 * @param memoryAvailableBytes memory.available
 * @param memoryCapacityBytes the node's memory
 * @param nodefsAvailableBytes nodefs.available (the filesystem of the agent's root dir)
 * @param nodefsCapacityBytes nodefs size
 * @param nodefsInodesFree nodefs.inodesFree
 * @param nodefsInodes nodefs inodes in all
 * @param imagefsAvailableBytes imagefs.available (the runtime's image filesystem)
 * @param imagefsCapacityBytes imagefs size
 * @param pidMax the most processes the node can have ({@code pid_max})
 * @param processCount how many processes (tasks) run now
 */
public record NodeStatsSummary(
    long memoryAvailableBytes,
    long memoryCapacityBytes,
    long nodefsAvailableBytes,
    long nodefsCapacityBytes,
    long nodefsInodesFree,
    long nodefsInodes,
    long imagefsAvailableBytes,
    long imagefsCapacityBytes,
    long pidMax,
    long processCount) {

  /** Nothing known: no threshold is evaluated. */
  public static NodeStatsSummary unknown() {
    return new NodeStatsSummary(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  }
}
