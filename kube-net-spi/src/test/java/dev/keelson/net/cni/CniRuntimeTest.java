package dev.keelson.net.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CniRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String BRIDGE_RESULT =
      """
      {"cniVersion":"1.0.0",
       "interfaces":[{"name":"cni-t","mac":"aa:bb:cc:dd:ee:01"},
                     {"name":"eth0","mac":"aa:bb:cc:dd:ee:02","sandbox":"/run/netns/t"}],
       "ips":[{"address":"10.250.0.5/24","gateway":"10.250.0.1","interface":1}],
       "routes":[{"dst":"0.0.0.0/0"}],
       "dns":{"nameservers":["10.250.0.1"]}}
      """;
  private static final String PORTMAP_RESULT =
      BRIDGE_RESULT.replace(
          "\"routes\":[{\"dst\":\"0.0.0.0/0\"}]",
          "\"routes\":[{\"dst\":\"0.0.0.0/0\",\"gw\":\"10.250.0.1\"}]");

  private static final String LIST =
      """
      {"cniVersion":"1.0.0","name":"testnet","plugins":[
        {"type":"fbridge","bridge":"cni-t","ipam":{"type":"fipam"}},
        {"type":"fportmap","capabilities":{"portMappings":true,"bandwidth":false}}]}
      """;

  @TempDir Path tmp;
  FakePlugins fakes;
  Path cacheDir;
  CniRuntime cni;
  NetworkConfigList list;
  CniAttachment pod;

  @BeforeEach
  void setUp() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    cacheDir = tmp.resolve("cache");
    fakes = new FakePlugins(bin).plugin("fbridge").plugin("fportmap");
    fakes.answer("fbridge", CniCommand.ADD, BRIDGE_RESULT, 0);
    fakes.answer("fportmap", CniCommand.ADD, PORTMAP_RESULT, 0);
    cni =
        CniRuntime.create(
            CniOptions.defaults()
                .withPluginDirs(List.of(tmp.resolve("missing-dir"), bin))
                .withCacheDir(cacheDir)
                .withTimeout(Duration.ofSeconds(20)));
    list = NetworkConfigList.parse(LIST, "test.conflist");
    pod =
        CniAttachment.of("sandbox1", "/run/netns/t", "eth0")
            .withArg("IgnoreUnknown", "1")
            .withArg("K8S_POD_NAME", "web")
            .withCapability(
                "portMappings",
                List.of(Map.of("hostPort", 8080, "containerPort", 80, "protocol", "tcp")))
            .withCapability("bandwidth", Map.of("ingressRate", 1000));
  }

  @Test
  void addRunsPluginsInOrderChainingPrevResultAndReturnsTheLastResult() throws Exception {
    CniResult result = cni.add(list, pod);

    assertThat(result.routes()).containsExactly(new CniRoute("0.0.0.0/0", "10.250.0.1"));
    assertThat(result.ipsOn("eth0")).extracting(CniIpConfig::ip).containsExactly("10.250.0.5");
    List<FakePlugins.Call> ops = fakes.operations();
    assertThat(ops).extracting(FakePlugins.Call::plugin).containsExactly("fbridge", "fportmap");
    assertThat(ops).extracting(FakePlugins.Call::command).containsExactly("ADD", "ADD");

    FakePlugins.Call bridge = ops.get(0);
    assertThat(bridge.envVar("CNI_COMMAND")).isEqualTo("ADD");
    assertThat(bridge.envVar("CNI_CONTAINERID")).isEqualTo("sandbox1");
    assertThat(bridge.envVar("CNI_NETNS")).isEqualTo("/run/netns/t");
    assertThat(bridge.envVar("CNI_IFNAME")).isEqualTo("eth0");
    assertThat(bridge.envVar("CNI_ARGS")).isEqualTo("IgnoreUnknown=1;K8S_POD_NAME=web");
    assertThat(bridge.envVar("CNI_PATH"))
        .isEqualTo(tmp.resolve("missing-dir") + ":" + tmp.resolve("bin"));
    JsonNode bridgeIn = JSON.readTree(bridge.stdin());
    assertThat(bridgeIn.get("name").asText()).isEqualTo("testnet");
    assertThat(bridgeIn.get("cniVersion").asText()).isEqualTo("1.0.0");
    assertThat(bridgeIn.get("bridge").asText()).isEqualTo("cni-t");
    assertThat(bridgeIn.has("prevResult")).isFalse();
    assertThat(bridgeIn.has("runtimeConfig")).isFalse();

    JsonNode portmapIn = JSON.readTree(ops.get(1).stdin());
    assertThat(portmapIn.get("prevResult")).isEqualTo(JSON.readTree(BRIDGE_RESULT));
    assertThat(portmapIn.has("capabilities")).isFalse();
    assertThat(portmapIn.get("runtimeConfig").get("portMappings").get(0).get("hostPort").asInt())
        .isEqualTo(8080);
    assertThat(portmapIn.get("runtimeConfig").has("bandwidth"))
        .as("bandwidth is declared false, so it is not offered")
        .isFalse();

    assertThat(cni.cachedResult(list, pod)).contains(result);
    assertThat(cacheDir.resolve("testnet-sandbox1-eth0")).exists();
  }

  @Test
  void deleteRunsInReverseOrderWithTheCachedResultAndIsIdempotent() throws Exception {
    cni.add(list, pod);
    cni.delete(list, pod);

    List<FakePlugins.Call> dels =
        fakes.operations().stream().filter(c -> c.command().equals("DEL")).toList();
    assertThat(dels).extracting(FakePlugins.Call::plugin).containsExactly("fportmap", "fbridge");
    for (FakePlugins.Call del : dels) {
      assertThat(JSON.readTree(del.stdin()).get("prevResult"))
          .isEqualTo(JSON.readTree(PORTMAP_RESULT));
      assertThat(del.envVar("CNI_COMMAND")).isEqualTo("DEL");
    }
    assertThat(cni.cachedResult(list, pod)).isEmpty();

    cni.delete(list, pod);
    List<FakePlugins.Call> again =
        fakes.operations().stream().filter(c -> c.command().equals("DEL")).skip(2).toList();
    assertThat(again).hasSize(2);
    assertThat(JSON.readTree(again.get(0).stdin()).has("prevResult")).isFalse();
  }

  @Test
  void pluginErrorBecomesTypedExceptionAndNothingIsCached() throws Exception {
    fakes.answer(
        "fportmap",
        CniCommand.ADD,
        "{\"cniVersion\":\"1.0.0\",\"code\":7,\"msg\":\"bad portmap\",\"details\":\"no chain\"}",
        1);

    assertThatThrownBy(() -> cni.add(list, pod))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> {
              assertThat(e.code()).isEqualTo(7);
              assertThat(e.errorCode()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG);
              assertThat(e.msg()).isEqualTo("bad portmap");
              assertThat(e.details()).isEqualTo("no chain");
              assertThat(e.plugin()).isEqualTo("fportmap");
              assertThat(e.getMessage()).contains("fportmap", "bad portmap", "code 7");
            });
    assertThat(cni.cachedResult(list, pod)).isEmpty();
  }

  @Test
  void pluginSpecificCodeAndErrorOnStderrAreRecognised() throws Exception {
    fakes.answer("fbridge", CniCommand.ADD, "", 1);
    fakes.stderr("fbridge", CniCommand.ADD, "{\"code\":101,\"msg\":\"custom\"}");

    assertThatThrownBy(() -> cni.add(list, pod))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> {
              assertThat(e.code()).isEqualTo(101);
              assertThat(e.errorCode()).isEqualTo(CniErrorCode.OTHER);
            });
  }

  @Test
  void unstructuredFailureKeepsExitStatusAndStderr() throws Exception {
    fakes.answer("fbridge", CniCommand.ADD, "", 3);
    fakes.stderr("fbridge", CniCommand.ADD, "panic: something broke");

    assertThatThrownBy(() -> cni.add(list, pod))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(CniErrorCode.RUNTIME);
              assertThat(e.getMessage()).contains("status 3", "panic: something broke");
            });
  }

  @Test
  void nonJsonSuccessOutputIsADecodeFailure() throws Exception {
    fakes.answer("fbridge", CniCommand.ADD, "hello", 0);

    assertThatThrownBy(() -> cni.add(list, pod))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> assertThat(e.errorCode()).isEqualTo(CniErrorCode.DECODE_FAILURE));
  }

  @Test
  void unsupportedListVersionIsRefusedBeforeAnyAdd() throws Exception {
    fakes.answer(
        "fportmap",
        CniCommand.VERSION,
        "{\"cniVersion\":\"0.4.0\",\"supportedVersions\":[\"0.3.1\",\"0.4.0\"]}",
        0);

    assertThatThrownBy(() -> cni.add(list, pod))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(CniErrorCode.INCOMPATIBLE_VERSION);
              assertThat(e.plugin()).isEqualTo("fportmap");
              assertThat(e.getMessage()).contains("1.0.0", "0.4.0");
            });
    assertThat(fakes.operations()).isEmpty();
    assertThat(cni.version("fportmap").supportedVersions()).containsExactly("0.3.1", "0.4.0");
  }

  @Test
  void missingPluginNamesTheDirectoriesSearched() {
    NetworkConfigList missing =
        NetworkConfigList.parse(
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"nosuch\"}]}", "x");

    assertThatThrownBy(() -> cni.add(missing, pod))
        .isInstanceOf(CniException.class)
        .hasMessageContaining("nosuch")
        .hasMessageContaining("not found")
        .hasMessageContaining(tmp.resolve("bin").toString());
  }

  @Test
  void slowPluginIsKilledAtTheTimeout() throws Exception {
    fakes.sleep("fbridge", CniCommand.ADD, 30);
    CniRuntime quick = CniRuntime.create(cni.options().withTimeout(Duration.ofMillis(500)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> quick.add(list, pod))
        .isInstanceOf(CniException.class)
        .hasMessageContaining("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void oversizedOutputIsRejected() throws Exception {
    fakes.answer("fbridge", CniCommand.ADD, "x".repeat(5000), 0);
    CniRuntime small = CniRuntime.create(cni.options().withMaxOutputBytes(1024));

    assertThatThrownBy(() -> small.add(list, pod))
        .isInstanceOf(CniException.class)
        .hasMessageContaining("exceeded 1024 bytes");
  }

  @Test
  void checkUsesTheCachedResultInOrderAndNeedsOne() throws Exception {
    assertThatThrownBy(() -> cni.check(list, pod))
        .isInstanceOf(CniException.class)
        .hasMessageContaining("no cached ADD result");

    cni.add(list, pod);
    cni.check(list, pod);

    List<FakePlugins.Call> checks =
        fakes.operations().stream().filter(c -> c.command().equals("CHECK")).toList();
    assertThat(checks).extracting(FakePlugins.Call::plugin).containsExactly("fbridge", "fportmap");
    assertThat(JSON.readTree(checks.get(0).stdin()).get("prevResult"))
        .isEqualTo(JSON.readTree(PORTMAP_RESULT));
  }

  @Test
  void checkIsSkippedWhenDisabledAndRefusedBeforeVersion040() throws Exception {
    NetworkConfigList disabled =
        NetworkConfigList.parse(LIST.replace("\"name\"", "\"disableCheck\":true,\"name\""), "d");
    cni.check(disabled, pod);
    assertThat(fakes.calls()).isEmpty();

    NetworkConfigList old = NetworkConfigList.parse(LIST.replace("1.0.0", "0.3.1"), "old");
    assertThatThrownBy(() -> cni.check(old, pod))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> assertThat(e.errorCode()).isEqualTo(CniErrorCode.INCOMPATIBLE_VERSION));
  }

  @Test
  void statusAsksOnlyPluginsThatSpeak110() throws Exception {
    NetworkConfigList v11 = NetworkConfigList.parse(LIST.replace("1.0.0", "1.1.0"), "v11");
    fakes.answer(
        "fbridge",
        CniCommand.VERSION,
        "{\"cniVersion\":\"1.1.0\",\"supportedVersions\":[\"1.0.0\",\"1.1.0\"]}",
        0);

    assertThat(cni.status(v11)).containsExactly("fbridge");
    assertThat(cni.status(list)).as("a 1.0.0 list has no STATUS").isEmpty();

    fakes.answer("fbridge", CniCommand.STATUS, "{\"code\":50,\"msg\":\"no IPs left\"}", 1);
    assertThatThrownBy(() -> cni.status(v11))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> assertThat(e.errorCode()).isEqualTo(CniErrorCode.PLUGIN_NOT_AVAILABLE));
  }

  @Test
  void capabilitiesNotOfferedByTheRuntimeAreLeftOut() throws Exception {
    cni.add(list, CniAttachment.of("sandbox2", "/run/netns/t", "eth0"));

    JsonNode portmapIn = JSON.readTree(fakes.operations().get(1).stdin());
    assertThat(portmapIn.has("runtimeConfig")).isFalse();
    assertThat(fakes.operations().get(1).envVar("CNI_ARGS")).isEmpty();
  }
}
