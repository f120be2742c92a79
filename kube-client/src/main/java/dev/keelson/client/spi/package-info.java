/**
 * The transport SPI: how a {@link dev.keelson.client.KubeClient} reaches an API server.
 *
 * <p>A {@link dev.keelson.client.spi.Transport} sends one request and returns the whole answer, or
 * opens a streaming answer (watches). The HTTP implementation (the JDK's {@code
 * java.net.http.HttpClient}) is the default; the API server offers an in-process transport that
 * plugs in here ({@code ApiServer.inProcessClient()} in kube-apiserver), so controllers in the same
 * JVM talk to it through the same client with no network.
 */
package dev.keelson.client.spi;
