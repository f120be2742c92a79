package dev.keelson.apiserver.rest;

import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.NotAcceptableException;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.http.Request;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request for the {@code meta.k8s.io Table} form of a get, list or watch, as {@code kubectl get}
 * sends it: {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...,application/json}.
 *
 * @param version {@code v1} or {@code v1beta1}, the version of meta.k8s.io the client accepts
 * @param include what each row's {@code object} carries ({@code includeObject})
 */
record TableRequest(String version, Include include) {
  /** The {@code includeObject} modes. */
  enum Include {
    NONE,
    METADATA,
    OBJECT
  }

  /** The {@code apiVersion} of the Table and of the rows' PartialObjectMetadata. */
  String apiVersion() {
    return "meta.k8s.io/" + version;
  }

  /**
   * The Table form the Accept header asks for, or {@code null} for the plain object form. Media
   * ranges are taken in order, the first one the server can serve wins (as kube-apiserver does).
   *
   * @throws NotAcceptableException if the header asks only for forms of {@code application/json}
   *     with an {@code as} parameter that the server cannot serve (a Table of another version)
   * @throws BadRequestException if a Table is asked for with an unknown {@code includeObject}
   */
  static TableRequest negotiate(Request r) {
    String accept = r.header("accept");
    if (accept == null || accept.isBlank()) {
      return null;
    }
    boolean onlyUnservableForms = true;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      Map<String, String> params = new HashMap<>();
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq > 0) {
          params.put(
              parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT),
              parts[i].substring(eq + 1).strip());
        }
      }
      boolean json =
          type.equals("application/json") || type.equals("*/*") || type.equals("application/*");
      if (!json || !params.containsKey("as")) {
        onlyUnservableForms = false;
        if (json) {
          return null;
        }
        continue;
      }
      String v = params.getOrDefault("v", "");
      if (params.get("as").equals("Table")
          && params.getOrDefault("g", "").equals("meta.k8s.io")
          && (v.equals("v1") || v.equals("v1beta1"))) {
        return new TableRequest(v, include(r.param("includeObject")));
      }
    }
    if (onlyUnservableForms) {
      throw NotAcceptableException.of(
          "only the following media types are accepted: application/json,"
              + " application/json;as=Table;v=v1;g=meta.k8s.io,"
              + " application/json;as=Table;v=v1beta1;g=meta.k8s.io");
    }
    return null;
  }

  private static Include include(String value) {
    if (value == null || value.isEmpty() || value.equals("Metadata")) {
      return Include.METADATA;
    } else if (value.equals("Object")) {
      return Include.OBJECT;
    } else if (value.equals("None")) {
      return Include.NONE;
    }
    throw BadRequestException.of(
        "Unable to convert to Table as requested: "
            + FieldError.notSupported(
                "includeObject", value, List.of("Metadata", "None", "Object")));
  }
}
