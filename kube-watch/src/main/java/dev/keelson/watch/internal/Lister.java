package dev.keelson.watch.internal;

import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.ApiTimeoutException;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.GoneException;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusCause;
import dev.keelson.api.meta.StatusDetails;
import dev.keelson.store.CompactedException;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Keys;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.watch.ListOptions;
import dev.keelson.watch.ListResult;
import dev.keelson.watch.ResourceVersions;
import dev.keelson.watch.StoredObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Serves lists from the cache, with Kubernetes' resource-version semantics and pagination at one
 * revision.
 *
 * <p>Every page of a paginated list is read at the revision of the first page. The cache keeps the
 * state after each event of its window (a persistent map shares all unchanged entries, so this
 * costs O(log n) per event), so a continuation whose revision is still inside the window is served
 * from memory. Older continuations, and exact reads of old revisions, fall back to a range read of
 * the store at that revision (counted in {@code listsFromStore}); once the store has compacted it,
 * the answer is 410 Expired.
 *
 * <p>A consistent list (no resource version) needs the cache to have caught up with the store's
 * current revision. When the newest write in the store belongs to another resource, the cache asks
 * its upstream watch for progress ({@link dev.keelson.store.Watch#requestProgress()}, etcd's
 * progress request) to learn that it is current; a store that does not answer leaves the cache
 * behind, and after waiting {@code consistentReadWait} the page is read from the store at that
 * revision instead.
 *
 * <p>The first page of a list without selectors is remembered with the map it was read from (a
 * persistent map never changes, and every change to the resource makes a new root): the next such
 * list of the same namespace and limit over the same root is the same page, and is answered without
 * a scan. {@link #MEMO_SLOTS} pages are kept per resource, each with its root, so at most that many
 * superseded roots outlive the window until the next list replaces them.
 */
final class Lister {
  static final int MEMO_SLOTS = 4;
  private static final int STORE_PAGE = 500;
  private static final String TOO_OLD_CONTINUE =
      "The provided continue parameter is too old to display a consistent list result. You can"
          + " start a new list without the continue parameter.";

  private final CacheEngine engine;

  /** A first page listed from {@code root} without selectors: its items and whether more follow. */
  private record Memo(
      PersistentMap<StoredObject> root,
      String nsPrefix,
      long limit,
      List<StoredObject> items,
      boolean more) {}

  private final AtomicReferenceArray<Memo> memos = new AtomicReferenceArray<>(MEMO_SLOTS);

  Lister(CacheEngine engine) {
    this.engine = engine;
  }

  ListResult list(ListOptions o) {
    try {
      return doList(o);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiTimeoutException.of("list of " + engine.prefix + " interrupted", 1);
    }
  }

  private ListResult doList(ListOptions o) throws InterruptedException {
    if (o.continueToken() != null) {
      if (o.resourceVersion() != null && !o.resourceVersion().equals("0")) {
        throw BadRequestException.of(
            "specifying resource version is not allowed when using continue");
      }
      ContinueToken token = ContinueToken.decode(o.continueToken());
      String start = engine.prefix + token.start();
      State s = engine.state();
      if (token.revision() > s.revision()) {
        s = engine.awaitRevision(token.revision(), engine.config.listWaitTimeout());
      }
      PersistentMap<StoredObject> snapshot = engine.snapshotAt(s, token.revision());
      if (snapshot != null) {
        return fromCache(snapshot, token.revision(), start, o);
      }
      try {
        return fromStore(token.revision(), start, o);
      } catch (CompactedException e) {
        throw GoneException.expired(TOO_OLD_CONTINUE);
      }
    }
    String rv = o.resourceVersion();
    if (rv == null) {
      long target = engine.store.currentRevision();
      State s = engine.awaitRevision(target, engine.config.consistentReadWait());
      if (s.revision() >= target) {
        return fromCache(s.root(), s.revision(), null, o);
      }
      return fromStore(target, null, o);
    }
    long requested = ResourceVersions.parse(rv);
    State s = engine.awaitRevision(requested, engine.config.listWaitTimeout());
    if (s.revision() < requested) {
      throw tooLarge(requested, s.revision());
    }
    if (o.resourceVersionMatch() != ListOptions.ResourceVersionMatch.EXACT || requested == 0) {
      return fromCache(s.root(), s.revision(), null, o);
    }
    PersistentMap<StoredObject> snapshot = engine.snapshotAt(s, requested);
    if (snapshot != null) {
      return fromCache(snapshot, requested, null, o);
    }
    try {
      return fromStore(requested, null, o);
    } catch (CompactedException e) {
      throw GoneException.expired(
          "too old resource version: " + requested + " (" + e.compactedRevision() + ")");
    }
  }

  private ListResult fromCache(
      PersistentMap<StoredObject> root, long revision, String start, ListOptions o) {
    engine.counters.listsFromCache.increment();
    String nsPrefix = namespacePrefix(o);
    boolean memoable =
        start == null
            && o.labelSelector().matchesEverything()
            && o.fieldSelector().matchesEverything();
    int slot = Math.floorMod(nsPrefix.hashCode() * 31 + Long.hashCode(o.limit()), MEMO_SLOTS);
    if (memoable) {
      Memo m = memos.get(slot);
      if (m != null && m.root == root && m.limit == o.limit() && m.nsPrefix.equals(nsPrefix)) {
        return page(revision, m.items, m.more, true);
      }
    }
    String from = start != null && start.compareTo(nsPrefix) > 0 ? start : nsPrefix;
    Iterator<StoredObject> it = root.valuesFrom(from);
    List<StoredObject> items = new ArrayList<>();
    long limit = o.limit() == 0 ? Long.MAX_VALUE : o.limit();
    boolean more = false;
    while (it.hasNext()) {
      StoredObject obj = it.next();
      if (!obj.key().startsWith(nsPrefix)) {
        break;
      }
      if (!o.matches(obj)) {
        continue;
      }
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(obj);
    }
    ListResult result = page(revision, items, more, true);
    if (memoable) {
      memos.set(slot, new Memo(root, nsPrefix, o.limit(), result.items(), more));
    }
    return result;
  }

  private ListResult fromStore(long revision, String start, ListOptions o) {
    engine.counters.listsFromStore.increment();
    String nsPrefix = namespacePrefix(o);
    String from = start != null && start.compareTo(nsPrefix) > 0 ? start : nsPrefix;
    RangeRequest request =
        new RangeRequest(
            Keys.utf8(from), Keys.prefixEnd(Keys.utf8(nsPrefix)), revision, STORE_PAGE, false);
    List<StoredObject> items = new ArrayList<>();
    long limit = o.limit() == 0 ? Long.MAX_VALUE : o.limit();
    while (true) {
      RangeResult r = engine.store.range(request);
      for (KeyValue kv : r.kvs()) {
        StoredObject obj;
        try {
          obj = engine.decoder.decode(kv.keyString(), kv.value(), kv.modRevision());
        } catch (RuntimeException e) {
          continue;
        }
        if (!o.matches(obj)) {
          continue;
        }
        if (items.size() == limit) {
          return page(revision, items, true, false);
        }
        items.add(obj);
      }
      if (!r.more() || r.kvs().isEmpty()) {
        return page(revision, items, false, false);
      }
      request = request.startAfter(r.kvs().get(r.kvs().size() - 1).key());
    }
  }

  private ListResult page(
      long revision, List<StoredObject> items, boolean more, boolean fromCache) {
    String token = null;
    if (more) {
      String lastKey = items.get(items.size() - 1).key();
      token = ContinueToken.after(revision, lastKey.substring(engine.prefix.length())).encode();
    }
    return new ListResult(revision, items, token, fromCache);
  }

  private String namespacePrefix(ListOptions o) {
    return engine.config.keys().prefix(o.namespace());
  }

  static ApiException tooLarge(long requested, long current) {
    String message = "Too large resource version: " + requested + ", current: " + current;
    return new ApiTimeoutException(
        Status.failure(
            504,
            "Timeout",
            message,
            new StatusDetails(
                null,
                null,
                null,
                null,
                List.of(new StatusCause("ResourceVersionTooLarge", message, null)),
                1)));
  }
}
