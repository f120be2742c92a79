package dev.keelson.api.validation;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Secret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validation of {@code core/v1} ConfigMaps and Secrets, after Kubernetes' {@code
 * ValidateConfigMap}, {@code ValidateSecret} and their update rules: keys match {@code
 * [-._a-zA-Z0-9]+} (at most 253 characters, not {@code .} or {@code ..}), the values total at most
 * 1 MiB, a key appears in only one of {@code data} and {@code binaryData}, typed secrets carry
 * their required keys, and immutable objects keep their data.
 */
public final class ConfigDataValidation {
  private ConfigDataValidation() {}

  /** Maximum total size of the values of a ConfigMap or Secret: 1 MiB. */
  public static final int MAX_SIZE_BYTES = 1024 * 1024;

  private static final String IMMUTABLE = "field is immutable when `immutable` is set";

  /** The validator of ConfigMaps. */
  public static Validator<ConfigMap> configMaps() {
    ObjectMetaValidation meta = ObjectMetaValidation.of(true, NameValidator.DNS_SUBDOMAIN);
    return new Validator<>() {
      @Override
      public List<FieldError> validate(ConfigMap cm) {
        List<FieldError> errs = new ArrayList<>(meta.validate(cm.metadata()));
        errs.addAll(validateConfigMapData(cm));
        return List.copyOf(errs);
      }

      @Override
      public List<FieldError> validateUpdate(ConfigMap n, ConfigMap o) {
        List<FieldError> errs = new ArrayList<>(meta.validateUpdate(n.metadata(), o.metadata()));
        if (Boolean.TRUE.equals(o.immutable())) {
          if (!Boolean.TRUE.equals(n.immutable())) {
            errs.add(FieldError.forbidden("immutable", IMMUTABLE));
          }
          if (!Objects.equals(n.data(), o.data())) {
            errs.add(FieldError.forbidden("data", IMMUTABLE));
          }
          if (!Objects.equals(n.binaryData(), o.binaryData())) {
            errs.add(FieldError.forbidden("binaryData", IMMUTABLE));
          }
        }
        errs.addAll(validateConfigMapData(n));
        return List.copyOf(errs);
      }
    };
  }

  /** The validator of Secrets. */
  public static Validator<Secret> secrets() {
    ObjectMetaValidation meta = ObjectMetaValidation.of(true, NameValidator.DNS_SUBDOMAIN);
    return new Validator<>() {
      @Override
      public List<FieldError> validate(Secret s) {
        List<FieldError> errs = new ArrayList<>(meta.validate(s.metadata()));
        errs.addAll(validateSecretData(s));
        return List.copyOf(errs);
      }

      @Override
      public List<FieldError> validateUpdate(Secret n, Secret o) {
        List<FieldError> errs = new ArrayList<>(meta.validateUpdate(n.metadata(), o.metadata()));
        errs.addAll(
            ObjectMetaValidation.validateImmutable(type(n), type(o), FieldPath.root("type")));
        if (Boolean.TRUE.equals(o.immutable())) {
          if (!Boolean.TRUE.equals(n.immutable())) {
            errs.add(FieldError.forbidden("immutable", IMMUTABLE));
          }
          if (!Objects.equals(n.data(), o.data()) || !n.stringData().isEmpty()) {
            errs.add(FieldError.forbidden("data", IMMUTABLE));
          }
        }
        errs.addAll(validateSecretData(n));
        return List.copyOf(errs);
      }
    };
  }

  /** The keys and size of a ConfigMap's {@code data} and {@code binaryData}. */
  public static List<FieldError> validateConfigMapData(ConfigMap cm) {
    List<FieldError> errs = new ArrayList<>();
    long total = 0;
    FieldPath data = FieldPath.root("data");
    for (Map.Entry<String, String> e : cm.data().entrySet()) {
      String key = e.getKey();
      errs.addAll(Names.invalid(data.key(key), key, Names.isConfigMapKey(key)));
      if (cm.binaryData().containsKey(key)) {
        errs.add(
            FieldError.invalid(
                data.key(key).toString(), key, "duplicate of key present in binaryData"));
      }
      total += Names.len(e.getValue());
    }
    FieldPath binary = FieldPath.root("binaryData");
    for (Map.Entry<String, String> e : cm.binaryData().entrySet()) {
      String key = e.getKey();
      errs.addAll(Names.invalid(binary.key(key), key, Names.isConfigMapKey(key)));
      total += decodedLength(e.getValue());
    }
    if (total > MAX_SIZE_BYTES) {
      errs.add(tooLong(""));
    }
    return errs;
  }

  /** The keys, size and type-specific required keys of a Secret. */
  public static List<FieldError> validateSecretData(Secret s) {
    List<FieldError> errs = new ArrayList<>();
    long total = 0;
    FieldPath data = FieldPath.root("data");
    for (Map.Entry<String, String> e : s.data().entrySet()) {
      String key = e.getKey();
      errs.addAll(Names.invalid(data.key(key), key, Names.isConfigMapKey(key)));
      total += decodedLength(e.getValue());
    }
    FieldPath stringData = FieldPath.root("stringData");
    for (Map.Entry<String, String> e : s.stringData().entrySet()) {
      String key = e.getKey();
      errs.addAll(Names.invalid(stringData.key(key), key, Names.isConfigMapKey(key)));
      if (!s.data().containsKey(key)) {
        total += Names.len(e.getValue());
      }
    }
    if (total > MAX_SIZE_BYTES) {
      errs.add(tooLong("data"));
    }
    switch (type(s)) {
      case "kubernetes.io/service-account-token" -> {
        String key = "kubernetes.io/service-account.name";
        String sa = s.metadata() == null ? null : s.metadata().annotation(key);
        if (sa == null || sa.isEmpty()) {
          errs.add(
              FieldError.required(
                  FieldPath.root("metadata").child("annotations").key(key).toString(), ""));
        }
      }
      case "kubernetes.io/dockercfg" -> errs.addAll(requireKeys(s, ".dockercfg"));
      case "kubernetes.io/dockerconfigjson" -> errs.addAll(requireKeys(s, ".dockerconfigjson"));
      case "kubernetes.io/basic-auth" -> {
        if (!has(s, "username") && !has(s, "password")) {
          errs.addAll(requireKeys(s, "username", "password"));
        }
      }
      case "kubernetes.io/ssh-auth" -> errs.addAll(requireKeys(s, "ssh-privatekey"));
      case "kubernetes.io/tls" -> errs.addAll(requireKeys(s, "tls.crt", "tls.key"));
      default -> {}
    }
    return errs;
  }

  private static boolean has(Secret s, String key) {
    return s.data().containsKey(key) || s.stringData().containsKey(key);
  }

  private static List<FieldError> requireKeys(Secret s, String... keys) {
    List<FieldError> errs = new ArrayList<>();
    for (String k : keys) {
      if (!has(s, k)) {
        errs.add(FieldError.required(FieldPath.root("data").key(k).toString(), ""));
      }
    }
    return errs;
  }

  private static String type(Secret s) {
    return s.type() == null || s.type().isEmpty() ? "Opaque" : s.type();
  }

  private static FieldError tooLong(String field) {
    return new FieldError(
        FieldError.Type.TOO_LONG, field, "", "must have at most " + MAX_SIZE_BYTES + " bytes");
  }

  private static long decodedLength(String base64) {
    String text = base64.replace("\n", "").replace("\r", "");
    return Base64.getDecoder().decode(text).length;
  }
}
