package dev.keelson.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrSetTest {
  @Test
  void handsOutNodeSubnetsInOrderAndSkipsOccupiedOnes() {
    CidrSet set = new CidrSet("10.244.0.0/16", 24);
    assertThat(set.size()).isEqualTo(256);
    assertThat(set.occupy("10.244.1.0/24")).isTrue();
    assertThat(set.allocateNext()).contains("10.244.0.0/24");
    assertThat(set.allocateNext()).contains("10.244.2.0/24");
    assertThat(set.used()).isEqualTo(3);
    assertThat(set.release("10.244.0.0/24")).isTrue();
    assertThat(set.used()).isEqualTo(2);
    assertThat(set.occupy("10.245.0.0/24")).isFalse();
    assertThat(set.occupy("fd00::/64")).isFalse();
  }

  @Test
  void anExhaustedRangeHandsOutNothingUntilASubnetIsFreed() {
    CidrSet set = new CidrSet("10.250.0.0/23", 24);
    assertThat(set.allocateNext()).contains("10.250.0.0/24");
    assertThat(set.allocateNext()).contains("10.250.1.0/24");
    assertThat(set.allocateNext()).isEmpty();
    set.release("10.250.1.0/24");
    assertThat(set.allocateNext()).contains("10.250.1.0/24");
  }

  @Test
  void ipv6SubnetsArePrintedAsKubernetesPrintsThem() {
    CidrSet set = new CidrSet("fd00:10:244::/56", 64);
    assertThat(set.allocateNext()).contains("fd00:10:244::/64");
    assertThat(set.allocateNext()).contains("fd00:10:244:1::/64");
    assertThat(set.isIpv6()).isTrue();
  }

  @Test
  void refusesMasksThatDoNotFit() {
    assertThatThrownBy(() -> new CidrSet("10.0.0.0/8", 28))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CidrSet("10.0.0.0/24", 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CidrSet("not-a-cidr", 24))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
