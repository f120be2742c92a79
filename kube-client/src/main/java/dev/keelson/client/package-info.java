/**
 * The Java client of the Kubernetes API: {@link dev.keelson.client.KubeClient} (from a kubeconfig
 * or a {@link dev.keelson.client.ClientConfig}), typed and generic {@link
 * dev.keelson.client.Resources}, list/watch/delete options, patch types and watches.
 *
 * <h2>Errors</h2>
 *
 * Every failure answered by the server is a {@link dev.keelson.api.errors.ApiException}: when the
 * body is a {@code Status}, the subclass {@link dev.keelson.api.errors.ApiException#of} picks for
 * it ({@code NotFoundException}, {@code ConflictException}, {@code InvalidException}, ...); when it
 * is not, the subclass for the HTTP code with the start of the body as message. No answer at all
 * (refused, TLS failure, timeout, broken connection) is a {@link
 * dev.keelson.client.ConnectionException}, a client-side {@code ServiceUnavailableException}.
 *
 * <p>Kubeconfig loading lives in {@link dev.keelson.client.config}; the transport SPI in {@link
 * dev.keelson.client.spi}.
 */
package dev.keelson.client;
