package dev.keelson.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.GroupVersionResource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionChainTest {
  private final List<String> calls = new ArrayList<>();

  private AdmissionPlugin both(String name, boolean dryRunSafe) {
    return new Both(name, dryRunSafe);
  }

  private final class Both implements MutatingPlugin, ValidatingPlugin {
    private final String name;
    private final boolean dryRunSafe;

    Both(String name, boolean dryRunSafe) {
      this.name = name;
      this.dryRunSafe = dryRunSafe;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean supportsDryRun() {
      return dryRunSafe;
    }

    @Override
    public void admit(Attributes a) {
      calls.add("admit " + name);
    }

    @Override
    public void validate(Attributes a) {
      calls.add("validate " + name);
    }
  }

  private static Attributes attributes(boolean dryRun) {
    return new Attributes(
        Operation.CREATE,
        new GroupVersionKind("", "v1", "ConfigMap"),
        new GroupVersionResource("", "v1", "configmaps"),
        null,
        "default",
        "c",
        JsonNodeFactory.instance.objectNode(),
        null,
        null,
        dryRun);
  }

  @Test
  void mutatingPluginsRunInOrderThenValidatingOnesInOrder() {
    AdmissionChain chain = new AdmissionChain(List.of(both("a", true), both("b", true)));
    Attributes a = attributes(false);
    chain.admit(a);
    chain.validate(a);
    assertThat(calls).containsExactly("admit a", "admit b", "validate a", "validate b");
    assertThat(a.userInfo()).isEqualTo(UserInfo.UNKNOWN);
  }

  @Test
  void dryRunLeavesOutPluginsThatCannotSkipTheirSideEffects() {
    AdmissionChain chain = new AdmissionChain(List.of(both("safe", true), both("effects", false)));
    chain.admit(attributes(true));
    assertThat(calls).containsExactly("admit safe");
  }

  @Test
  void pluginsAreChosenByNameAmongBuiltInsAndServiceLoaderProviders() {
    assertThat(AdmissionChain.providers().keySet())
        .containsAll(AdmissionPlugins.DEFAULTS)
        .contains("DenyLabel");
    assertThatThrownBy(() -> AdmissionChain.of(List.of("NoSuchPlugin"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown admission plugin \"NoSuchPlugin\"");
    assertThatThrownBy(() -> AdmissionChain.of(List.of("DenyLabel", "DenyLabel"), null))
        .hasMessage("admission plugin \"DenyLabel\" named twice");
  }
}
