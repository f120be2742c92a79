package dev.keelson.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlicePlannerTest {
  private static final List<EndpointPort> PORTS =
      List.of(new EndpointPort("http", "TCP", 80, null));
  private static final String KEY = SlicePlanner.key("IPv4", PORTS);

  private static Endpoint ep(int i) {
    return new Endpoint(
        List.of("10.0." + i / 250 + "." + i % 250),
        new EndpointConditions(true, true, false),
        null,
        new ObjectReference("Pod", "ns", "p" + i, "uid-" + i, null, null, null),
        null,
        null,
        null,
        null);
  }

  private static Map<String, SlicePlanner.Group> want(int from, int to) {
    Map<String, Endpoint> eps = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      eps.put(SlicePlanner.endpointKey(ep(i)), ep(i));
    }
    return Map.of(KEY, new SlicePlanner.Group("IPv4", PORTS, eps));
  }

  private static EndpointSlice slice(
      String name, String type, List<EndpointPort> ports, int from, int to) {
    List<Endpoint> eps = new ArrayList<>();
    for (int i = from; i < to; i++) {
      eps.add(ep(i));
    }
    return new EndpointSlice(null, null, ObjectMeta.named("ns", name), type, eps, ports);
  }

  private static SlicePlan plan(
      Map<String, SlicePlanner.Group> desired, List<EndpointSlice> existing) {
    return SlicePlanner.plan(
        desired,
        existing,
        100,
        "IPv4",
        (type, ports, eps) ->
            new EndpointSlice(null, null, ObjectMeta.named("ns", "new"), type, eps, ports),
        (slice, meta) -> meta);
  }

  @Test
  void nothingChangedWritesNothing() {
    assertThat(
            plan(
                    want(0, 150),
                    List.of(slice("a", "IPv4", PORTS, 0, 100), slice("b", "IPv4", PORTS, 100, 150)))
                .isEmpty())
        .isTrue();
  }

  @Test
  void aNewEndpointGoesIntoTheFullestSliceWithRoomInsteadOfANewSlice() {
    SlicePlan p =
        plan(
            want(0, 151),
            List.of(slice("a", "IPv4", PORTS, 0, 100), slice("b", "IPv4", PORTS, 100, 150)));
    assertThat(p.create()).isEmpty();
    assertThat(p.delete()).isEmpty();
    assertThat(p.update())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metadata().name()).isEqualTo("b");
              assertThat(s.endpoints()).hasSize(51);
            });
  }

  @Test
  void endpointsBeyondAFullSliceGoToNewSlicesOfAtMostAHundred() {
    SlicePlan p = plan(want(0, 330), List.of(slice("a", "IPv4", PORTS, 0, 100)));
    assertThat(p.update()).isEmpty();
    assertThat(p.create()).extracting(s -> s.endpoints().size()).containsExactly(100, 100, 30);
  }

  @Test
  void removedEndpointsLeaveTheirSliceAndAnEmptiedSliceIsDeleted() {
    SlicePlan p =
        plan(
            want(0, 90),
            List.of(slice("a", "IPv4", PORTS, 0, 100), slice("b", "IPv4", PORTS, 100, 110)));
    assertThat(p.update()).singleElement().satisfies(s -> assertThat(s.endpoints()).hasSize(90));
    assertThat(p.delete()).extracting(s -> s.metadata().name()).containsExactly("b");
  }

  @Test
  void aSliceOfOldPortsIsReusedForTheNewPortsAndAnEmptyServiceKeepsAPlaceholder() {
    List<EndpointPort> old = List.of(new EndpointPort("http", "TCP", 8080, null));
    SlicePlan p = plan(want(0, 10), List.of(slice("a", "IPv4", old, 0, 10)));
    assertThat(p.create()).isEmpty();
    assertThat(p.delete()).isEmpty();
    assertThat(p.update())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metadata().name()).isEqualTo("a");
              assertThat(s.ports()).isEqualTo(PORTS);
            });

    SlicePlan empty = plan(Map.of(), List.of(slice("a", "IPv4", PORTS, 0, 10)));
    assertThat(empty.create()).isEmpty();
    assertThat(empty.delete()).isEmpty();
    assertThat(empty.update())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.metadata().name()).isEqualTo("a");
              assertThat(s.endpoints()).isEmpty();
              assertThat(s.ports()).isEmpty();
            });
  }
}
