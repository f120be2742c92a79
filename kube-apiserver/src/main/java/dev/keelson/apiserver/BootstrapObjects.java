package dev.keelson.apiserver;

import dev.keelson.api.errors.ServiceUnavailableException;
import dev.keelson.apiserver.http.HttpHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the objects every cluster has (the system namespaces and the {@code default/kubernetes}
 * Service) once the server listens, on a thread of its own, as kube-apiserver's post-start hooks
 * do: {@link #start()} returns at once, and a failed write is retried (with back-off) until it
 * succeeds or the server closes.
 *
 * <p>Until they are written, {@link #gate} keeps the server from answering as if they were: {@code
 * /readyz} fails (500, naming the check, as kube-apiserver names an unfinished post-start hook),
 * every other request but {@code /healthz} and {@code /livez} waits for them (at most {@link
 * #WAIT}, then 503), so no request sees a cluster without its {@code default} namespace.
 */
final class BootstrapObjects implements AutoCloseable {
  /** The readiness check's name, as kube-apiserver's {@code /readyz?verbose} lists it. */
  static final String CHECK = "poststarthook/bootstrap-controller";

  /** How long a request waits for the objects before it answers 503. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(BootstrapObjects.class);

  private final Runnable write;
  private final CompletableFuture<Void> written = new CompletableFuture<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Thread thread;

  /** {@code write} writes the objects that are missing, or throws. */
  BootstrapObjects(Runnable write) {
    this.write = write;
  }

  /** Starts writing them on a daemon thread. */
  void start() {
    thread = Thread.ofPlatform().daemon().name("keelson-apiserver-bootstrap").start(this::run);
  }

  private void run() {
    long backoffMillis = 100;
    while (true) {
      try {
        write.run();
        written.complete(null);
        return;
      } catch (RuntimeException e) {
        LOG.warn("writing the bootstrap objects failed (retrying): {}", e.toString());
      }
      try {
        if (closed.await(backoffMillis, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      backoffMillis = Math.min(backoffMillis * 2, 5_000);
    }
  }

  /** Whether they are written. */
  boolean isWritten() {
    return written.isDone() && !written.isCompletedExceptionally();
  }

  /** {@code next}, answering only once the objects are written (see the class comment). */
  HttpHandler gate(HttpHandler next) {
    return exchange -> {
      if (!isWritten()) {
        switch (exchange.request().path()) {
          case "/healthz", "/livez" -> {}
          case "/readyz" -> {
            HealthAnswers.failed(exchange, "readyz", CHECK);
            return;
          }
          default -> await();
        }
      }
      next.handle(exchange);
    };
  }

  private void await() {
    try {
      written.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw ServiceUnavailableException.of(
          "the server is starting: its system namespaces and kubernetes Service are not written"
              + " yet");
    } catch (ExecutionException e) {
      throw ServiceUnavailableException.of("the server is shutting down");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServiceUnavailableException.of("interrupted while the server was starting");
    }
  }

  /** Stops retrying and waits for a write under way; requests still waiting answer 503. */
  @Override
  public void close() {
    closed.countDown();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    written.completeExceptionally(new IllegalStateException("closed"));
  }
}
