package dev.keelson.apiserver.http;

/**
 * Serves requests. Called on a virtual thread, one call per request; blocking is fine. The handler
 * answers through the exchange exactly once, with {@link Exchange#respond} or by opening a {@link
 * Exchange#stream}. An exception thrown before answering becomes a 500 (the server logs it).
 */
@FunctionalInterface
public interface HttpHandler {
  void handle(Exchange exchange) throws Exception;
}
