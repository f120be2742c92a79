package dev.keelson.store.internal.etcd;

import dev.keelson.store.CompactedException;
import dev.keelson.store.Compare;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Keys;
import dev.keelson.store.Op;
import dev.keelson.store.OpResult;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.RequestTooLargeException;
import dev.keelson.store.Store;
import dev.keelson.store.StoreException;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchRequest;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Store} on etcd v3 through jetcd.
 *
 * <p><b>Mapping.</b> Every operation is one etcd RPC: {@link #range} a Range, {@link #txn} a Txn
 * (compares on create/mod revision, version or value; puts and deletes return their previous
 * values), {@link #compact} a Compaction, {@link #watch} a Watch stream; etcd's revisions are the
 * store's revisions, unchanged. Keys are confined to {@link EtcdOptions#prefix()}.
 *
 * <p><b>Failures.</b> Every RPC carries a deadline of {@link EtcdOptions#requestTimeout()}; when it
 * passes (etcd unreachable, no leader) the call fails with {@link UnavailableException}, never
 * hangs. Writes are never retried by the client (a write that may have been applied is reported as
 * unavailable, not silently repeated); reads are retried by jetcd on {@code UNAVAILABLE} within the
 * same deadline. Requests whose keys and values exceed {@link EtcdOptions#maxRequestBytes()} fail
 * with {@link RequestTooLargeException} before anything is sent.
 *
 * <p><b>Compaction</b> is etcd's, so it is global: compacting one store compacts every store
 * sharing that etcd (prefixes do not have their own history).
 *
 * <p>Thread-safe. {@link #close()} ends every watch with {@link UnavailableException} and closes
 * the client.
 */
public final class EtcdStore implements Store {
  private final EtcdOptions options;
  private final KeyPrefix prefix;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Client client;
  private final KV kv;
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private EtcdStore(EtcdOptions options) {
    this.options = options;
    this.prefix = new KeyPrefix(options.prefix());
    // jetcd hands each call (and each retry, through Failsafe) to this executor only to start it:
    // starting a gRPC call does not block, the answer completes a future on gRPC's event loop. So
    // the call starts on the caller's thread (retries on Failsafe's delay thread) rather than on a
    // new thread per call (measured: a virtual thread per Txn cost its start, two hand-overs
    // through the carrier pool and fresh Netty thread-locals for its buffers).
    this.executor = new CallerRunsExecutor();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            EtcdClients.daemonThreads("keelson-etcd-watch-"));
    this.client = EtcdClients.build(options, executor);
    this.kv = client.getKVClient();
  }

  /**
   * Connects to etcd and checks that it answers within the request timeout.
   *
   * @throws UnavailableException if etcd cannot be reached or rejects the credentials
   */
  public static EtcdStore open(EtcdOptions options) {
    EtcdStore store = new EtcdStore(options);
    try {
      store.currentRevision();
      return store;
    } catch (RuntimeException e) {
      store.close();
      if (e instanceof UnavailableException u) {
        throw new UnavailableException(
            "cannot open etcd store at " + options.endpointList() + ": " + u.getMessage(), e);
      }
      throw e;
    }
  }

  EtcdOptions options() {
    return options;
  }

  KeyPrefix prefix() {
    return prefix;
  }

  Client client() {
    return client;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  boolean isClosed() {
    return closed;
  }

  void forget(EtcdWatch watch) {
    watches.remove(watch);
  }

  // ---------------------------------------------------------------- reads

  @Override
  public long currentRevision() {
    ensureOpen();
    // Any linearizable read answers with the current revision in its header: count one key.
    GetOption option = GetOption.builder().withCountOnly(true).build();
    GetResponse response =
        call("reading the current revision", kv.get(prefix.key(new byte[] {0}), option));
    return response.getHeader().getRevision();
  }

  @Override
  public RangeResult range(RangeRequest request) {
    ensureOpen();
    GetOption.Builder option =
        GetOption.builder()
            .withRevision(request.revision())
            .withLimit(request.limit())
            .withCountOnly(request.countOnly());
    ByteSequence end = prefix.rangeEnd(request.rangeEnd());
    if (end != null) {
      option.withRange(end);
    }
    GetResponse response;
    try {
      response = call("reading", kv.get(prefix.key(request.key()), option.build()));
    } catch (CompactedException e) {
      throw compacted(request.revision());
    }
    List<KeyValue> kvs = new ArrayList<>(response.getKvs().size());
    for (io.etcd.jetcd.KeyValue kv : response.getKvs()) {
      kvs.add(toKeyValue(kv));
    }
    long revision =
        request.revision() == 0 ? response.getHeader().getRevision() : request.revision();
    return new RangeResult(kvs, response.isMore(), response.getCount(), revision);
  }

  // ---------------------------------------------------------------- writes

  @Override
  public TxnResult txn(Txn txn) {
    ensureOpen();
    checkSize(txn.requestBytes());
    checkNoDuplicateWrites(txn.success());
    checkNoDuplicateWrites(txn.failure());
    io.etcd.jetcd.Txn request = kv.txn();
    request.If(txn.compares().stream().map(this::toCmp).toArray(Cmp[]::new));
    request.Then(toOps(txn.success()));
    request.Else(toOps(txn.failure()));
    TxnResponse response = call("writing", request.commit());
    List<Op> ran = response.isSucceeded() ? txn.success() : txn.failure();
    List<OpResult> results = new ArrayList<>(ran.size());
    int puts = 0;
    int deletes = 0;
    int gets = 0;
    for (Op op : ran) {
      switch (op) {
        case Op.Put p -> {
          PutResponse put = response.getPutResponses().get(puts++);
          results.add(new OpResult.PutResult(previous(put.hasPrevKv() ? put.getPrevKv() : null)));
        }
        case Op.Delete d -> {
          DeleteResponse delete = response.getDeleteResponses().get(deletes++);
          results.add(
              new OpResult.DeleteResult(
                  previous(delete.getPrevKvs().isEmpty() ? null : delete.getPrevKvs().get(0))));
        }
        case Op.Get g -> {
          GetResponse get = response.getGetResponses().get(gets++);
          results.add(
              new OpResult.GetResult(
                  previous(get.getKvs().isEmpty() ? null : get.getKvs().get(0))));
        }
      }
    }
    return new TxnResult(response.isSucceeded(), response.getHeader().getRevision(), results);
  }

  /** One Put RPC (cheaper than a one-op Txn): the write path the benchmarks measure. */
  @Override
  public long put(byte[] key, byte[] value) {
    ensureOpen();
    checkSize((long) key.length + value.length);
    if (key.length == 0) {
      throw new IllegalArgumentException("put needs a non-empty key and a value");
    }
    PutResponse response =
        call("writing", kv.put(prefix.key(key), ByteSequence.from(value), PutOption.DEFAULT));
    return response.getHeader().getRevision();
  }

  @Override
  public void compact(long revision) {
    ensureOpen();
    try {
      call("compacting", kv.compact(revision));
    } catch (CompactedException e) {
      throw compacted(revision);
    }
  }

  // ---------------------------------------------------------------- watch

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    EtcdWatch watch = new EtcdWatch(this, request, listener);
    if (closed) {
      watch.fail(new UnavailableException("store is closed"));
      return watch;
    }
    watches.add(watch);
    if (closed) { // raced with close(): make sure it ends
      watch.fail(new UnavailableException("store is closed"));
      return watch;
    }
    watch.start();
    return watch;
  }

  /** The options for a jetcd watch of {@code request}'s keys from {@code startRevision}. */
  WatchOption watchOption(WatchRequest request, long startRevision) {
    WatchOption.Builder option =
        WatchOption.builder()
            .withRevision(startRevision)
            .withPrevKV(true)
            .withCreateNotify(true)
            .withRequireLeader(true);
    ByteSequence end = prefix.rangeEnd(request.rangeEnd());
    if (end != null) {
      option.withRange(end);
    }
    return option.build();
  }

  // ---------------------------------------------------------------- shutdown

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EtcdWatch watch : List.copyOf(watches)) {
      watch.fail(new UnavailableException("store closed"));
    }
    client.close();
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "EtcdStore[" + options + "]";
  }

  // ---------------------------------------------------------------- helpers

  private void ensureOpen() {
    if (closed) {
      throw new UnavailableException("etcd store at " + options.endpointList() + " is closed");
    }
  }

  private void checkSize(long size) {
    if (size > options.maxRequestBytes()) {
      throw new RequestTooLargeException(size, options.maxRequestBytes());
    }
  }

  private static void checkNoDuplicateWrites(List<Op> ops) {
    if (ops.size() < 2) {
      return; // one op cannot repeat itself (every create, update and delete)
    }
    Set<String> written = new HashSet<>();
    for (Op op : ops) {
      if (op instanceof Op.Put || op instanceof Op.Delete) {
        if (!written.add(Arrays.toString(op.key()))) {
          throw new IllegalArgumentException(
              "a transaction branch writes " + Keys.printable(op.key()) + " twice");
        }
      }
    }
  }

  /**
   * Waits for {@code future} (bounded by the request timeout plus a margin for jetcd's own
   * scheduling) and maps failures to typed exceptions. A {@link CompactedException} thrown from
   * here carries placeholder revisions; callers that know the requested revision rethrow {@link
   * #compacted(long)}.
   */
  <T> T call(String doing, CompletableFuture<T> future) {
    try {
      return future.get(options.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while " + doing, e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw EtcdErrors.unavailable(doing, options, e);
    } catch (Exception e) {
      throw translate(doing, e);
    }
  }

  private RuntimeException translate(String doing, Throwable failure) {
    if (closed) {
      return new UnavailableException("etcd store is closed", EtcdErrors.unwrap(failure));
    }
    Throwable t = EtcdErrors.unwrap(failure);
    return switch (EtcdErrors.classify(t)) {
      case COMPACTED -> new CompactedException(0, 0, 0);
      case FUTURE_REVISION ->
          new IllegalArgumentException(
              "revision is above the current revision: " + t.getMessage(), t);
      case TOO_LARGE -> new RequestTooLargeException(-1, options.maxRequestBytes());
      case INVALID_ARGUMENT ->
          new IllegalArgumentException("etcd rejected the request: " + t.getMessage(), t);
      case UNAVAILABLE -> EtcdErrors.unavailable(doing, options, t);
      case OTHER -> t instanceof StoreException s ? s : EtcdErrors.other(doing, options, t);
    };
  }

  /**
   * The typed error for a request at {@code requested} that etcd refused as compacted, with etcd's
   * actual compacted revision (learned from a watch that etcd cancels, reporting it) and the
   * current revision.
   */
  CompactedException compacted(long requested) {
    long current = 0;
    try {
      current = currentRevision();
    } catch (StoreException e) {
      // keep 0: the error is about the compaction, not about this lookup
    }
    return new CompactedException(requested, compactedRevision().orElse(requested), current);
  }

  /**
   * etcd's compacted revision, learned from a watch from revision 1 that etcd cancels as compacted;
   * empty if etcd does not answer within min(request timeout, 5 s). Only meaningful once etcd has
   * reported a compaction.
   */
  Optional<Long> compactedRevision() {
    CompletableFuture<Long> result = new CompletableFuture<>();
    io.etcd.jetcd.Watch.Watcher probe =
        client
            .getWatchClient()
            .watch(
                prefix.key(new byte[] {0}),
                WatchOption.builder().withRevision(1).build(),
                new io.etcd.jetcd.Watch.Listener() {
                  @Override
                  public void onNext(io.etcd.jetcd.watch.WatchResponse response) {
                    // "created" comes first; etcd then cancels the watch, naming the compacted
                    // revision (only called after etcd said a revision was compacted)
                  }

                  @Override
                  public void onError(Throwable t) {
                    if (t instanceof io.etcd.jetcd.common.exception.CompactedException c) {
                      result.complete(c.getCompactedRevision());
                    } else {
                      result.completeExceptionally(t);
                    }
                  }

                  @Override
                  public void onCompleted() {
                    result.completeExceptionally(new IllegalStateException("probe completed"));
                  }
                });
    try {
      long wait = Math.min(options.requestTimeout().toMillis(), 5_000);
      return Optional.of(result.get(wait, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    } finally {
      probe.close();
    }
  }

  private Cmp toCmp(Compare compare) {
    Cmp.Op op =
        switch (compare.operator()) {
          case EQUAL -> Cmp.Op.EQUAL;
          case NOT_EQUAL -> Cmp.Op.NOT_EQUAL;
          case GREATER -> Cmp.Op.GREATER;
          case LESS -> Cmp.Op.LESS;
        };
    CmpTarget<?> target =
        switch (compare.target()) {
          case CREATE_REVISION -> CmpTarget.createRevision(compare.number());
          case MOD_REVISION -> CmpTarget.modRevision(compare.number());
          case VERSION -> CmpTarget.version(compare.number());
          case VALUE -> CmpTarget.value(ByteSequence.from(compare.value()));
        };
    return new Cmp(prefix.key(compare.key()), op, target);
  }

  /**
   * The branch's ops for etcd, in order (as in etcd, a read sees the branch's earlier writes). The
   * results are matched back to the ops by type, in order.
   */
  private io.etcd.jetcd.op.Op[] toOps(List<Op> ops) {
    return ops.stream().map(this::toOp).toArray(io.etcd.jetcd.op.Op[]::new);
  }

  private io.etcd.jetcd.op.Op toOp(Op op) {
    return switch (op) {
      case Op.Put p ->
          io.etcd.jetcd.op.Op.put(
              prefix.key(p.key()),
              ByteSequence.from(p.value()),
              PutOption.builder().withPrevKV().build());
      case Op.Delete d ->
          io.etcd.jetcd.op.Op.delete(
              prefix.key(d.key()), DeleteOption.builder().withPrevKV(true).build());
      case Op.Get g -> io.etcd.jetcd.op.Op.get(prefix.key(g.key()), GetOption.DEFAULT);
    };
  }

  private Optional<KeyValue> previous(io.etcd.jetcd.KeyValue kv) {
    return kv == null || kv.getKey().isEmpty() ? Optional.empty() : Optional.of(toKeyValue(kv));
  }

  KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(
        prefix.strip(kv.getKey()),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision(),
        kv.getVersion());
  }
}
