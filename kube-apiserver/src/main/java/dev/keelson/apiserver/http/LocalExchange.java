package dev.keelson.apiserver.http;

import dev.keelson.api.errors.ApiException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One in-process request: the handler answers into a future instead of a channel; a streamed answer
 * goes through a bounded {@link LocalPipe}.
 */
final class LocalExchange implements Exchange {
  private final RequestRunner runner;
  private final Request request;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final AtomicBoolean permit = new AtomicBoolean();
  private final CompletableFuture<LocalResponse> answer = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile LocalPipe pipe;

  LocalExchange(RequestRunner runner, Request request) {
    this.runner = runner;
    this.request = request;
  }

  @Override
  public Request request() {
    return request;
  }

  CompletableFuture<LocalResponse> answer() {
    return answer;
  }

  boolean answered() {
    return answered.get();
  }

  void holdPermit() {
    permit.set(true);
  }

  void releasePermit() {
    if (permit.compareAndSet(true, false)) {
      runner.inFlight().release();
    }
  }

  /** Answers with the error's {@code Status}, as the HTTP layer does. */
  void fail(ApiException e, Map<String, String> extraHeaders) {
    Map<String, String> h = new HashMap<>(StatusResponses.JSON);
    h.putAll(extraHeaders);
    respond(e.code(), h, StatusResponses.body(e));
  }

  /** The handler returned: a stream it left open ends, so no reader waits forever. */
  void handlerReturned() {
    LocalPipe p = pipe;
    if (p != null) {
      p.closeWriter();
    } else {
      closed.complete(null);
    }
  }

  @Override
  public void respond(int status, Map<String, String> headers, byte[] body) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    boolean head = request.method().equals("HEAD");
    Map<String, String> h = new HashMap<>(headers);
    h.put("content-length", Integer.toString(body.length));
    answer.complete(LocalResponse.whole(status, h, head ? new byte[0] : body));
  }

  @Override
  public ResponseStream stream(int status, Map<String, String> headers) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    releasePermit(); // long-running: not counted against the in-flight limit
    LocalPipe p = new LocalPipe(LocalPipe.DEFAULT_LIMIT, runner.writeTimeout(), this::readerGone);
    pipe = p;
    answer.complete(LocalResponse.streamed(status, headers, p));
    return p.writer();
  }

  private void readerGone() {
    closed.complete(null);
  }

  @Override
  public CompletionStage<Void> closed() {
    return closed;
  }

  @Override
  public CompletionStage<Void> shuttingDown() {
    return runner.shuttingDownSignal();
  }
}
