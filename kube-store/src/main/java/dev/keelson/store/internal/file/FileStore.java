package dev.keelson.store.internal.file;

import dev.keelson.store.KeyValue;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.StoreException;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchRequest;
import dev.keelson.store.internal.memory.Commit;
import dev.keelson.store.internal.memory.MvccEngine;
import dev.keelson.store.internal.memory.Requests;
import dev.keelson.store.internal.memory.WatchHub;
import dev.keelson.store.internal.memory.Writes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file:<dir>} backend. See the package documentation for the log, group commit,
 * snapshots and recovery.
 *
 * <p>Threading: callers enqueue writes into a bounded queue (blocking when it is full) and wait for
 * their acknowledgement; one writer thread applies, logs, forces, publishes and acknowledges them
 * in batches. Reads and watches never touch the writer. A failed {@code force} makes the store
 * unavailable (its state on disk is unknown beyond the last good fsync); every pending and later
 * call fails with {@link UnavailableException}.
 */
public final class FileStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
  private static final int QUEUE_CAPACITY = 4096;
  private static final int MAX_BATCH = 1024;

  private final Path dir;
  private final FileOptions options;
  private final long maxRequestBytes;
  private final MvccEngine engine;
  private final WatchHub hub;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Wal wal;
  private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread writer;
  private final Acknowledger acknowledger;
  private volatile boolean closed;
  private volatile Throwable failure;
  private volatile Thread snapshotter;
  private volatile long lastSnapshotRevision;

  private sealed interface Request {}

  /** {@code async}: acknowledged on the acknowledger thread, not by the writer itself. */
  private record TxnRequest(
      Txn txn, boolean copyResults, CompletableFuture<TxnResult> done, boolean async)
      implements Request {}

  private record CompactRequest(long revision, CompletableFuture<Void> done) implements Request {}

  private record SnapshotDone(boolean ok) implements Request {}

  private record Stop() implements Request {}

  /** Opens (recovering) the store in {@code options.dir()}. */
  public FileStore(StoreConfig config, FileOptions options) throws IOException {
    this.dir = options.dir();
    this.options = options;
    this.maxRequestBytes = config.maxRequestBytes();
    Files.createDirectories(dir);
    this.lockChannel =
        FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      lockChannel.close();
      throw new UnavailableException("store directory " + dir + " is in use by another store");
    }
    this.lock = l;
    try {
      this.engine =
          new MvccEngine(config.clock(), config.historyRevisions(), config.historyRetention());
      Recovery.Result r = Recovery.recover(dir, engine);
      this.lastSnapshotRevision = r.snapshotRevision();
      this.wal = Wal.open(dir, r.segment(), r.validLength());
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
    this.hub = new WatchHub(engine, config.watchBufferEvents());
    this.acknowledger = new Acknowledger("store-acks " + dir);
    this.writer = Thread.ofPlatform().name("store-wal-writer " + dir).daemon().start(this::run);
  }

  /** The number of log fsyncs so far (one per group commit). */
  public long fsyncCount() {
    return wal.fsyncs();
  }

  /** The number of log bytes written since open. */
  public long walBytesWritten() {
    return wal.bytesWritten();
  }

  @Override
  public long currentRevision() {
    checkOpen();
    return engine.publishedRevision();
  }

  @Override
  public RangeResult range(RangeRequest request) {
    checkOpen();
    return engine.range(request);
  }

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    return hub.register(request, listener);
  }

  @Override
  public TxnResult txn(Txn txn) {
    return write(txn, true);
  }

  private TxnResult write(Txn txn, boolean copyResults) {
    Requests.validate(txn, maxRequestBytes);
    return submit(
        new TxnRequest(txn, copyResults, new CompletableFuture<>(), false), TxnRequest::done);
  }

  @Override
  public CompletableFuture<TxnResult> txnAsync(Txn txn) {
    return writeAsync(txn, true);
  }

  /**
   * Queues {@code txn} and returns at once (or when the bounded queue has room): the future
   * completes on the acknowledger thread after the batch holding the write is on disk.
   */
  private CompletableFuture<TxnResult> writeAsync(Txn txn, boolean copyResults) {
    TxnRequest request = new TxnRequest(txn, copyResults, new CompletableFuture<>(), true);
    try {
      Requests.validate(txn, maxRequestBytes);
      enqueue(request);
      if (closed) {
        // The writer may have drained the queue before this request arrived: fail it (a no-op if
        // the writer got to it first).
        request.done().completeExceptionally(unavailable());
      }
    } catch (RuntimeException e) {
      request.done().completeExceptionally(e);
    }
    return request.done();
  }

  @Override
  public CompletableFuture<Long> createAsync(byte[] key, byte[] value) {
    return Writes.createAsync(this::writeAsync, key, value);
  }

  @Override
  public CompletableFuture<Long> updateAsync(byte[] key, byte[] value, long expectedModRevision) {
    return Writes.updateAsync(this::writeAsync, key, value, expectedModRevision);
  }

  @Override
  public CompletableFuture<Long> deleteAsync(byte[] key, long expectedModRevision) {
    return Writes.deleteAsync(this::writeAsync, key, expectedModRevision);
  }

  @Override
  public CompletableFuture<Long> putAsync(byte[] key, byte[] value) {
    return Writes.putAsync(this::writeAsync, key, value);
  }

  private void enqueue(Request request) {
    try {
      while (!queue.offer(request, 100, TimeUnit.MILLISECONDS)) {
        checkOpen();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for the store; nothing written", e);
    }
  }

  @Override
  public Optional<KeyValue> get(byte[] key) {
    checkOpen();
    return engine.get(key);
  }

  @Override
  public long create(byte[] key, byte[] value) {
    return Writes.create(this::write, key, value);
  }

  @Override
  public long update(byte[] key, byte[] value, long expectedModRevision) {
    return Writes.update(this::write, key, value, expectedModRevision);
  }

  @Override
  public long delete(byte[] key, long expectedModRevision) {
    return Writes.delete(this::write, key, expectedModRevision);
  }

  @Override
  public long put(byte[] key, byte[] value) {
    return Writes.put(this::write, key, value);
  }

  @Override
  public void compact(long revision) {
    submit(new CompactRequest(revision, new CompletableFuture<>()), CompactRequest::done);
  }

  private <R extends Request, T> T submit(
      R request, java.util.function.Function<R, CompletableFuture<T>> done) {
    CompletableFuture<T> future = done.apply(request);
    try {
      while (!queue.offer(request, 100, TimeUnit.MILLISECONDS)) {
        checkOpen();
      }
      checkOpen();
      while (true) {
        try {
          return future.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (!writer.isAlive()) {
            future.completeExceptionally(unavailable());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for the store; outcome unknown", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new StoreException("write failed", e.getCause());
    }
  }

  private void run() {
    List<Request> batch = new ArrayList<>(MAX_BATCH);
    List<Runnable> acks = new ArrayList<>(MAX_BATCH);
    List<Runnable> asyncAcks = new ArrayList<>(MAX_BATCH);
    List<Commit> commits = new ArrayList<>(MAX_BATCH);
    ByteBuffer out = ByteBuffer.allocate(1 << 20);
    boolean stopping = false;
    try {
      while (!stopping) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        out.clear();
        for (Request req : batch) {
          switch (req) {
            case TxnRequest t -> {
              MvccEngine.Applied applied = engine.apply(t.txn(), t.copyResults());
              if (applied.commit() != null) {
                out = WalCodec.appendCommit(out, applied.commit());
                commits.add(applied.commit());
              }
              (t.async() ? asyncAcks : acks).add(() -> t.done().complete(applied.result()));
            }
            case CompactRequest c -> {
              try {
                engine.compact(c.revision());
                out = WalCodec.appendCompact(out, c.revision());
                acks.add(() -> c.done().complete(null));
              } catch (RuntimeException e) {
                acks.add(() -> c.done().completeExceptionally(e));
              }
            }
            case SnapshotDone s -> finishSnapshot(s.ok());
            case Stop s -> stopping = true;
          }
        }
        if (out.position() > 0) {
          out.flip();
          wal.append(out);
        }
        for (Commit c : commits) {
          hub.publish(c);
        }
        if (!commits.isEmpty()) {
          engine.maybeAutoCompact();
        }
        acks.forEach(Runnable::run);
        if (!asyncAcks.isEmpty()) {
          acknowledger.hand(List.copyOf(asyncAcks));
        }
        batch.clear();
        acks.clear();
        asyncAcks.clear();
        commits.clear();
        if (out.capacity() > 16 << 20) {
          out = ByteBuffer.allocate(1 << 20);
        }
        if (!stopping && wal.bytesSinceRotation() >= options.snapshotBytes()) {
          startSnapshot();
        }
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("store {} failed; it is now unavailable", dir, t);
      UnavailableException u = unavailable();
      batch.forEach(r -> fail(r, u));
    } finally {
      closed = true;
      if (failure != null) {
        hub.close();
      }
      List<Request> rest = new ArrayList<>();
      queue.drainTo(rest);
      UnavailableException u = unavailable();
      rest.forEach(r -> fail(r, u));
    }
  }

  private static void fail(Request r, RuntimeException e) {
    switch (r) {
      case TxnRequest t -> t.done().completeExceptionally(e);
      case CompactRequest c -> c.done().completeExceptionally(e);
      default -> {}
    }
  }

  private void startSnapshot() throws IOException {
    long revision = engine.appliedRevision();
    if (snapshotter != null || revision == lastSnapshotRevision) {
      return;
    }
    long compacted = engine.compactedRevision();
    wal.rotate(revision + 1);
    engine.holdPhysical();
    snapshotter =
        Thread.ofVirtual()
            .name("store-snapshot")
            .start(
                () -> {
                  boolean ok = false;
                  try {
                    Snapshots.write(dir, revision, compacted, engine.versionsAtOrBelow(revision));
                    deleteCoveredFiles(revision);
                    ok = true;
                  } catch (Throwable t) {
                    LOG.error("store {}: snapshot at revision {} failed", dir, revision, t);
                  }
                  lastSnapshotRevision = ok ? revision : lastSnapshotRevision;
                  try {
                    SnapshotDone done = new SnapshotDone(ok);
                    while (writer.isAlive() && !queue.offer(done, 100, TimeUnit.MILLISECONDS)) {
                      // the writer drains the queue; if it has stopped nobody needs this
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
  }

  private void finishSnapshot(boolean ok) {
    engine.releasePhysical();
    snapshotter = null;
  }

  private void deleteCoveredFiles(long revision) throws IOException {
    for (WalSegments.Segment s : WalSegments.list(dir)) {
      if (s.firstRevision() <= revision) {
        Files.deleteIfExists(s.path());
      }
    }
    for (Snapshots.SnapshotFile s : Snapshots.list(dir)) {
      if (s.revision() < revision) {
        Files.deleteIfExists(s.path());
      }
    }
    WalSegments.syncDirectory(dir);
  }

  @Override
  public void close() {
    if (!closed && writer.isAlive()) {
      try {
        queue.put(new Stop());
        writer.join();
        Thread s = snapshotter;
        if (s != null) {
          s.join();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closed = true;
    hub.close();
    acknowledger.close();
    try {
      wal.close();
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException e) {
      LOG.warn("store {}: error while closing", dir, e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw unavailable();
    }
  }

  private UnavailableException unavailable() {
    Throwable f = failure;
    return f == null
        ? new UnavailableException("store " + dir + " is closed")
        : new UnavailableException("store " + dir + " failed: " + f, f);
  }

  @Override
  public String toString() {
    return "FileStore[" + dir + ", revision=" + engine.publishedRevision() + "]";
  }
}
