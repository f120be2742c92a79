package dev.keelson.apiserver.fabric8;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A namespaced custom resource {@code widgets.typed.f8.example.com/v1} as a typed fabric8 class:
 * fabric8 reads its group, version, kind and plural from these annotations at run time.
 */
@Group(Widget.GROUP)
@Version(Widget.VERSION)
@Kind(Widget.KIND)
@Plural(Widget.PLURAL)
public class Widget extends CustomResource<WidgetSpec, WidgetStatus> implements Namespaced {
  /** The API group. */
  public static final String GROUP = "typed.f8.example.com";

  /** The only served (and stored) version. */
  public static final String VERSION = "v1";

  /** The kind. */
  public static final String KIND = "Widget";

  /** The resource's plural name. */
  public static final String PLURAL = "widgets";

  /** The CRD's name: {@code <plural>.<group>}. */
  public static final String CRD_NAME = PLURAL + "." + GROUP;

  /** A widget named {@code name} with {@code spec} and no status. */
  public static Widget of(String name, WidgetSpec spec) {
    Widget w = new Widget();
    w.getMetadata().setName(name);
    w.setSpec(spec);
    return w;
  }
}
