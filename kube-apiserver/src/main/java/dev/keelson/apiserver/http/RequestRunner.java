package dev.keelson.apiserver.http;

import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.ServiceUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs requests through one {@link HttpHandler}: on a virtual thread each, at most {@code
 * maxInFlight} at once (more answer 429), answering a handler's {@link ApiException} with its
 * {@code Status}. The network listener ({@link HttpServer}) and the in-process transport ({@link
 * #dispatch(Request)}) share one runner, so both go through the same limit and the same handler.
 */
public final class RequestRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RequestRunner.class);

  private final HttpHandler handler;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore inFlight;
  private final int maxBodyBytes;
  private final Duration writeTimeout;
  private final CompletableFuture<Void> shuttingDown = new CompletableFuture<>();

  /**
   * @param maxInFlight concurrent non-long-running requests before 429
   * @param maxBodyBytes larger in-process request bodies answer 413, as over HTTP
   * @param writeTimeout how long a streamed response may wait for a reader that reads nothing
   */
  public RequestRunner(
      HttpHandler handler, int maxInFlight, int maxBodyBytes, Duration writeTimeout) {
    if (maxInFlight <= 0 || maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxInFlight and maxBodyBytes must be positive");
    }
    this.handler = Objects.requireNonNull(handler, "handler");
    this.inFlight = new Semaphore(maxInFlight);
    this.maxBodyBytes = maxBodyBytes;
    this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
  }

  /**
   * Serves a request in-process: no socket, no TLS, no encoding of the request; the same limits,
   * handler and error answers as a request that came over HTTP. The answer completes once the
   * handler responded or started streaming; a streamed body is read from {@link
   * LocalResponse#body()} and ended early by {@link LocalResponse#close()}.
   */
  public CompletableFuture<LocalResponse> dispatch(Request request) {
    LocalExchange exchange = new LocalExchange(this, request);
    if (shuttingDown.isDone()) {
      exchange.fail(ServiceUnavailableException.of("the server is shutting down"), Map.of());
    } else if (request.body().length > maxBodyBytes) {
      exchange.fail(StatusResponses.tooLarge(maxBodyBytes), Map.of());
    } else if (!inFlight.tryAcquire()) {
      exchange.fail(StatusResponses.tooManyRequests(), Map.of("retry-after", "1"));
    } else {
      exchange.holdPermit();
      try {
        executor.execute(() -> run(exchange));
      } catch (RejectedExecutionException e) {
        exchange.releasePermit();
        exchange.fail(ServiceUnavailableException.of("the server is shutting down"), Map.of());
      }
    }
    return exchange.answer();
  }

  /** Whether the runner stopped taking requests. */
  public boolean isShutDown() {
    return shuttingDown.isDone();
  }

  private void run(LocalExchange exchange) {
    try {
      handler.handle(exchange);
      if (!exchange.answered()) {
        throw new IllegalStateException("the handler answered nothing");
      }
    } catch (ApiException e) {
      if (!exchange.answered()) {
        exchange.fail(e, Map.of());
      }
    } catch (Throwable t) {
      log.warn("{} {} failed", exchange.request().method(), exchange.request().path(), t);
      if (!exchange.answered()) {
        exchange.fail(StatusResponses.internal(t), Map.of());
      }
    } finally {
      exchange.releasePermit();
      exchange.handlerReturned();
    }
  }

  HttpHandler handler() {
    return handler;
  }

  ExecutorService executor() {
    return executor;
  }

  Semaphore inFlight() {
    return inFlight;
  }

  CompletableFuture<Void> shuttingDownSignal() {
    return shuttingDown;
  }

  Duration writeTimeout() {
    return writeTimeout;
  }

  /** Tells long-running responses to end and stops taking requests. Idempotent. */
  void beginShutdown() {
    shuttingDown.complete(null);
    executor.shutdown();
  }

  /** Waits briefly for running handlers, then interrupts the rest. */
  void awaitHandlers() {
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }

  /** Ends long-running responses, waits briefly for running handlers. Idempotent. */
  @Override
  public void close() {
    beginShutdown();
    awaitHandlers();
  }
}
