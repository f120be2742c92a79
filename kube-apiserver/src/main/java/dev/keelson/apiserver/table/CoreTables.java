package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.Columns.AGE;
import static dev.keelson.apiserver.table.Columns.NAME;
import static dev.keelson.apiserver.table.Columns.column;
import static dev.keelson.apiserver.table.Columns.wide;
import static dev.keelson.apiserver.table.Fields.at;
import static dev.keelson.apiserver.table.Fields.integer;
import static dev.keelson.apiserver.table.Fields.list;
import static dev.keelson.apiserver.table.Fields.name;
import static dev.keelson.apiserver.table.Fields.text;
import static dev.keelson.apiserver.table.PodTable.orNone;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Core and cluster resources other than pods, as kube-apiserver prints them. */
final class CoreTables {
  private CoreTables() {}

  static TableConvertor nodes(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Status", "string", "The status of the node"),
            column("Roles", "string", "The roles of the node"),
            AGE,
            column("Version", "string", "Kubelet Version reported by the node."),
            wide("Internal-IP", "string", "List of addresses reachable to the node."),
            wide("External-IP", "string", "List of addresses reachable to the node."),
            wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release."),
            wide("Kernel-Version", "string", "Kernel Version reported by the node."),
            wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node.")),
        n -> {
          List<String> status = new ArrayList<>();
          for (JsonNode c : list(n, "status", "conditions")) {
            if (text(c, "type").equals("Ready")) {
              status.add(text(c, "status").equals("True") ? "Ready" : "NotReady");
            }
          }
          if (status.isEmpty()) {
            status.add("Unknown");
          }
          if (at(n, "spec", "unschedulable").asBoolean(false)) {
            status.add("SchedulingDisabled");
          }
          TreeSet<String> roles = new TreeSet<>();
          Fields.map(n, "metadata", "labels")
              .forEach(
                  (k, v) -> {
                    if (k.startsWith("node-role.kubernetes.io/")) {
                      String role = k.substring("node-role.kubernetes.io/".length());
                      if (!role.isEmpty()) {
                        roles.add(role);
                      }
                    } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                      roles.add(v);
                    }
                  });
          JsonNode info = at(n, "status", "nodeInfo");
          List<Object> cells = new ArrayList<>();
          cells.add(name(n));
          cells.add(String.join(",", status));
          cells.add(roles.isEmpty() ? "<none>" : String.join(",", roles));
          cells.add(HumanDuration.since(Fields.created(n), clock));
          cells.add(text(info, "kubeletVersion"));
          cells.add(address(n, "InternalIP"));
          cells.add(address(n, "ExternalIP"));
          cells.add(unknown(text(info, "osImage")));
          cells.add(unknown(text(info, "kernelVersion")));
          cells.add(unknown(text(info, "containerRuntimeVersion")));
          return cells;
        });
  }

  static TableConvertor namespaces(InstantSource clock) {
    return new SimpleTable(
        List.of(NAME, column("Status", "string", "The status of the namespace"), AGE),
        ns ->
            cells(
                name(ns),
                text(ns, "status", "phase"),
                HumanDuration.since(Fields.created(ns), clock)));
  }

  static TableConvertor configMaps(InstantSource clock) {
    return new SimpleTable(
        List.of(NAME, column("Data", "string", "Data contains the configuration data."), AGE),
        cm ->
            cells(
                name(cm),
                (long) (Fields.size(cm, "data") + Fields.size(cm, "binaryData")),
                HumanDuration.since(Fields.created(cm), clock)));
  }

  static TableConvertor secrets(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Type", "string", "Used to facilitate programmatic handling of secret data."),
            column("Data", "string", "Data contains the secret data."),
            AGE),
        s ->
            cells(
                name(s),
                text(s, "type"),
                (long) (Fields.size(s, "data")),
                HumanDuration.since(Fields.created(s), clock)));
  }

  static TableConvertor serviceAccounts(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Secrets",
                "string",
                "Secrets is a list of the secrets in the same namespace"
                    + " that pods running using this ServiceAccount are allowed to use."),
            AGE),
        sa ->
            cells(
                name(sa),
                (long) list(sa, "secrets").size(),
                HumanDuration.since(Fields.created(sa), clock)));
  }

  static TableConvertor leases(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Holder",
                "string",
                "holderIdentity contains the identity of the holder of a" + " current lease."),
            AGE),
        l ->
            cells(
                name(l),
                text(l, "spec", "holderIdentity"),
                HumanDuration.since(Fields.created(l), clock)));
  }

  static TableConvertor persistentVolumeClaims(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Status",
                "string",
                "phase represents the current phase of" + " PersistentVolumeClaim."),
            column(
                "Volume",
                "string",
                "volumeName is the binding reference to the"
                    + " PersistentVolume backing this claim."),
            column(
                "Capacity",
                "string",
                "capacity represents the actual resources of the" + " underlying volume."),
            column(
                "Access Modes",
                "string",
                "accessModes contains the actual access modes the"
                    + " volume backing the PVC has."),
            column("StorageClass", "string", "StorageClass of the pvc"),
            column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
            AGE,
            wide(
                "VolumeMode",
                "string",
                "volumeMode defines what type of volume is required by" + " the claim.")),
        pvc -> {
          String phase = text(pvc, "status", "phase");
          if (Fields.isSet(pvc, "metadata", "deletionTimestamp")) {
            phase = "Terminating";
          }
          String volume = text(pvc, "spec", "volumeName");
          String capacity = "";
          String modes = "";
          if (!volume.isEmpty()) {
            modes = accessModes(list(pvc, "status", "accessModes"));
            capacity = text(pvc, "status", "capacity", "storage");
          }
          String storageClass = text(pvc, "spec", "storageClassName");
          if (storageClass.isEmpty()) {
            storageClass =
                text(pvc, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
          }
          String vac = text(pvc, "spec", "volumeAttributesClassName");
          String mode = text(pvc, "spec", "volumeMode");
          return cells(
              name(pvc),
              phase,
              volume,
              capacity,
              modes,
              storageClass,
              vac.isEmpty() ? "<unset>" : vac,
              HumanDuration.since(Fields.created(pvc), clock),
              mode.isEmpty() ? "<unset>" : mode);
        });
  }

  static TableConvertor events(InstantSource clock) {
    return new SimpleTable(
        List.of(
            column(
                "Last Seen",
                "string",
                "The time at which the most recent occurrence of this" + " event was recorded."),
            column(
                "Type",
                "string",
                "Type of this event (Normal, Warning), new types could be"
                    + " added in the future"),
            column(
                "Reason",
                "string",
                "This should be a short, machine understandable string"
                    + " that gives the reason for the transition into the object's current status."),
            column("Object", "string", "The object that this event is about."),
            wide(
                "Subobject",
                "string",
                "If referring to a piece of an object instead of an"
                    + " entire object, this string should contain a valid JSON/Go field access"
                    + " statement."),
            wide("Source", "string", "The component reporting this event."),
            column(
                "Message",
                "string",
                "A human-readable description of the status of this" + " operation."),
            wide("First Seen", "string", "The time at which the event was first recorded."),
            wide("Count", "string", "The number of times this event has occurred."),
            new dev.keelson.api.meta.TableColumnDefinition(
                "Name", "string", "name", NAME.description(), 1)),
        e -> {
          String first = HumanDuration.since(Fields.time(e, "firstTimestamp"), clock);
          if (Fields.time(e, "firstTimestamp") == null) {
            first = HumanDuration.since(Fields.time(e, "eventTime"), clock);
          }
          String last = HumanDuration.since(Fields.time(e, "lastTimestamp"), clock);
          if (Fields.time(e, "lastTimestamp") == null) {
            last = first;
          }
          long count = integer(e, "count");
          if (at(e, "series").isObject()) {
            last = HumanDuration.since(Fields.time(e, "series", "lastObservedTime"), clock);
            count = integer(e, "series", "count");
          } else if (count == 0) {
            count = 1;
          }
          String kind = text(e, "involvedObject", "kind").toLowerCase(Locale.ROOT);
          String objName = text(e, "involvedObject", "name");
          String target = objName.isEmpty() ? kind : kind + "/" + objName;
          String component = text(e, "source", "component");
          if (component.isEmpty()) {
            component = text(e, "reportingComponent");
          }
          String host = text(e, "source", "host");
          if (host.isEmpty()) {
            host = text(e, "reportingInstance");
          }
          String source = host.isEmpty() ? component : component + ", " + host;
          return cells(
              last,
              text(e, "type"),
              text(e, "reason"),
              target,
              text(e, "involvedObject", "fieldPath"),
              source,
              text(e, "message").strip(),
              first,
              count,
              name(e));
        });
  }

  private static String accessModes(List<JsonNode> modes) {
    List<String> out = new ArrayList<>();
    List<String> all = modes.stream().map(JsonNode::asText).toList();
    if (all.contains("ReadWriteOnce")) {
      out.add("RWO");
    }
    if (all.contains("ReadOnlyMany")) {
      out.add("ROX");
    }
    if (all.contains("ReadWriteMany")) {
      out.add("RWX");
    }
    if (all.contains("ReadWriteOncePod")) {
      out.add("RWOP");
    }
    return String.join(",", out);
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode a : list(node, "status", "addresses")) {
      if (text(a, "type").equals(type)) {
        return text(a, "address");
      }
    }
    return "<none>";
  }

  private static String unknown(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }

  static List<Object> cells(Object... values) {
    List<Object> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(v);
    }
    return out;
  }

  static String noneIfEmpty(String s) {
    return orNone(s);
  }
}
