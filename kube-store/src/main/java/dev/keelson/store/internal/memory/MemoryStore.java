package dev.keelson.store.internal.memory;

import dev.keelson.store.KeyValue;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchRequest;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code memory:} backend: the MVCC engine with one write lock. A write applies, publishes and
 * is acknowledged under the lock, so a read that starts after an acknowledgement sees it
 * (linearizable); reads take no lock at all.
 */
public final class MemoryStore implements Store {
  private final ReentrantLock writeLock = new ReentrantLock();
  private final MvccEngine engine;
  private final WatchHub hub;
  private final long maxRequestBytes;
  private final Writes.Path writePath = this::write;
  private volatile boolean closed;

  public MemoryStore(StoreConfig config) {
    this.engine =
        new MvccEngine(config.clock(), config.historyRevisions(), config.historyRetention());
    this.hub = new WatchHub(engine, config.watchBufferEvents());
    this.maxRequestBytes = config.maxRequestBytes();
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
  public TxnResult txn(Txn txn) {
    return write(txn, true);
  }

  private TxnResult write(Txn txn, boolean copyResults) {
    Requests.validate(txn, maxRequestBytes);
    writeLock.lock();
    try {
      checkOpen();
      MvccEngine.Applied applied = engine.apply(txn, copyResults);
      if (applied.commit() != null) {
        hub.publish(applied.commit());
        engine.maybeAutoCompact();
      }
      return applied.result();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Optional<KeyValue> get(byte[] key) {
    checkOpen();
    return engine.get(key);
  }

  @Override
  public long create(byte[] key, byte[] value) {
    return Writes.create(writePath, key, value);
  }

  @Override
  public long update(byte[] key, byte[] value, long expectedModRevision) {
    // Writes.update's one-op transaction, run without building it (the hot Kubernetes write).
    Writes.validateUpdate(key, value, maxRequestBytes);
    long actual;
    writeLock.lock();
    try {
      checkOpen();
      Commit commit = engine.putIfModRevision(key, value, expectedModRevision);
      if (commit != null) {
        hub.publish(commit);
        engine.maybeAutoCompact();
        return commit.revision();
      }
      actual = engine.latestModRevision(key);
    } finally {
      writeLock.unlock();
    }
    throw Writes.updateFailed(key, expectedModRevision, actual);
  }

  @Override
  public long delete(byte[] key, long expectedModRevision) {
    return Writes.delete(writePath, key, expectedModRevision);
  }

  @Override
  public long put(byte[] key, byte[] value) {
    return Writes.put(writePath, key, value);
  }

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    return hub.register(request, listener);
  }

  @Override
  public void compact(long revision) {
    writeLock.lock();
    try {
      checkOpen();
      engine.compact(revision);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      closed = true;
    } finally {
      writeLock.unlock();
    }
    hub.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new UnavailableException("store is closed");
    }
  }

  @Override
  public String toString() {
    return "MemoryStore[revision=" + engine.publishedRevision() + "]";
  }
}
