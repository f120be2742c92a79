package dev.keelson.store.internal.file;

import dev.keelson.store.Keys;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Child process for {@link FileStoreCrashIT}: opens {@code args[0]} and has {@code args[1]} threads
 * each create keys {@code /crash/t<i>/<n>} for n = 0, 1, 2, ... (continuing after what is already
 * stored), appending a line {@code ACK <key>} to the file {@code args[3]} after each acknowledged
 * write, until killed. With {@code args[2]} above 1, each thread keeps that many {@code
 * createAsync} writes in flight, issued in key order, and appends the ACK when a write's future
 * completes.
 *
 * <p>ACKs go to a file with one unbuffered {@code write} each, not to standard output: a line that
 * reached the kernel before the SIGKILL is in the file afterwards, without depending on how the
 * parent JVM drains the pipe of a process that has just died.
 */
public final class CrashWriter {
  private CrashWriter() {}

  static String key(int thread, long n) {
    return String.format("/crash/t%02d/%010d", thread, n);
  }

  static String value(String key) {
    return "value-of-" + key + "-" + "x".repeat(200);
  }

  private static void ack(FileOutputStream acks, String key) {
    byte[] line = ("ACK " + key + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (acks) {
      try {
        acks.write(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    int threads = Integer.parseInt(args[1]);
    int inFlight = Integer.parseInt(args[2]);
    FileOutputStream out = new FileOutputStream(args[3], true);
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
    for (Thread w : workers) {
      w.join();
    }
  }
}
