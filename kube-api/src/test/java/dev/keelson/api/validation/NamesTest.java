package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
  private static final String SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
          + " used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String LABEL_MSG =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String QUALIFIED_NAME_PART_MSG =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
          + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
          + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  @Test
  void dnsSubdomainAcceptsDottedLowerCaseNamesUpTo253Characters() {
    assertThat(Names.isDns1123Subdomain("example.com")).isEmpty();
    assertThat(Names.isDns1123Subdomain("a")).isEmpty();
    assertThat(Names.isDns1123Subdomain("1-2.x-y")).isEmpty();
    assertThat(Names.isDns1123Subdomain("a".repeat(253))).isEmpty();
  }

  @Test
  void dnsSubdomainRejectsUpperCaseWithKubernetesMessage() {
    assertThat(Names.isDns1123Subdomain("Example.com")).containsExactly(SUBDOMAIN_MSG);
    assertThat(Names.isDns1123Subdomain("-a")).containsExactly(SUBDOMAIN_MSG);
    assertThat(Names.isDns1123Subdomain("a..b")).containsExactly(SUBDOMAIN_MSG);
    assertThat(Names.isDns1123Subdomain("")).containsExactly(SUBDOMAIN_MSG);
  }

  @Test
  void dnsSubdomainRejectsMoreThan253Characters() {
    assertThat(Names.isDns1123Subdomain("a".repeat(254)))
        .containsExactly("must be no more than 253 characters");
  }

  @Test
  void dnsLabelRejectsDotsAndLengthAndCharacters() {
    assertThat(Names.isDns1123Label("web-1")).isEmpty();
    assertThat(Names.isDns1123Label("123")).isEmpty();
    assertThat(Names.isDns1123Label("a.b")).containsExactly("must not contain dots");
    assertThat(Names.isDns1123Label("Web")).containsExactly(LABEL_MSG);
    assertThat(Names.isDns1123Label("a".repeat(64)))
        .containsExactly("must be no more than 63 characters");
    assertThat(Names.isDns1123Label("a".repeat(63))).isEmpty();
  }

  @Test
  void dns1035LabelMustStartWithALetter() {
    assertThat(Names.isDns1035Label("my-svc")).isEmpty();
    assertThat(Names.isDns1035Label("1svc"))
        .containsExactly(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
                + " an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', "
                + " or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void qualifiedNamesTakeAnOptionalSubdomainPrefix() {
    assertThat(Names.isQualifiedName("app")).isEmpty();
    assertThat(Names.isQualifiedName("App_1.x-Y")).isEmpty();
    assertThat(Names.isQualifiedName("example.com/MyName")).isEmpty();
    assertThat(Names.isQualifiedName("app.kubernetes.io/name")).isEmpty();
    assertThat(Names.isQualifiedName("-app")).containsExactly(QUALIFIED_NAME_PART_MSG);
    assertThat(Names.isQualifiedName("example.com/"))
        .containsExactly("name part must be non-empty", QUALIFIED_NAME_PART_MSG);
    assertThat(Names.isQualifiedName("/name")).containsExactly("prefix part must be non-empty");
    assertThat(Names.isQualifiedName("Example.com/name"))
        .containsExactly("prefix part " + SUBDOMAIN_MSG);
    assertThat(Names.isQualifiedName("a".repeat(64)))
        .containsExactly("name part must be no more than 63 characters");
    assertThat(Names.isQualifiedName("a/b/c"))
        .containsExactly(
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must"
                + " start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
                + " '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
  }

  @Test
  void labelValuesMayBeEmptyButNotLongerThan63() {
    assertThat(Names.isLabelValue("")).isEmpty();
    assertThat(Names.isLabelValue("v1.2_beta-3")).isEmpty();
    assertThat(Names.isLabelValue("a".repeat(64)))
        .containsExactly("must be no more than 63 characters");
    assertThat(Names.isLabelValue("bad value"))
        .containsExactly(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
                + " or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', "
                + " or 'my_value',  or '12345', regex used for validation is"
                + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }

  @Test
  void cIdentifiersAndEnvironmentVariableNames() {
    assertThat(Names.isCIdentifier("MY_VAR1")).isEmpty();
    assertThat(Names.isCIdentifier("1VAR")).hasSize(1);
    assertThat(Names.isEnvVarName("my.env-name")).isEmpty();
    assertThat(Names.isEnvVarName("1abc")).hasSize(1);
    assertThat(Names.isEnvVarName("..x")).containsExactly("must not start with '..'");
    assertThat(Names.isRelaxedEnvVarName("1abc with spaces")).isEmpty();
    assertThat(Names.isRelaxedEnvVarName("A=B"))
        .containsExactly(
            "a valid environment variable name must consist only of printable ASCII characters"
                + " other than '='");
    assertThat(Names.isRelaxedEnvVarName(""))
        .containsExactly("environment variable name must be non-empty");
    assertThat(Names.isRelaxedEnvVarName("tab\there")).hasSize(1);
  }

  @Test
  void portNamesAreIanaServiceNames() {
    assertThat(Names.isValidPortName("http")).isEmpty();
    assertThat(Names.isValidPortName("h2c-8080")).isEmpty();
    assertThat(Names.isValidPortName("a".repeat(15))).isEmpty();
    assertThat(Names.isValidPortName("a".repeat(16)))
        .containsExactly("must be no more than 15 characters");
    assertThat(Names.isValidPortName("8080"))
        .containsExactly("must contain at least one letter (a-z)");
    assertThat(Names.isValidPortName("HTTP"))
        .containsExactly(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "must contain at least one letter (a-z)");
    assertThat(Names.isValidPortName("a--b"))
        .containsExactly("must not contain consecutive hyphens");
    assertThat(Names.isValidPortName("-ab")).containsExactly("must not begin or end with a hyphen");
  }

  @Test
  void portNumbersRunFrom1To65535() {
    assertThat(Names.isValidPortNum(1)).isEmpty();
    assertThat(Names.isValidPortNum(65535)).isEmpty();
    assertThat(Names.isValidPortNum(0)).containsExactly("must be between 1 and 65535, inclusive");
    assertThat(Names.isValidPortNum(65536))
        .containsExactly("must be between 1 and 65535, inclusive");
  }

  @Test
  void percentagesAndConfigKeys() {
    assertThat(Names.isValidPercent("25%")).isEmpty();
    assertThat(Names.isValidPercent("25")).hasSize(1);
    assertThat(Names.isValidPercent("-1%")).hasSize(1);
    assertThat(Names.isConfigMapKey("app.properties")).isEmpty();
    assertThat(Names.isConfigMapKey("a/b"))
        .containsExactly(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
                + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is"
                + " '[-._a-zA-Z0-9]+')");
    assertThat(Names.isConfigMapKey("..")).containsExactly("must not be '..'");
  }

  @Test
  void lengthsAreCountedInUtf8Bytes() {
    // 32 two-byte characters = 64 bytes: too long for a label value, as in Go.
    assertThat(Names.isLabelValue("é".repeat(32))).contains("must be no more than 63 characters");
  }

  @Test
  void fieldErrorsCarryPathValueAndMessage() {
    List<FieldError> errs =
        Names.validateDns1123Label(
            "Web", FieldPath.root("spec").child("containers").index(0).child("name"));
    assertThat(errs).hasSize(1);
    assertThat(errs.get(0).toString())
        .isEqualTo("spec.containers[0].name: Invalid value: \"Web\": " + LABEL_MSG);
    assertThat(Names.validatePortNum(70000, FieldPath.root("port")).get(0).toString())
        .isEqualTo("port: Invalid value: 70000: must be between 1 and 65535, inclusive");
  }

  @Test
  void generateNamePrefixesMaskTheTrailingDashAsKubernetesDoes() {
    assertThat(NameValidator.DNS_SUBDOMAIN.validate("web-", true)).isEmpty();
    assertThat(NameValidator.DNS_SUBDOMAIN.validate("web-", false)).containsExactly(SUBDOMAIN_MSG);
    assertThat(NameValidator.DNS_SUBDOMAIN.validate("Web-", true)).containsExactly(SUBDOMAIN_MSG);
    assertThat(NameValidator.DNS_LABEL.validate("a.b-", true))
        .containsExactly("must not contain dots");
    assertThat(NameValidator.DNS1035_LABEL.validate("1x-", true)).hasSize(1);
    // the quirk: "1-" is masked to "a" (two characters dropped, one added), which is valid
    assertThat(NameValidator.DNS1035_LABEL.validate("1-", true)).isEmpty();
  }

  @Test
  void pathSegmentNames() {
    assertThat(NameValidator.PATH_SEGMENT.validate("Any Name", false)).isEmpty();
    assertThat(NameValidator.PATH_SEGMENT.validate("..", false)).containsExactly("may not be '..'");
    assertThat(NameValidator.PATH_SEGMENT.validate("a/b%", false))
        .containsExactly("may not contain '/'", "may not contain '%'");
  }

  @Test
  void fieldPathsRenderAsKubernetesDoes() {
    assertThat(
            FieldPath.root("spec")
                .child("containers")
                .index(1)
                .child("resources", "requests")
                .key("cpu")
                .toString())
        .isEqualTo("spec.containers[1].resources.requests[cpu]");
  }
}
