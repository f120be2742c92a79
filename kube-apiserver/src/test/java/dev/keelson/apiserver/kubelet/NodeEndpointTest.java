package dev.keelson.apiserver.kubelet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.json.KubeJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the API server picks a node's kubelet address and port. */
class NodeEndpointTest {
  private static JsonNode node(String json) {
    return KubeJson.parse(json.replace('\'', '"').getBytes(UTF_8));
  }

  private static final KubeletClientConfig DEFAULTS = KubeletClientConfig.defaults();

  @Test
  void theFirstPreferredAddressTypeWinsWhateverTheOrderOfAddresses() {
    JsonNode n =
        node(
            "{'status':{'addresses':[{'type':'Hostname','address':'node-a'},"
                + "{'type':'ExternalIP','address':'203.0.113.7'},"
                + "{'type':'InternalIP','address':'10.0.0.7'}],"
                + "'daemonEndpoints':{'kubeletEndpoint':{'Port':10255}}}}");
    assertThat(NodeEndpoint.of(n, DEFAULTS)).isEqualTo(new NodeEndpoint("10.0.0.7", 10255));
    KubeletClientConfig hostnameFirst =
        DEFAULTS.withPreferredAddressTypes(List.of("Hostname", "InternalIP"));
    assertThat(NodeEndpoint.of(n, hostnameFirst).host()).isEqualTo("node-a");
  }

  @Test
  void withoutAReportedPortTheDefaultPortIsUsed() {
    JsonNode n = node("{'status':{'addresses':[{'type':'InternalIP','address':'fd00::7'}]}}");
    NodeEndpoint e = NodeEndpoint.of(n, DEFAULTS);
    assertThat(e.port()).isEqualTo(10250);
    assertThat(e.authority()).isEqualTo("[fd00::7]:10250");
  }

  @Test
  void theHostnameLabelServesAsTheHostnameAddress() {
    JsonNode n = node("{'metadata':{'labels':{'kubernetes.io/hostname':'worker-1'}},'status':{}}");
    assertThat(NodeEndpoint.of(n, DEFAULTS).host()).isEqualTo("worker-1");
  }

  @Test
  void aNodeWithNoUsableAddressIsAnInternalErrorListingWhatItHas() {
    JsonNode n = node("{'status':{'addresses':[{'type':'Weird','address':'x'}]}}");
    assertThatThrownBy(() -> NodeEndpoint.of(n, DEFAULTS))
        .isInstanceOf(ApiException.class)
        .hasMessage("no preferred addresses found; known addresses: [{Weird x}]")
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo(500);
  }
}
