package dev.keelson.net.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkConfigListTest {
  private static final String CONFLIST =
      """
      {"cniVersion":"1.0.0","name":"pods","disableCheck":"true","plugins":[
        {"type":"bridge","bridge":"cni0","isGateway":true,
         "ipam":{"type":"host-local","ranges":[[{"subnet":"10.88.0.0/16"}]]}},
        {"type":"portmap","capabilities":{"portMappings":true}}]}
      """;

  @Test
  void parsesAConflist() {
    NetworkConfigList list = NetworkConfigList.parse(CONFLIST, "10-pods.conflist");

    assertThat(list.name()).isEqualTo("pods");
    assertThat(list.cniVersion()).isEqualTo("1.0.0");
    assertThat(list.disableCheck()).isTrue();
    assertThat(list.pluginTypes()).containsExactly("bridge", "portmap");
    assertThat(list.plugins().get(0).get("bridge").asText()).isEqualTo("cni0");
    assertThat(list.source()).isEqualTo("10-pods.conflist");
  }

  @Test
  void pluginsAreCopiesSoTheListCannotBeChangedFromOutside() {
    NetworkConfigList list = NetworkConfigList.parse(CONFLIST, "x");
    list.plugins().get(0).put("bridge", "changed");

    assertThat(list.plugins().get(0).get("bridge").asText()).isEqualTo("cni0");
  }

  @Test
  void aSingleConfLoadsAsAListOfOne() {
    NetworkConfigList list =
        NetworkConfigList.parse(
            "{\"cniVersion\":\"0.4.0\",\"name\":\"lo\",\"type\":\"loopback\"}", "99-lo.conf");

    assertThat(list.pluginTypes()).containsExactly("loopback");
    assertThat(list.plugins().get(0).has("name")).isFalse();
    assertThat(list.disableCheck()).isFalse();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | not valid JSON",
        "[] | not a JSON object",
        "{\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"bridge\"}]} | missing name",
        "{\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"}]} | missing cniVersion",
        "{\"name\":\"-bad\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"b\"}]} | must start with",
        "{\"name\":\"n\",\"cniVersion\":\"1.0\",\"plugins\":[{\"type\":\"b\"}]} | is not a version",
        "{\"name\":\"n\",\"cniVersion\":1,\"plugins\":[{\"type\":\"b\"}]} | cniVersion must be a non-empty string",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\",\"plugins\":[]} | plugins must be a non-empty list",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\"} | plugins must be a non-empty list",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\",\"plugins\":[1]} | plugins[0] is not an object",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"bridge\":\"x\"}]} | missing type",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"../../bin/sh\"}]} | not a plain executable name",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"b\",\"ipam\":{}}]} | ipam.type must be",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"b\",\"capabilities\":{\"portMappings\":1}}]} | capabilities.portMappings must be true or false",
        "{\"name\":\"n\",\"cniVersion\":\"1.0.0\",\"disableCheck\":\"maybe\",\"plugins\":[{\"type\":\"b\"}]} | disableCheck must be true or false",
      })
  void rejectsBadConfigsSayingWhatIsWrong(String json, String message) {
    assertThatThrownBy(() -> NetworkConfigList.parse(json, "bad.conflist"))
        .isInstanceOfSatisfying(
            InvalidNetworkConfigException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG);
              assertThat(e.getMessage()).contains("bad.conflist", message.strip());
            });
  }

  @Test
  void rejectsOversizedDocuments() {
    String huge = "{\"pad\":\"" + "x".repeat(NetworkConfigList.MAX_CONFIG_BYTES) + "\"}";

    assertThatThrownBy(() -> NetworkConfigList.parse(huge, "big"))
        .isInstanceOf(InvalidNetworkConfigException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void loadDirReadsConfigFilesInNameOrder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("20-b.conflist"), CONFLIST.replace("pods", "b"));
    Files.writeString(
        dir.resolve("10-a.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"a\",\"type\":\"ptp\"}");
    Files.writeString(dir.resolve("README.txt"), "not a config");

    assertThat(NetworkConfigList.loadDir(dir))
        .extracting(NetworkConfigList::name)
        .containsExactly("a", "b");
    assertThat(NetworkConfigList.loadDir(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void toJsonRoundTrips() {
    NetworkConfigList list = NetworkConfigList.parse(CONFLIST, "x");

    assertThat(NetworkConfigList.fromJson(list.toJson(), "y"))
        .usingRecursiveComparison()
        .ignoringFields("source")
        .isEqualTo(list);
  }
}
