package dev.keelson.store.internal.file;

import dev.keelson.store.Keys;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Child process for {@link FileStoreCrashIT}: opens {@code args[0]} and has {@code args[1]} threads
 * each create keys {@code /crash/t<i>/<n>} for n = 0, 1, 2, ... (continuing after what is already
 * stored), printing {@code ACK <key>} after each acknowledged write, until killed. With {@code
 * args[2]} (default 1) above 1, each thread keeps that many {@code createAsync} writes in flight,
 * issued in key order, and prints the ACK when a write's future completes.
 */
public final class CrashWriter {
  private CrashWriter() {}

  static String key(int thread, long n) {
    return String.format("/crash/t%02d/%010d", thread, n);
  }

  static String value(String key) {
    return "value-of-" + key + "-" + "x".repeat(200);
  }

  private static void ack(PrintStream out, String key) {
    synchronized (out) {
      out.println("ACK " + key);
      out.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    int threads = Integer.parseInt(args[1]);
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    Store store = Stores.open(uri);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      long next =
          store
              .range(RangeRequest.prefix(String.format("/crash/t%02d/", id)).countingOnly())
              .count();
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Semaphore window = new Semaphore(inFlight);
                    for (long n = next; ; n++) {
                      String k = key(id, n);
                      if (inFlight == 1) {
                        store.create(Keys.utf8(k), Keys.utf8(value(k)));
                        ack(out, k);
                        continue;
                      }
                      window.acquireUninterruptibly();
                      store
                          .createAsync(Keys.utf8(k), Keys.utf8(value(k)))
                          .whenComplete(
                              (rev, error) -> {
                                if (error == null) {
                                  ack(out, k);
                                }
                                window.release();
                              });
                    }
                  }));
    }
    synchronized (out) {
      out.println("READY");
      out.flush();
    }
    for (Thread w : workers) {
      w.join();
    }
  }
}
