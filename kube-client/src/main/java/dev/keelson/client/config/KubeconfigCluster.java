package dev.keelson.client.config;

/**
 * A cluster entry of a kubeconfig.
 *
 * @param server the API server URL
 * @param certificateAuthority path of the CA file (absolute, resolved against the kubeconfig's
 *     directory), or {@code null}
 * @param certificateAuthorityData the CA PEM, base64 as in the file, or {@code null}; wins over the
 *     file
 * @param insecureSkipTlsVerify trust any server certificate
 * @param tlsServerName the name to check the server certificate against instead of the host
 * @param source the file the entry came from (for error messages)
 */
public record KubeconfigCluster(
    String server,
    String certificateAuthority,
    String certificateAuthorityData,
    boolean insecureSkipTlsVerify,
    String tlsServerName,
    String source) {}
