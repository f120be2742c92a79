package dev.keelson.apiserver.rest;

import dev.keelson.apiserver.http.Gzip;
import dev.keelson.watch.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Gzipped list bodies, and a small bounded cache of them.
 *
 * <p>A list of thousands of objects is a concatenation of the watch cache's shared JSON of each
 * object; gzipping it (level 1, as kube-apiserver) is most of what a list costs. Clients such as
 * informers and {@code kubectl get} repeat identical lists, so the gzipped body of a recent list is
 * kept and sent again when a request lists exactly the same bytes: the same list envelope (kind,
 * apiVersion, resourceVersion, continue token) and the same objects in the same order, each at the
 * same store revision (a key at one mod revision is one immutable stored value, so its JSON is the
 * same). That is checked on every request against the list the watch cache just produced, so a
 * write to the resource (which moves the list's resourceVersion and the written object's revision)
 * is never served stale; no invalidation is needed for correctness. Concurrent requests for the
 * same body share one compression.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} bodies and {@link #MAX_BYTES} bytes (bodies plus the
 * arrays that identify their objects), least recently used first out; a body larger than a quarter
 * of that is not kept. Only bodies of resources served as stored are cached (a converted custom
 * resource is re-encoded per request and is only compressed).
 *
 * <p>The lists of items passed in are never changed afterwards (a {@link
 * dev.keelson.watch.ListResult}'s are immutable): finding the very list a body was made from again
 * is a match without the pass over its items.
 */
final class GzippedLists {
  static final int MAX_ENTRIES = 32;
  static final long MAX_BYTES = 64L * 1024 * 1024;

  /**
   * Which request a body answers, for lookup only: every hit is checked against the content. By
   * resource rather than by {@link ResourceContext}, so that no context outlives its resource here.
   */
  private record Key(dev.keelson.api.GroupVersionResource resource, String request) {}

  /** A body, identified by its envelope and its objects' keys and revisions. */
  private static final class Entry {
    final byte[] head;
    final String[] keys;
    final long[] revisions;

    /**
     * The list the entry was made from, weakly (the entry must not keep its objects alive): the
     * watch cache answers a list over an unchanged map with the same immutable list, so finding it
     * again is a match without comparing the items one by one.
     */
    final WeakReference<List<StoredObject>> listed;

    final CompletableFuture<byte[]> body = new CompletableFuture<>();
    final long jsonBytes;
    long weight;

    Entry(byte[] head, List<StoredObject> items) {
      this.head = head;
      this.listed = new WeakReference<>(items);
      this.keys = new String[items.size()];
      this.revisions = new long[items.size()];
      int i = 0;
      for (StoredObject o : items) {
        keys[i] = o.key();
        revisions[i] = o.resourceVersion();
        i++;
      }
      this.jsonBytes = jsonBytes(head, items);
      this.weight = head.length + 16L * keys.length + 64;
    }

    boolean matches(byte[] otherHead, List<StoredObject> items) {
      if (items.size() != keys.length || !Arrays.equals(head, otherHead)) {
        return false;
      }
      if (listed.get() == items) {
        return true; // the same immutable list: the same objects at the same revisions
      }
      int i = 0;
      for (StoredObject o : items) {
        if (o.resourceVersion() != revisions[i] || !o.key().equals(keys[i])) {
          return false;
        }
        i++;
      }
      return true;
    }
  }

  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long compressions;

  /** A compressed body, and the size of the JSON it holds. */
  record Body(byte[] gzipped, long jsonBytes) {}

  /**
   * The body of the list {@code head + items' JSON (comma separated) + "]}"} if one is kept and
   * compressed already, else {@code null}; the check is one pass over the items' keys and
   * revisions.
   */
  Body cached(ResourceContext ctx, String request, byte[] head, List<StoredObject> items) {
    Entry entry;
    synchronized (this) {
      entry = entries.get(new Key(ctx.type().gvr(), request));
      if (entry == null
          || !entry.body.isDone()
          || entry.body.isCompletedExceptionally()
          || !entry.matches(head, items)) {
        return null;
      }
    }
    return new Body(entry.body.join(), entry.jsonBytes);
  }

  /** The size of the list {@code head + items' JSON (comma separated) + "]}"}. */
  static long jsonBytes(byte[] head, List<StoredObject> items) {
    long size = head.length + 2L + Math.max(0, items.size() - 1);
    for (StoredObject o : items) {
      size += o.json().length;
    }
    return size;
  }

  /**
   * The gzipped list {@code head + items' JSON (comma separated) + "]}"}, from the cache when an
   * identical list was compressed before, else compressed now (and kept).
   *
   * @param ctx the resource (its stored JSON is served as is)
   * @param request what distinguishes the request (namespace, selectors, paging, version)
   */
  byte[] gzipped(ResourceContext ctx, String request, byte[] head, List<StoredObject> items) {
    Key key = new Key(ctx.type().gvr(), request);
    Entry entry;
    boolean mine = false;
    synchronized (this) {
      entry = entries.get(key);
      if (entry == null || !entry.matches(head, items) || entry.body.isCompletedExceptionally()) {
        if (entry != null) {
          entries.remove(key);
          bytes -= entry.weight;
        }
        entry = new Entry(head, items);
        entries.put(key, entry);
        bytes += entry.weight;
        compressions++;
        mine = true;
        evict(entry);
      }
    }
    if (!mine) {
      try {
        return entry.body.join();
      } catch (CompletionException e) {
        // The compression that ran for this body failed; do it here, without the cache.
        return compress(head, items);
      }
    }
    byte[] gz;
    try {
      gz = compress(head, items);
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        if (entries.remove(key, entry)) {
          bytes -= entry.weight;
        }
      }
      entry.body.completeExceptionally(e);
      throw e;
    }
    synchronized (this) {
      if (entries.get(key) == entry) {
        if (gz.length > MAX_BYTES / 4) {
          entries.remove(key);
          bytes -= entry.weight;
        } else {
          entry.weight += gz.length;
          bytes += gz.length;
          evict(entry);
        }
      }
    }
    entry.body.complete(gz);
    return gz;
  }

  /** Drops least recently used bodies (never {@code keep}) while over a bound. */
  private void evict(Entry keep) {
    Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
    while ((bytes > MAX_BYTES || entries.size() > MAX_ENTRIES) && it.hasNext()) {
      Entry e = it.next().getValue();
      if (e != keep) {
        it.remove();
        bytes -= e.weight;
      }
    }
  }

  /** How many bodies are kept (for tests). */
  synchronized int size() {
    return entries.size();
  }

  /** Bytes accounted to kept bodies (for tests). */
  synchronized long bytes() {
    return bytes;
  }

  /** How many compressions the cache started (for tests). */
  synchronized long compressions() {
    return compressions;
  }

  /**
   * Gzips {@code head + items' JSON (comma separated) + "]}"} in one pass over the shared JSON
   * arrays, without assembling the uncompressed list (megabytes for thousands of objects).
   */
  static byte[] compress(byte[] head, List<StoredObject> items) {
    long size = jsonBytes(head, items);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(16L * 1024 * 1024, Math.max(1024, size / 16)));
    try (OutputStream gz = Gzip.output(out)) {
      Batch batch = new Batch(gz);
      batch.write(head);
      boolean first = true;
      for (StoredObject o : items) {
        if (!first) {
          batch.write(',');
        }
        batch.write(o.json());
        first = false;
      }
      batch.write(']');
      batch.write('}');
      batch.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: in memory
    }
    return out.toByteArray();
  }

  /** Gathers small writes into 64 KiB ones (each write to a gzip stream is one deflater pass). */
  private static final class Batch {
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int n;

    Batch(OutputStream out) {
      this.out = out;
    }

    void write(int b) throws IOException {
      if (n == buf.length) {
        flush();
      }
      buf[n++] = (byte) b;
    }

    void write(byte[] b) throws IOException {
      if (b.length > buf.length - n) {
        flush();
        if (b.length >= buf.length) {
          out.write(b);
          return;
        }
      }
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    void flush() throws IOException {
      if (n > 0) {
        out.write(buf, 0, n);
        n = 0;
      }
    }
  }
}
