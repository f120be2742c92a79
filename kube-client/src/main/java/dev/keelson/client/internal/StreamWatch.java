package dev.keelson.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.WatchEvent;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.Watch;
import dev.keelson.client.WatchListener;
import dev.keelson.client.spi.TransportStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a newline-delimited stream of watch events on its own virtual thread and hands them to the
 * listener; see {@link Watch} for how it ends.
 */
public final class StreamWatch<T> implements Watch {
  private static final Logger log = LoggerFactory.getLogger(StreamWatch.class);

  private final TransportStream stream;
  private final Function<JsonNode, T> decoder;
  private final WatchListener<T> listener;
  private final String what;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final Thread reader;
  private volatile boolean closed;

  private StreamWatch(
      TransportStream stream,
      Function<JsonNode, T> decoder,
      WatchListener<T> listener,
      String what) {
    this.stream = stream;
    this.decoder = decoder;
    this.listener = listener;
    this.what = what;
    this.reader = Thread.ofVirtual().name("watch " + what).unstarted(this::run);
  }

  /** Starts reading an open stream whose answer was 200. */
  public static <T> StreamWatch<T> start(
      TransportStream stream,
      Function<JsonNode, T> decoder,
      WatchListener<T> listener,
      String what) {
    StreamWatch<T> w = new StreamWatch<>(stream, decoder, listener, what);
    w.reader.start();
    return w;
  }

  @Override
  public CompletionStage<Void> terminated() {
    return terminated;
  }

  @Override
  public void close() {
    closed = true;
    stream.close();
    if (Thread.currentThread() != reader) {
      reader.interrupt();
    }
    terminated.complete(null);
  }

  private void run() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      while (!closed && (line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = KubeJson.parse(line.getBytes(StandardCharsets.UTF_8));
        String type = node.path("type").asText("");
        JsonNode object = node.get("object");
        if (WatchEvent.ERROR.equals(type)) {
          Status status = Errors.asStatus(object);
          if (status == null) {
            status = Status.failure(500, "InternalError", "watch error: " + object, null);
          }
          end(ApiException.of(status));
          return;
        }
        T value = decoder.apply(object);
        if (closed) {
          break;
        }
        listener.onEvent(new WatchEvent<>(type, value));
      }
      end(null);
    } catch (IOException e) {
      end(closed ? null : new ConnectionException("watch " + what + " broke off: " + e, e));
    } catch (Exception e) {
      end(closed ? null : e);
    } finally {
      stream.close();
    }
  }

  private void end(Throwable failure) {
    stream.close();
    if (failure == null || closed) {
      terminated.complete(null);
    } else {
      log.debug("watch {} ended: {}", what, failure.toString());
      terminated.completeExceptionally(failure);
    }
  }
}
