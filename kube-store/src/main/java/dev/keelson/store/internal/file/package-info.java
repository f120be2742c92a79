/**
 * The {@code file:<dir>} backend: the MVCC engine of {@code internal.memory} made durable.
 *
 * <p>Every commit is appended to a write-ahead log as one record (length, CRC32C, payload). A
 * single writer thread applies queued requests in batches, appends their records, calls {@code
 * FileChannel.force} once per batch (group commit) and only then publishes and acknowledges them,
 * so readers never see a write that is not durable. Blocking calls are acknowledged by the writer;
 * the futures of asynchronous calls ({@code txnAsync}, {@code updateAsync}...) are completed by a
 * separate acknowledger thread after the same fsync, so that callers' dependent actions never run
 * on the writer. A caller keeping many asynchronous writes in flight lets one fsync cover them all.
 * The log is appended without preallocation: on the measured disk an {@code O_DSYNC} write into a
 * preallocated file was no faster than an appending one (see docs/benchmarks.md). When the log
 * since the last snapshot grows past a threshold, the writer rotates to a new log segment and a
 * background thread writes a snapshot (temporary file, fsync, atomic rename, directory fsync) and
 * then deletes the segments it covers. Recovery loads the newest snapshot and replays the segments
 * after it. A torn or corrupt tail of the last segment is truncated and logged; a corrupt record
 * followed by valid ones, a damaged older segment or a damaged snapshot fail the open with {@link
 * dev.keelson.store.StoreCorruptedException}. A {@code FileLock} keeps a second process out.
 */
package dev.keelson.store.internal.file;
