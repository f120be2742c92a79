package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ObjectMetaValidationTest {
  private final ObjectMetaValidation pods =
      ObjectMetaValidation.of(true, NameValidator.DNS_SUBDOMAIN);
  private final ObjectMetaValidation namespaces =
      ObjectMetaValidation.of(false, NameValidator.forResource(GroupResource.of("", "namespaces")));

  private static ObjectMetaBuilder meta() {
    return ObjectMetaBuilder.builder().namespace("default").name("web");
  }

  private static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }

  private static OwnerReference owner(String kind, String name, Boolean controller) {
    return new OwnerReference("apps/v1", kind, name, "uid-" + name, controller, null);
  }

  @Test
  void aCompleteObjectMetaIsValid() {
    ObjectMeta m =
        meta()
            .labels(Map.of("app", "web", "app.kubernetes.io/version", ""))
            .annotations(Map.of("example.com/Note", "anything at all"))
            .ownerReferences(List.of(owner("ReplicaSet", "web-1", true), owner("X", "y", false)))
            .finalizers(List.of("example.com/cleanup", "kubernetes"))
            .generation(3L)
            .build();
    assertThat(pods.validate(m)).isEmpty();
  }

  @Test
  void nameIsRequiredUnlessGenerateNameIsGiven() {
    assertThat(messages(pods.validate(meta().name(null).build())))
        .containsExactly("metadata.name: Required value: name or generateName is required");
    assertThat(pods.validate(meta().name(null).generateName("web-").build())).isEmpty();
  }

  @Test
  void nameMustMatchTheResourcesRule() {
    assertThat(messages(pods.validate(meta().name("Web").build())))
        .containsExactly(
            "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of"
                + " lower case alphanumeric characters, '-' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    assertThat(pods.validate(meta().name("web.v1").build())).isEmpty();
    assertThat(messages(namespaces.validate(ObjectMeta.named("team.a"))))
        .containsExactly("metadata.name: Invalid value: \"team.a\": must not contain dots");
    ObjectMetaValidation services =
        ObjectMetaValidation.of(true, NameValidator.forResource(GroupResource.of("", "services")));
    assertThat(services.validate(meta().name("1web").build())).hasSize(1);
  }

  @Test
  void generateNameIsValidatedAsAPrefix() {
    assertThat(pods.validate(meta().name(null).generateName("web-").build())).isEmpty();
    assertThat(messages(pods.validate(meta().name(null).generateName("Web-").build())))
        .singleElement()
        .asString()
        .startsWith(
            "metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain");
  }

  @Test
  void namespaceIsRequiredForNamespacedAndForbiddenForClusterScoped() {
    assertThat(messages(pods.validate(meta().namespace(null).build())))
        .containsExactly("metadata.namespace: Required value");
    assertThat(messages(pods.validate(meta().namespace("Team").build())))
        .singleElement()
        .asString()
        .startsWith("metadata.namespace: Invalid value: \"Team\": a lowercase RFC 1123 label");
    assertThat(messages(namespaces.validate(ObjectMeta.named("default", "x"))))
        .containsExactly("metadata.namespace: Forbidden: not allowed on this type");
    assertThat(namespaces.validate(ObjectMeta.named("team-a"))).isEmpty();
  }

  @Test
  void labelKeysAndValuesAreChecked() {
    List<FieldError> errs =
        pods.validate(meta().labels(Map.of("bad key", "ok", "good", "bad value!")).build());
    assertThat(errs).extracting(FieldError::field).containsOnly("metadata.labels");
    assertThat(errs).extracting(FieldError::badValue).containsExactly("bad key", "bad value!");
    assertThat(errs.get(0).toString())
        .startsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of");
    assertThat(errs.get(1).toString())
        .startsWith("metadata.labels: Invalid value: \"bad value!\": a valid label must be");
    assertThat(messages(pods.validate(meta().labels(Map.of("app", "v".repeat(64))).build())))
        .containsExactly(
            "metadata.labels: Invalid value: \""
                + "v".repeat(64)
                + "\": must be no more than 63 characters");
  }

  @Test
  void annotationKeysAreQualifiedNamesIgnoringCase() {
    assertThat(pods.validate(meta().annotations(Map.of("Example.COM/Key", "v")).build())).isEmpty();
    assertThat(messages(pods.validate(meta().annotations(Map.of("a/b/c", "v")).build())))
        .singleElement()
        .asString()
        .startsWith("metadata.annotations: Invalid value: \"a/b/c\": a qualified name must");
  }

  @Test
  void annotationsMayTotalAtMost256KiB() {
    String key = "k";
    String exactly = "v".repeat(262144 - key.length());
    assertThat(pods.validate(meta().annotations(Map.of(key, exactly)).build())).isEmpty();
    List<FieldError> errs = pods.validate(meta().annotations(Map.of(key, exactly + "v")).build());
    assertThat(messages(errs))
        .containsExactly("metadata.annotations: Too long: must have at most 262144 bytes");
    assertThat(errs.get(0).type()).isEqualTo(FieldError.Type.TOO_LONG);
  }

  @Test
  void finalizersMustBeFullyQualifiedUnlessStandard() {
    assertThat(
            pods.validate(
                meta().finalizers(List.of("kubernetes", "orphan", "example.com/x")).build()))
        .isEmpty();
    assertThat(messages(pods.validate(meta().finalizers(List.of("a/b", "cleanup")).build())))
        .containsExactly(
            "metadata.finalizers[1]: Invalid value: \"cleanup\": name is neither a standard"
                + " finalizer name nor is it fully qualified");
    assertThat(
            pods.allowingUnqualifiedFinalizers()
                .validate(meta().finalizers(List.of("cleanup")).build()))
        .isEmpty();
    assertThat(messages(pods.validate(meta().finalizers(List.of("example.com/Bad_")).build())))
        .singleElement()
        .asString()
        .startsWith("metadata.finalizers: Invalid value: \"example.com/Bad_\": name part");
    assertThat(
            messages(
                pods.validate(meta().finalizers(List.of("orphan", "foregroundDeletion")).build())))
        .containsExactly(
            "metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\"]: finalizer"
                + " orphan and foregroundDeletion cannot be both set");
  }

  @Test
  void ownerReferencesNeedAllFieldsAndAtMostOneController() {
    OwnerReference empty = new OwnerReference("", "", "", "", null, null);
    assertThat(messages(pods.validate(meta().ownerReferences(List.of(empty)).build())))
        .containsExactly(
            "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
            "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty");
    List<FieldError> two =
        pods.validate(
            meta()
                .ownerReferences(List.of(owner("ReplicaSet", "a", true), owner("Job", "b", true)))
                .build());
    assertThat(two).hasSize(1);
    assertThat(two.get(0).field()).isEqualTo("metadata.ownerReferences");
    assertThat(two.get(0).detail())
        .isEqualTo(
            "Only one reference can have Controller set to true. Found \"true\" in references for"
                + " ReplicaSet/a and Job/b");
    OwnerReference event = new OwnerReference("v1", "Event", "e", "u", null, null);
    assertThat(pods.validate(meta().ownerReferences(List.of(event)).build()))
        .singleElement()
        .extracting(FieldError::detail)
        .isEqualTo("/v1, Kind=Event is disallowed from being an owner");
  }

  @Test
  void generationMustNotBeNegative() {
    assertThat(messages(pods.validate(meta().generation(-1L).build())))
        .containsExactly(
            "metadata.generation: Invalid value: -1: must be greater than or equal to 0");
  }

  @Test
  void updateKeepsIdentityFieldsImmutable() {
    ObjectMeta old =
        meta()
            .uid("u1")
            .resourceVersion("5")
            .creationTimestamp(Instant.parse("2024-01-01T00:00:00Z"))
            .build();
    assertThat(pods.validateUpdate(old, old)).isEmpty();
    ObjectMeta changed =
        old.withName("other")
            .withNamespace("kube-system")
            .withUid("u2")
            .withCreationTimestamp(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(messages(pods.validateUpdate(changed, old)))
        .containsExactly(
            "metadata.name: Invalid value: \"other\": field is immutable",
            "metadata.namespace: Invalid value: \"kube-system\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable",
            "metadata.creationTimestamp: Invalid value: \"2025-01-01T00:00:00Z\": field is immutable");
  }

  @Test
  void updateNeedsAResourceVersionAndMustNotDecrementGeneration() {
    ObjectMeta old = meta().resourceVersion("5").generation(4L).build();
    assertThat(messages(pods.validateUpdate(old.withResourceVersion(null).withGeneration(3L), old)))
        .containsExactly(
            "metadata.resourceVersion: Invalid value: \"\": must be specified for an update",
            "metadata.generation: Invalid value: 3: must not be decremented");
  }

  @Test
  void noNewFinalizersWhileBeingDeleted() {
    ObjectMeta old =
        meta()
            .resourceVersion("5")
            .finalizers(List.of("example.com/a"))
            .deletionTimestamp(Instant.parse("2024-01-01T00:00:00Z"))
            .build();
    assertThat(pods.validateUpdate(old.withFinalizers(List.of()), old)).isEmpty();
    assertThat(
            messages(
                pods.validateUpdate(
                    old.withFinalizers(List.of("example.com/a", "example.com/b")), old)))
        .containsExactly(
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being"
                + " deleted, found new finalizers []string{\"example.com/b\"}");
  }

  @Test
  void updateStillValidatesLabelsAndAnnotations() {
    ObjectMeta old = meta().resourceVersion("5").build();
    assertThat(pods.validateUpdate(old.withLabels(Map.of("x", "not ok")), old)).hasSize(1);
  }

  @Test
  void errorsBecomeAnInvalidStatusForTheObject() {
    GenericObject pod = GenericObject.of("v1", "Pod", meta().name("Web").build());
    List<FieldError> errs = pods.validate(pod);
    Assertions.assertThatThrownBy(() -> Validation.requireValid(pod, errs))
        .isInstanceOf(InvalidException.class)
        .hasMessageStartingWith("Pod \"Web\" is invalid: metadata.name: Invalid value: \"Web\":");
    InvalidException e = Validation.toException(pod, errs);
    assertThat(e.causes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo("FieldValueInvalid");
              assertThat(c.field()).isEqualTo("metadata.name");
            });
    Validation.requireValid(pod, List.of()); // no exception
  }

  @Test
  void validatorsCompose() {
    Validator<GenericObject> noFoo =
        o ->
            o.metadata().labels().containsKey("foo")
                ? List.of(FieldError.forbidden("metadata.labels[foo]", "reserved"))
                : List.of();
    Validator<GenericObject> both = Validator.<GenericObject>none().and(pods).and(noFoo);
    GenericObject bad =
        GenericObject.of("v1", "Pod", meta().name("Web").labels(Map.of("foo", "x")).build());
    assertThat(both.validate(bad))
        .extracting(FieldError::field)
        .containsExactly("metadata.name", "metadata.labels[foo]");
    assertThat(both.validateUpdate(bad, bad))
        .extracting(FieldError::field)
        .containsExactly("metadata.resourceVersion", "metadata.labels[foo]");
  }
}
