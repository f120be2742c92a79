package dev.keelson.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.errors.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** In-process dispatch: the in-flight and body limits, error answers and bounded streams. */
class RequestRunnerTest {
  private static Request get(String path) {
    return new Request("GET", path, Map.of(), Map.of(), new byte[0], "in-process", null);
  }

  @Test
  void requestsBeyondTheInFlightLimitAnswer429ButStreamsDoNotCount() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpHandler handler =
        ex -> {
          switch (ex.request().path()) {
            case "/block" -> {
              release.await();
              ex.respond(200, Map.of(), new byte[0]);
            }
            case "/watch" -> {
              try (ResponseStream s = ex.stream(200, Map.of())) {
                ex.closed().toCompletableFuture().join();
              }
            }
            default -> ex.respond(200, Map.of(), "ok".getBytes(StandardCharsets.UTF_8));
          }
        };
    try (RequestRunner runner = new RequestRunner(handler, 1, 1024, Duration.ofSeconds(5))) {
      LocalResponse watch = runner.dispatch(get("/watch")).get(5, TimeUnit.SECONDS);
      assertThat(watch.streaming()).isTrue();
      assertThat(runner.dispatch(get("/other")).get(5, TimeUnit.SECONDS).code()).isEqualTo(200);
      awaitIdle(runner); // a permit is released just after the answer, when the handler returns

      var blocked = runner.dispatch(get("/block"));
      LocalResponse refused = runner.dispatch(get("/other")).get(5, TimeUnit.SECONDS);
      assertThat(refused.code()).isEqualTo(429);
      assertThat(refused.headers()).containsEntry("retry-after", "1");
      assertThat(new String(refused.bytes(), StandardCharsets.UTF_8)).contains("TooManyRequests");

      release.countDown();
      assertThat(blocked.get(5, TimeUnit.SECONDS).code()).isEqualTo(200);
      awaitIdle(runner);
      assertThat(runner.dispatch(get("/other")).get(5, TimeUnit.SECONDS).code()).isEqualTo(200);
      watch.close();
    }
  }

  /** Waits (with a deadline) until no request holds a permit. */
  private static void awaitIdle(RequestRunner runner) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (runner.inFlight().availablePermits() < 1) {
      assertThat(System.nanoTime()).as("permit released in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void errorsAnswerTheirStatusAndOversizedBodiesAnswer413() throws Exception {
    HttpHandler handler =
        ex -> {
          if (ex.request().path().equals("/missing")) {
            throw NotFoundException.of("nothing here");
          }
          throw new IllegalStateException("boom");
        };
    try (RequestRunner runner = new RequestRunner(handler, 4, 8, Duration.ofSeconds(5))) {
      LocalResponse missing = runner.dispatch(get("/missing")).get(5, TimeUnit.SECONDS);
      assertThat(missing.code()).isEqualTo(404);
      assertThat(new String(missing.bytes(), StandardCharsets.UTF_8))
          .contains("\"reason\":\"NotFound\"");
      assertThat(runner.dispatch(get("/crash")).get(5, TimeUnit.SECONDS).code()).isEqualTo(500);
      Request big = new Request("POST", "/x", Map.of(), Map.of(), new byte[9], "in-process", null);
      assertThat(runner.dispatch(big).get(5, TimeUnit.SECONDS).code()).isEqualTo(413);
    }
  }

  @Test
  void aStreamEndsForTheReaderWhenTheHandlerEndsIt() throws Exception {
    HttpHandler handler =
        ex -> {
          try (ResponseStream s = ex.stream(200, Map.of())) {
            s.write("a\n".getBytes(StandardCharsets.UTF_8));
            s.write("b\n".getBytes(StandardCharsets.UTF_8));
          }
        };
    try (RequestRunner runner = new RequestRunner(handler, 4, 8, Duration.ofSeconds(5))) {
      LocalResponse r = runner.dispatch(get("/s")).get(5, TimeUnit.SECONDS);
      assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
    }
  }

  @Test
  void aPipeBlocksItsWriterAtTheLimitAndFailsItAfterTheWriteTimeout() throws Exception {
    LocalPipe pipe = new LocalPipe(4, Duration.ofMillis(300), () -> {});
    ResponseStream out = pipe.writer();
    out.write(new byte[3]);
    long start = System.nanoTime();
    assertThatThrownBy(() -> out.write(new byte[3]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("too slow");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(250));
    assertThatThrownBy(() -> pipe.input().read()).isInstanceOf(IOException.class);
  }

  @Test
  void aReaderMakesRoomForTheWriter() throws Exception {
    LocalPipe pipe = new LocalPipe(4, Duration.ofSeconds(10), () -> {});
    ResponseStream out = pipe.writer();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < 100; i++) {
                      out.write(new byte[] {(byte) i, (byte) i, (byte) i});
                    }
                    out.close();
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    byte[] all = pipe.input().readAllBytes();
    writer.join(5000);
    assertThat(all).hasSize(300);
    assertThat(all[299]).isEqualTo((byte) 99);
  }

  @Test
  void closingTheReaderFailsTheNextWriteAndUnblocksAReader() throws Exception {
    AtomicBoolean told = new AtomicBoolean();
    LocalPipe pipe = new LocalPipe(1024, Duration.ofSeconds(10), () -> told.set(true));
    InputStream in = pipe.input();
    CountDownLatch reading = new CountDownLatch(1);
    int[] got = new int[1];
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  reading.countDown();
                  try {
                    got[0] = in.read();
                  } catch (IOException e) {
                    got[0] = -2;
                  }
                });
    reading.await();
    pipe.closeReader();
    reader.join(5000);
    assertThat(reader.isAlive()).isFalse();
    assertThat(got[0]).isEqualTo(-1);
    assertThat(told).isTrue();
    assertThatThrownBy(() -> pipe.writer().write(new byte[1])).isInstanceOf(IOException.class);
  }
}
