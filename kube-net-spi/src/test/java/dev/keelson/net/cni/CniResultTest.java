package dev.keelson.net.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CniResultTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesEverySectionOfA100Result() throws Exception {
    CniResult r =
        CniResult.parse(
            JSON.readTree(
                """
                {"cniVersion":"1.0.0",
                 "interfaces":[{"name":"cni0","mac":"00:11:22:33:44:55"},
                               {"name":"veth1","mac":"55:44:33:22:11:11"},
                               {"name":"eth0","mac":"99:88:77:66:55:44","sandbox":"/run/netns/blue"}],
                 "ips":[{"address":"10.1.0.5/16","gateway":"10.1.0.1","interface":2},
                        {"address":"fd00::5/64","interface":2}],
                 "routes":[{"dst":"0.0.0.0/0"},{"dst":"10.9.0.0/16","gw":"10.1.0.254"}],
                 "dns":{"nameservers":["10.1.0.1"],"domain":"example.local",
                        "search":["a.example"],"options":["ndots:5"]},
                 "extra":"ignored"}
                """),
            "bridge");

    assertThat(r.cniVersion()).isEqualTo("1.0.0");
    assertThat(r.interfaces()).hasSize(3);
    assertThat(r.interfaces().get(0).inSandbox()).isFalse();
    assertThat(r.interfaces().get(2))
        .isEqualTo(new CniInterface("eth0", "99:88:77:66:55:44", "/run/netns/blue"));
    assertThat(r.ips())
        .containsExactly(
            new CniIpConfig("10.1.0.5/16", "10.1.0.1", 2), new CniIpConfig("fd00::5/64", "", 2));
    assertThat(r.ips().get(1).isIpv6()).isTrue();
    assertThat(r.ipsOn("eth0")).extracting(CniIpConfig::ip).containsExactly("10.1.0.5", "fd00::5");
    assertThat(r.ipsOn("veth1")).isEmpty();
    assertThat(r.routes())
        .containsExactly(new CniRoute("0.0.0.0/0", ""), new CniRoute("10.9.0.0/16", "10.1.0.254"));
    assertThat(r.dns())
        .isEqualTo(
            new CniDns(
                List.of("10.1.0.1"), "example.local", List.of("a.example"), List.of("ndots:5")));
  }

  @Test
  void aMinimalResultHasEmptySections() throws Exception {
    CniResult r = CniResult.parse(JSON.readTree("{\"cniVersion\":\"0.4.0\"}"), "loopback");

    assertThat(r.interfaces()).isEmpty();
    assertThat(r.ips()).isEmpty();
    assertThat(r.dns()).isEqualTo(CniDns.EMPTY);
  }

  @Test
  void anIpWithoutInterfaceIndexBelongsToNoInterface() throws Exception {
    CniResult r =
        CniResult.parse(JSON.readTree("{\"ips\":[{\"address\":\"10.0.0.2/24\"}]}"), "static");

    assertThat(r.ips().get(0).interfaceIndex()).isEqualTo(-1);
    assertThat(r.interfaceOf(r.ips().get(0))).isEmpty();
  }

  @Test
  void rejectsMalformedResults() throws Exception {
    assertThatThrownBy(() -> CniResult.parse(JSON.readTree("[1]"), "p"))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> assertThat(e.errorCode()).isEqualTo(CniErrorCode.DECODE_FAILURE));
    assertThatThrownBy(() -> CniResult.parse(JSON.readTree("{\"ips\":{}}"), "p"))
        .hasMessageContaining("ips is not a list");
    assertThatThrownBy(() -> CniResult.parse(JSON.readTree("{\"ips\":[{\"gateway\":\"x\"}]}"), "p"))
        .hasMessageContaining("without address");
  }

  @Test
  void rejectsThePre030ResultForm() throws Exception {
    assertThatThrownBy(
            () ->
                CniResult.parse(
                    JSON.readTree("{\"cniVersion\":\"0.2.0\",\"ip4\":{\"ip\":\"10.0.0.2/24\"}}"),
                    "old"))
        .isInstanceOfSatisfying(
            CniException.class,
            e -> assertThat(e.errorCode()).isEqualTo(CniErrorCode.INCOMPATIBLE_VERSION));
  }

  @Test
  void errorCodesMapToTheSpecsWellKnownMeanings() {
    assertThat(CniErrorCode.of(1)).isEqualTo(CniErrorCode.INCOMPATIBLE_VERSION);
    assertThat(CniErrorCode.of(3)).isEqualTo(CniErrorCode.CONTAINER_UNKNOWN);
    assertThat(CniErrorCode.of(11)).isEqualTo(CniErrorCode.TRY_AGAIN_LATER);
    assertThat(CniErrorCode.of(51))
        .isEqualTo(CniErrorCode.PLUGIN_NOT_AVAILABLE_LIMITED_CONNECTIVITY);
    assertThat(CniErrorCode.of(12)).isEqualTo(CniErrorCode.OTHER);
    assertThat(CniErrorCode.of(100)).isEqualTo(CniErrorCode.OTHER);
    assertThat(CniErrorCode.of(-1)).isEqualTo(CniErrorCode.OTHER);
  }

  @Test
  void attachmentsValidateWhatGoesIntoTheEnvironment() {
    assertThat(
            CniAttachment.of("abc", "/run/netns/x", "eth0")
                .withArg("A", "1")
                .withArg("B", "2")
                .cniArgs())
        .isEqualTo("A=1;B=2");
    assertThat(CniAttachment.of("abc", "/run/netns/x", "eth0").capabilityArgs())
        .isEqualTo(Map.of());
    for (String badId : new String[] {"", "../x", "a/b", "-x"}) {
      assertThatThrownBy(() -> CniAttachment.of(badId, "/n", "eth0"))
          .isInstanceOfSatisfying(
              CniException.class,
              e -> assertThat(e.errorCode()).isEqualTo(CniErrorCode.INVALID_ENVIRONMENT));
    }
    for (String badIf : new String[] {"", ".", "..", "a/b", "a b", "averyverylongname0"}) {
      assertThatThrownBy(() -> CniAttachment.of("abc", "/n", badIf))
          .isInstanceOf(CniException.class)
          .hasMessageContaining("interface name");
    }
    assertThatThrownBy(() -> CniAttachment.of("abc", "/n", "eth0").withArg("K", "a;b"))
        .hasMessageContaining("CNI_ARGS");
  }
}
