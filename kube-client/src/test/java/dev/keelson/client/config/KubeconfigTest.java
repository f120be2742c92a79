package dev.keelson.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.client.ClientConfig;
import dev.keelson.client.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, yaml);
    return p;
  }

  private void copyResource(String name, Path to) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/kubeconfig/" + name)) {
      Files.createDirectories(to.getParent());
      Files.write(to, in.readAllBytes());
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void readsClustersUsersContextsAndResolvesRelativePathsAgainstTheFilesDirectory()
      throws IOException {
    Path f =
        write(
            "conf/config",
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority: certs/ca.crt
                tls-server-name: kubernetes
            users:
            - name: u
              user:
                client-certificate: certs/u.crt
                client-key: /abs/u.key
                tokenFile: token
            contexts:
            - name: x
              context: {cluster: c, user: u, namespace: team}
            current-context: x
            """);
    Kubeconfig k = Kubeconfig.load(f);
    Path confDir = dir.resolve("conf").toAbsolutePath();
    assertThat(k.currentContext()).isEqualTo("x");
    assertThat(k.clusters().get("c").server()).isEqualTo("https://10.0.0.1:6443");
    assertThat(k.clusters().get("c").certificateAuthority())
        .isEqualTo(confDir.resolve("certs/ca.crt").toString());
    assertThat(k.clusters().get("c").tlsServerName()).isEqualTo("kubernetes");
    assertThat(k.users().get("u").clientCertificate())
        .isEqualTo(confDir.resolve("certs/u.crt").toString());
    assertThat(k.users().get("u").clientKey()).isEqualTo("/abs/u.key");
    assertThat(k.users().get("u").tokenFile()).isEqualTo(confDir.resolve("token").toString());
    assertThat(k.contexts().get("x"))
        .isEqualTo(new KubeconfigContext("c", "u", "team", f.toString()));
  }

  @Test
  void mergesFilesWithTheFirstFileWinningPerNameAndForCurrentContext() throws IOException {
    Path a =
        write(
            "a",
            """
            clusters:
            - {name: shared, cluster: {server: "http://first:1"}}
            contexts:
            - {name: ctx-a, context: {cluster: shared}}
            current-context: ctx-a
            """);
    Path b =
        write(
            "b",
            """
            clusters:
            - {name: shared, cluster: {server: "http://second:2"}}
            - {name: only-b, cluster: {server: "http://b:3"}}
            contexts:
            - {name: ctx-b, context: {cluster: only-b, namespace: nb}}
            current-context: ctx-b
            """);
    Kubeconfig k = Kubeconfig.loadDefault(a + java.io.File.pathSeparator + b, dir);
    assertThat(k.clusters().get("shared").server()).isEqualTo("http://first:1");
    assertThat(k.clusters().get("only-b").server()).isEqualTo("http://b:3");
    assertThat(k.currentContext()).isEqualTo("ctx-a");
    assertThat(k.clientConfig().server().toString()).isEqualTo("http://first:1");
    ClientConfig other = k.clientConfig("ctx-b");
    assertThat(other.server().toString()).isEqualTo("http://b:3");
    assertThat(other.namespace()).isEqualTo("nb");
  }

  @Test
  void kubeconfigEnvSkipsMissingFilesAndWithoutItReadsHomeKubeConfig() throws IOException {
    Path a = write("a", "current-context: from-a\n");
    Kubeconfig k =
        Kubeconfig.loadDefault(dir.resolve("missing") + java.io.File.pathSeparator + a, dir);
    assertThat(k.currentContext()).isEqualTo("from-a");

    write("home/.kube/config", "current-context: from-home\n");
    assertThat(Kubeconfig.loadDefault(null, dir.resolve("home")).currentContext())
        .isEqualTo("from-home");
  }

  @Test
  void tokenWinsOverTokenFileAndBasicIsLast() throws IOException {
    Path tokenFile = write("tok", "from-file\n");
    Path f =
        write(
            "c",
            """
            clusters: [{name: c, cluster: {server: "http://h:1"}}]
            users:
            - {name: token, user: {token: abc, tokenFile: tok, username: x, password: y}}
            - {name: file, user: {tokenFile: tok}}
            - {name: basic, user: {username: alice, password: secret}}
            contexts:
            - {name: token, context: {cluster: c, user: token}}
            - {name: file, context: {cluster: c, user: file}}
            - {name: basic, context: {cluster: c, user: basic}}
            - {name: anonymous, context: {cluster: c}}
            """);
    Kubeconfig k = Kubeconfig.load(f);
    assertThat(k.clientConfig("token").credentials()).isEqualTo(Credentials.bearer("abc"));
    assertThat(k.clientConfig("file").credentials().authorization()).isEqualTo("Bearer from-file");
    assertThat(tokenFile).exists();
    assertThat(k.clientConfig("basic").credentials().authorization())
        .isEqualTo("Basic " + b64("alice:secret".getBytes()));
    assertThat(k.clientConfig("anonymous").credentials()).isEqualTo(Credentials.none());
    assertThat(k.clientConfig("anonymous").namespace()).isEqualTo("default");
  }

  @Test
  void buildsATlsContextFromPemFilesAndInlineData() throws IOException {
    copyResource("ec.crt", dir.resolve("pki/ca.crt"));
    copyResource("ec.crt", dir.resolve("pki/user.crt"));
    copyResource("ec-sec1.key", dir.resolve("pki/user.key"));
    byte[] rsaCert;
    byte[] rsaKey;
    try (InputStream c = getClass().getResourceAsStream("/kubeconfig/rsa.crt");
        InputStream kk = getClass().getResourceAsStream("/kubeconfig/rsa-pkcs1.key")) {
      rsaCert = c.readAllBytes();
      rsaKey = kk.readAllBytes();
    }
    Path f =
        write(
            "tls",
            """
            clusters:
            - {name: files, cluster: {server: "https://h:6443", certificate-authority: pki/ca.crt}}
            - {name: data, cluster: {server: "https://h:6443", certificate-authority-data: "%s"}}
            users:
            - {name: files, user: {client-certificate: pki/user.crt, client-key: pki/user.key}}
            - {name: data, user: {client-certificate-data: "%s", client-key-data: "%s"}}
            contexts:
            - {name: files, context: {cluster: files, user: files}}
            - {name: data, context: {cluster: data, user: data}}
            """
                .formatted(b64(rsaCert), b64(rsaCert), b64(rsaKey)));
    Kubeconfig k = Kubeconfig.load(f);
    assertThat(k.clientConfig("files").sslContext()).isNotNull();
    assertThat(k.clientConfig("data").sslContext()).isNotNull();
  }

  @Test
  void badKubeconfigsNameTheFieldThatIsWrong() throws IOException {
    assertError(
        "clusters: [{name: c, cluster: {server: 42}}]",
        "clusters[0].cluster.server: expected a string");
    assertError("clusters: {c: 1}", "clusters: expected a list");
    assertError("users: [{user: {}}]", "users[0].name: is required");
    assertError(
        "clusters: [{name: c, cluster: {server: http://h, insecure-skip-tls-verify: yes-please}}]",
        "clusters[0].cluster.insecure-skip-tls-verify: expected true or false");
    assertError("- just\n- a list\n", "expected a mapping at the top level");
    assertError("clusters: [ {name: c", "not valid YAML");
  }

  @Test
  void badContextsNameWhatIsMissing() throws IOException {
    Path f =
        write(
            "ctx",
            """
            clusters:
            - {name: noserver, cluster: {}}
            - {name: ftp, cluster: {server: "ftp://h"}}
            - {name: tls, cluster: {server: "https://h", certificate-authority-data: "!!notbase64"}}
            - {name: ok, cluster: {server: "https://h"}}
            users:
            - {name: half, user: {client-certificate-data: "YWJj"}}
            - {name: plugin, user: {exec: {command: aws}}}
            - {name: garbage, user: {client-certificate-data: "YWJj", client-key-data: "YWJj"}}
            contexts:
            - {name: noserver, context: {cluster: noserver}}
            - {name: ftp, context: {cluster: ftp}}
            - {name: tls, context: {cluster: tls}}
            - {name: nocluster, context: {cluster: gone}}
            - {name: nouser, context: {cluster: ok, user: ghost}}
            - {name: half, context: {cluster: ok, user: half}}
            - {name: plugin, context: {cluster: ok, user: plugin}}
            - {name: garbage, context: {cluster: ok, user: garbage}}
            """);
    Kubeconfig k = Kubeconfig.load(f);
    assertThatThrownBy(k::clientConfig).hasMessageContaining("current-context is not set");
    assertContextError(k, "missing", "context \"missing\" not found");
    assertContextError(k, "noserver", "clusters[\"noserver\"].server: is required");
    assertContextError(k, "ftp", "clusters[\"ftp\"].server: must be an http:// or https:// URL");
    assertContextError(k, "tls", "clusters[\"tls\"].certificate-authority-data: not valid base64");
    assertContextError(k, "nocluster", "cluster \"gone\" not found");
    assertContextError(k, "nouser", "user \"ghost\" not found");
    assertContextError(
        k, "half", "users[\"half\"].client-key: is required with client-certificate");
    assertContextError(k, "plugin", "users[\"plugin\"].exec: credential plugins are not supported");
    assertContextError(k, "garbage", "users[\"garbage\"].client-certificate: no PEM CERTIFICATE");
  }

  @Test
  void anEmptyFileIsAnEmptyKubeconfigThatMergesAway() throws IOException {
    Path empty = write("empty", "");
    Path real = write("real", "current-context: r\n");
    assertThat(Kubeconfig.load(empty).contexts()).isEmpty();
    assertThat(Kubeconfig.load(List.of(empty, real)).currentContext()).isEqualTo("r");
  }

  @Test
  void aMissingFileIsAnErrorNamingIt() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> Kubeconfig.load(missing))
        .isInstanceOf(KubeconfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot read");
    assertThatThrownBy(() -> Kubeconfig.load(List.of())).isInstanceOf(KubeconfigException.class);
  }

  private void assertError(String yaml, String message) throws IOException {
    Path f = write("bad", yaml);
    assertThatThrownBy(() -> Kubeconfig.load(f))
        .isInstanceOf(KubeconfigException.class)
        .hasMessageContaining("kubeconfig " + f)
        .hasMessageContaining(message);
  }

  private static void assertContextError(Kubeconfig k, String context, String message) {
    assertThatThrownBy(() -> k.clientConfig(context))
        .isInstanceOf(KubeconfigException.class)
        .hasMessageContaining(message);
  }
}
