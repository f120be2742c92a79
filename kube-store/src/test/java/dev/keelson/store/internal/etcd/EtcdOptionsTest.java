package dev.keelson.store.internal.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.store.InvalidStoreUriException;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtcdOptionsTest {

  private static EtcdOptions parse(String uri) {
    return EtcdOptions.parse(StoreConfig.of(uri));
  }

  @Test
  void parsesSeveralEndpointsWithDefaultPortAndIpv6() {
    EtcdOptions o = parse("etcd://h1:2379,h2,10.0.0.3:32379,h1:2379");
    assertThat(o.endpoints())
        .containsExactly(
            new EtcdOptions.Endpoint("h1", 2379),
            new EtcdOptions.Endpoint("h2", 2379),
            new EtcdOptions.Endpoint("10.0.0.3", 32379));
    assertThat(o.endpointUris())
        .containsExactly(
            URI.create("http://h1:2379"),
            URI.create("http://h2:2379"),
            URI.create("http://10.0.0.3:32379"));
    // java.net.URI accepts a bracketed IPv6 address only as the sole host
    assertThat(parse("etcd://[::1]:32379").endpointUris())
        .containsExactly(URI.create("http://[::1]:32379"));
    assertThat(o.prefix()).isEmpty();
    assertThat(o.credentials()).isEmpty();
    assertThat(o.tls()).isEmpty();
    assertThat(o.requestTimeout()).isEqualTo(StoreConfig.of("etcd://h:1").requestTimeout());
  }

  @Test
  void prefixGetsATrailingSlashSoThatSiblingClustersStayApart() {
    assertThat(parse("etcd://h:1?prefix=/cluster-a").prefix()).isEqualTo("/cluster-a/");
    assertThat(parse("etcd://h:1/?prefix=/cluster-a/").prefix()).isEqualTo("/cluster-a/");
  }

  @Test
  void credentialsAndTimeoutComeFromTheQueryPercentDecoded() {
    EtcdOptions o = parse("etcd://h:1?user=root&password=p%26ss%3Dword&timeout=250ms");
    assertThat(o.credentials()).contains(new StoreConfig.Credentials("root", "p&ss=word"));
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(parse("etcd://h:1?timeout=PT2S").requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.toString()).doesNotContain("p&ss=word");
  }

  @Test
  void credentialsMayComeFromTheConfigInstead() {
    StoreConfig config =
        StoreConfig.builder("etcd://h:1")
            .credentials(new StoreConfig.Credentials("u", "p"))
            .requestTimeout(Duration.ofSeconds(3))
            .build();
    EtcdOptions o = EtcdOptions.parse(config);
    assertThat(o.credentials()).contains(new StoreConfig.Credentials("u", "p"));
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void tlsFilesTurnTlsOn(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    Path key = Files.writeString(dir.resolve("k.pem"), "x");
    EtcdOptions o =
        parse(
            "etcd://h:1?cacert=" + ca + "&cert=" + cert + "&key=" + key + "&authority=etcd.local");
    assertThat(o.tls()).contains(new StoreConfig.Tls(ca, Optional.of(cert), Optional.of(key)));
    assertThat(o.authority()).contains("etcd.local");
    assertThat(o.endpointUris()).containsExactly(URI.create("https://h:1"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "etcd:///                                  | no endpoint",
        "etcd://h1:2379,,h2                         | empty endpoint",
        "etcd://h1:0                                | invalid port",
        "etcd://h1:70000                            | invalid port",
        "etcd://h1:abc                              | invalid port",
        "etcd://h1:1/registry                       | a path is not allowed; give the key prefix as ?prefix=/registry",
        "etcd://h1:1?prefx=/a                       | unknown option 'prefx'",
        "etcd://h1:1?prefix=/a&prefix=/b            | given twice",
        "etcd://h1:1?user=u                         | user and password must be given together",
        "etcd://h1:1?cert=/c&key=/k                 | need cacert",
        "etcd://h1:1?cacert=/does/not/exist.pem     | does not exist",
        "etcd://h1:1?timeout=soon                   | invalid timeout",
        "etcd://h1:1?timeout=0s                     | timeout must be positive",
        "etcd://h1:1?authority=x                    | authority is only used with TLS",
        "etcd://h1:1#frag                           | fragment",
        "etcd://u:secret@h1:1                       | use ?user=...&password=... instead",
        "etcd:h1:2379                               | expected etcd://host:port",
      })
  void invalidUrisAreRejectedNamingTheProblem(String uri, String problem) {
    assertThatThrownBy(() -> parse(uri))
        .isInstanceOf(InvalidStoreUriException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void passwordsAreNeverEchoedInErrors() {
    assertThatThrownBy(() -> parse("etcd://h1:1?user=u&password=hunter2&bogus=1"))
        .isInstanceOf(InvalidStoreUriException.class)
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void conflictingSettingsInUriAndConfigAreRejected() {
    StoreConfig config =
        StoreConfig.builder("etcd://h:1?user=a&password=b")
            .credentials(new StoreConfig.Credentials("c", "d"))
            .build();
    assertThatThrownBy(() -> EtcdOptions.parse(config))
        .isInstanceOf(InvalidStoreUriException.class)
        .hasMessageContaining("both in the URI and in StoreConfig");
  }

  @Test
  void theProviderIsFoundByScheme() {
    assertThat(Stores.provider("etcd")).isInstanceOf(EtcdStoreProvider.class);
    assertThatThrownBy(() -> Stores.open("etcd://h1:1?nonsense=1"))
        .isInstanceOf(InvalidStoreUriException.class);
  }
}
