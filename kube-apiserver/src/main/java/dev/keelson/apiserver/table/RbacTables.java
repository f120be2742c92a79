package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.Columns.AGE;
import static dev.keelson.apiserver.table.Columns.NAME;
import static dev.keelson.apiserver.table.Columns.column;
import static dev.keelson.apiserver.table.Columns.wide;
import static dev.keelson.apiserver.table.CoreTables.cells;
import static dev.keelson.apiserver.table.Fields.list;
import static dev.keelson.apiserver.table.Fields.name;
import static dev.keelson.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * RoleBindings and ClusterRoleBindings, as kube-apiserver prints them. Roles and ClusterRoles have
 * no printer there: they get the default Name / Created At table.
 */
final class RbacTables {
  private RbacTables() {}

  static TableConvertor roleBindings(InstantSource clock) {
    return bindings(
        clock,
        "roleRef can reference a Role in the current namespace or a ClusterRole in the global"
            + " namespace. If the RoleRef cannot be resolved, the Authorizer must return an error."
            + " This field is immutable.",
        "roleBinding");
  }

  static TableConvertor clusterRoleBindings(InstantSource clock) {
    return bindings(
        clock,
        "roleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot"
            + " be resolved, the Authorizer must return an error. This field is immutable.",
        "clusterRoleBinding");
  }

  private static TableConvertor bindings(InstantSource clock, String roleRef, String what) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Role", "string", roleRef),
            AGE,
            wide("Users", "string", "Users in the " + what),
            wide("Groups", "string", "Groups in the " + what),
            wide("ServiceAccounts", "string", "ServiceAccounts in the " + what)),
        b -> {
          List<String> users = new ArrayList<>();
          List<String> groups = new ArrayList<>();
          List<String> serviceAccounts = new ArrayList<>();
          for (JsonNode s : list(b, "subjects")) {
            switch (text(s, "kind")) {
              case "User" -> users.add(text(s, "name"));
              case "Group" -> groups.add(text(s, "name"));
              case "ServiceAccount" ->
                  serviceAccounts.add(text(s, "namespace") + "/" + text(s, "name"));
              default -> {}
            }
          }
          return cells(
              name(b),
              text(b, "roleRef", "kind") + "/" + text(b, "roleRef", "name"),
              HumanDuration.since(Fields.created(b), clock),
              String.join(", ", users),
              String.join(", ", groups),
              String.join(", ", serviceAccounts));
        });
  }
}
