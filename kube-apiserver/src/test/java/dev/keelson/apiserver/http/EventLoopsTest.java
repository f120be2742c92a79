package dev.keelson.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.apiserver.Poll;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
  private static final Duration LINGER = Duration.ofMillis(100);

  @Test
  void usersAtTheSameTimeShareOneSetOfLoops() {
    EventLoops loops = new EventLoops(LINGER);
    EventLoops.Groups a = loops.acquire();
    EventLoops.Groups b = loops.acquire();
    try {
      assertThat(b).isSameAs(a);
    } finally {
      loops.release(a);
      loops.release(b);
    }
  }

  @Test
  void theLoopsShutDownTheLingerTimeAfterTheLastUserLeaves() throws Exception {
    EventLoops loops = new EventLoops(LINGER);
    EventLoops.Groups a = loops.acquire();
    EventLoops.Groups b = loops.acquire();
    loops.release(a);
    Thread.sleep(LINGER.toMillis() * 3);
    assertThat(a.isShuttingDown()).as("one user left").isFalse();
    loops.release(b);
    awaitShutdown(a);
    EventLoops.Groups next = loops.acquire();
    try {
      assertThat(next).as("new loops after the old ones went").isNotSameAs(a);
      assertThat(next.isShuttingDown()).isFalse();
    } finally {
      loops.release(next);
    }
  }

  @Test
  void aUserArrivingWithinTheLingerTimeKeepsTheLoops() throws Exception {
    EventLoops loops = new EventLoops(LINGER);
    EventLoops.Groups first = loops.acquire();
    loops.release(first);
    EventLoops.Groups second = loops.acquire();
    try {
      assertThat(second).isSameAs(first);
      Thread.sleep(LINGER.toMillis() * 3); // the first release's shutdown was due by now
      assertThat(second.isShuttingDown()).isFalse();
    } finally {
      loops.release(second);
    }
    awaitShutdown(second);
  }

  @Test
  void releasingMoreOftenThanAcquiringIsRefused() {
    EventLoops loops = new EventLoops(LINGER);
    EventLoops.Groups a = loops.acquire();
    loops.release(a);
    assertThatThrownBy(() -> loops.release(a)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingOneServerLeavesAnotherOnTheSameLoopsServing() throws Exception {
    HttpHandler ok = ex -> ex.respond(200, Map.of(), "ok".getBytes(StandardCharsets.UTF_8));
    HttpServer first = plainServer(ok);
    HttpServer second = plainServer(ok);
    try {
      first.close();
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/x"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("ok");
    } finally {
      second.close();
    }
  }

  private static HttpServer plainServer(HttpHandler handler) {
    return HttpServer.start(
        new HttpServerConfig(
            InetAddress.getLoopbackAddress(), 0, null, 1024, 10, Duration.ofSeconds(5)),
        handler);
  }

  private static void awaitShutdown(EventLoops.Groups groups) throws Exception {
    Poll.await("the loops shut down", Duration.ofSeconds(10), groups::isShuttingDown);
  }
}
