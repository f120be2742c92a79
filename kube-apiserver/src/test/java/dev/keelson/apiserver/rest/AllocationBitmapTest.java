package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.apiserver.allocation.AllocationBitmap;
import dev.keelson.apiserver.allocation.IpRange;
import dev.keelson.apiserver.allocation.PortRange;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ranges and the bitmap behind Service allocation. */
class AllocationBitmapTest {
  @Test
  void theDefaultServiceCidrExcludesNetworkAndBroadcast() {
    IpRange r = IpRange.parse("10.96.0.0/12");
    assertThat(r.size()).isEqualTo((1 << 20) - 2);
    assertThat(r.firstAddress()).isEqualTo("10.96.0.1");
    assertThat(r.offsetOf("10.96.0.1")).isZero();
    assertThat(r.offsetOf("10.96.0.0")).isEqualTo(-1);
    assertThat(r.offsetOf("10.111.255.254")).isEqualTo(r.size() - 1);
    assertThat(r.offsetOf("10.111.255.255")).isEqualTo(-1);
    assertThat(r.offsetOf("10.112.0.1")).isEqualTo(-1);
    assertThat(r.offsetOf("not-an-ip")).isEqualTo(-1);
    assertThat(r.staticBand()).isEqualTo(256);
    assertThat(IpRange.parse("10.0.0.5/24").network()).isEqualTo(IpRange.parseIp("10.0.0.0"));
    assertThatThrownBy(() -> IpRange.parse("fd00::/108"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/31"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultPortRange() {
    PortRange p = PortRange.parse("30000-32767");
    assertThat(p.size()).isEqualTo(2768);
    assertThat(p.offsetOf(30000)).isZero();
    assertThat(p.offsetOf(32768)).isEqualTo(-1);
    assertThat(p.staticBand()).isEqualTo(86);
    assertThatThrownBy(() -> PortRange.parse("3-1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dynamicAllocationFillsTheUpperBandFirstThenTheStaticBand() {
    PortRange p = PortRange.parse("30000-30999"); // band 31
    AllocationBitmap b = AllocationBitmap.empty(p);
    Random random = new Random(1);
    Set<Integer> got = new HashSet<>();
    for (int i = 0; i < p.size() - p.staticBand(); i++) {
      int o = b.allocateNext(random);
      assertThat(o).isGreaterThanOrEqualTo(p.staticBand());
      assertThat(got.add(o)).isTrue();
    }
    for (int i = 0; i < p.staticBand(); i++) {
      assertThat(b.allocateNext(random)).isLessThan(p.staticBand());
    }
    assertThat(b.allocateNext(random)).isEqualTo(-1);
    assertThat(b.free()).isZero();
  }

  @Test
  void theStoredFormIsABigEndianNumberWithOneBitPerOffset() {
    AllocationBitmap b = AllocationBitmap.empty(PortRange.parse("1-100"));
    assertThat(b.toBytes()).isEmpty();
    b.allocate(0);
    b.allocate(9);
    // bits 0 and 9: 0x0201, big-endian, no leading zero bytes (Go's big.Int.Bytes())
    assertThat(b.toBytes()).containsExactly(0x02, 0x01);
    AllocationBitmap back = AllocationBitmap.fromBytes(b.range(), b.toBytes());
    assertThat(back.isAllocated(0)).isTrue();
    assertThat(back.isAllocated(9)).isTrue();
    assertThat(back.allocated()).isEqualTo(2);
    assertThat(back.allocate(9)).isFalse();
    back.release(9);
    assertThat(back.allocate(9)).isTrue();
  }
}
