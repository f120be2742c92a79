package dev.keelson.apiserver.admission;

import dev.keelson.api.errors.ForbiddenException;

/**
 * A third-party plugin for the tests, found by ServiceLoader: refuses objects labelled {@code deny:
 * "true"} and marks admitted ones with the label {@code seen-by: deny-label}.
 */
public final class DenyLabelProvider implements AdmissionPluginProvider {
  @Override
  public String name() {
    return "DenyLabel";
  }

  @Override
  public AdmissionPlugin create(AdmissionContext context) {
    return new Plugin();
  }

  private static final class Plugin implements MutatingPlugin, ValidatingPlugin {
    @Override
    public String name() {
      return "DenyLabel";
    }

    @Override
    public boolean handles(Operation operation) {
      return operation == Operation.CREATE;
    }

    @Override
    public void admit(Attributes a) {
      a.object().with("metadata").with("labels").put("seen-by", "deny-label");
    }

    @Override
    public void validate(Attributes a) {
      if ("true".equals(a.object().path("metadata").path("labels").path("deny").asText())) {
        throw ForbiddenException.of(a.groupResource(), a.name(), "denied by label");
      }
    }
  }
}
