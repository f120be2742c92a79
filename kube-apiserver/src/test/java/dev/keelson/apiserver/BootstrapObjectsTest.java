package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.errors.ServiceUnavailableException;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.HttpHandler;
import dev.keelson.apiserver.http.Request;
import dev.keelson.apiserver.http.ResponseStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BootstrapObjectsTest {
  private static final HttpHandler OK =
      ex -> ex.respond(200, Map.of(), "ok".getBytes(StandardCharsets.UTF_8));

  @Test
  void readyzFailsNamingTheHookUntilTheObjectsAreWrittenThenPasses() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (BootstrapObjects b = new BootstrapObjects(() -> await(release))) {
      b.start();
      HttpHandler gated = b.gate(OK);
      FakeExchange early = FakeExchange.get("/readyz");
      gated.handle(early);
      assertThat(early.status).isEqualTo(500);
      assertThat(early.body)
          .isEqualTo(
              "[+]ping ok\n[-]poststarthook/bootstrap-controller failed: reason withheld\n"
                  + "readyz check failed\n");
      release.countDown();
      awaitWritten(b);
      FakeExchange later = FakeExchange.get("/readyz");
      gated.handle(later);
      assertThat(later.status).isEqualTo(200);
    }
  }

  @Test
  void livenessAnswersAtOnceWhileTheObjectsAreBeingWritten() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (BootstrapObjects b = new BootstrapObjects(() -> await(release))) {
      b.start();
      for (String path : new String[] {"/healthz", "/livez"}) {
        FakeExchange ex = FakeExchange.get(path);
        b.gate(OK).handle(ex);
        assertThat(ex.status).as(path).isEqualTo(200);
      }
      release.countDown();
    }
  }

  @Test
  void otherRequestsWaitForTheObjects() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (BootstrapObjects b = new BootstrapObjects(() -> await(release))) {
      b.start();
      FakeExchange ex = FakeExchange.get("/api/v1/namespaces/default");
      CompletableFuture<Void> answered =
          CompletableFuture.runAsync(
              () -> {
                try {
                  b.gate(OK).handle(ex);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThatThrownBy(() -> answered.get(100, TimeUnit.MILLISECONDS))
          .as("still waiting for the objects")
          .isInstanceOf(TimeoutException.class);
      release.countDown();
      answered.get(10, TimeUnit.SECONDS);
      assertThat(ex.status).isEqualTo(200);
    }
  }

  @Test
  void aFailedWriteIsRetriedUntilItSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (BootstrapObjects b =
        new BootstrapObjects(
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("store unavailable");
              }
            })) {
      b.start();
      awaitWritten(b);
      assertThat(attempts).hasValue(3);
    }
  }

  @Test
  void requestsStillWaitingWhenTheServerClosesAnswer503() throws Exception {
    BootstrapObjects b =
        new BootstrapObjects(
            () -> {
              throw new IllegalStateException("store unavailable");
            });
    b.start();
    b.close();
    assertThatThrownBy(() -> b.gate(OK).handle(FakeExchange.get("/api/v1/namespaces")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("the server is shutting down");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitWritten(BootstrapObjects b) throws Exception {
    Poll.await("the objects are written", Duration.ofSeconds(10), b::isWritten);
  }

  /** An exchange that records the one plain answer. */
  private static final class FakeExchange implements Exchange {
    private final Request request;
    volatile int status;
    volatile String body;

    private FakeExchange(Request request) {
      this.request = request;
    }

    static FakeExchange get(String path) {
      return new FakeExchange(new Request("GET", path, Map.of(), Map.of(), null, "HTTP/2", null));
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.body = new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public ResponseStream stream(int status, Map<String, String> headers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> closed() {
      return new CompletableFuture<>();
    }

    @Override
    public CompletionStage<Void> shuttingDown() {
      return new CompletableFuture<>();
    }
  }
}
