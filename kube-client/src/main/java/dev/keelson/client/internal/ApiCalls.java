package dev.keelson.client.internal;

import dev.keelson.client.spi.Transport;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import dev.keelson.client.spi.TransportStream;
import java.util.List;
import java.util.Map;

/** Sends requests through a transport and turns error answers into exceptions. */
public final class ApiCalls {
  private final Transport transport;

  public ApiCalls(Transport transport) {
    this.transport = transport;
  }

  /** The body of a 2xx answer; otherwise throws the answer's {@code ApiException}. */
  public byte[] call(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      String contentType,
      byte[] body) {
    TransportRequest r =
        new TransportRequest(
            method,
            path,
            query,
            contentType == null ? Map.of() : Map.of("content-type", contentType),
            body);
    TransportResponse res = transport.send(r);
    if (res.code() / 100 != 2) {
      throw Errors.fromResponse(res.code(), res.body(), method + " " + path);
    }
    return res.body();
  }

  /** An open stream whose answer is 2xx; otherwise throws the answer's {@code ApiException}. */
  public TransportStream stream(String path, List<Map.Entry<String, String>> query) {
    TransportStream s = transport.stream(new TransportRequest("GET", path, query, Map.of(), null));
    if (s.code() / 100 != 2) {
      byte[] body;
      try (s) {
        body = s.body().readNBytes(64 * 1024);
      } catch (java.io.IOException e) {
        body = new byte[0];
      }
      throw Errors.fromResponse(s.code(), body, "GET " + path);
    }
    return s;
  }

  public void close() {
    transport.close();
  }
}
