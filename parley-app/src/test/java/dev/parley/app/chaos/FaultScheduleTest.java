package dev.parley.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
  private static final Duration PHASE = Duration.ofSeconds(100);
  private static final Duration HEARTBEAT = Duration.ofSeconds(2);

  @Test
  void theSameSeedPlansTheSameFaults() {
    assertThat(FaultSchedule.plan(42, 10, PHASE, HEARTBEAT)).isEqualTo(FaultSchedule.plan(42, 10, PHASE, HEARTBEAT));
    assertThat(FaultSchedule.plan(42, 10, PHASE, HEARTBEAT)).isNotEqualTo(FaultSchedule.plan(43, 10, PHASE, HEARTBEAT));
  }

  @Test
  void faultsAreInOrderInsideTheSendPhaseHalfKillsAndFreezesLongerThanTheHeartbeat() {
    for (long seed = 0; seed < 50; seed++) {
      List<Fault> plan = FaultSchedule.plan(seed, 7, PHASE, HEARTBEAT);
      assertThat(plan).hasSize(7);
      assertThat(plan).filteredOn(f -> f.kind() == Fault.Kind.KILL).hasSize(4);
      for (int i = 0; i < plan.size(); i++) {
        Fault f = plan.get(i);
        assertThat(f.at()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(85));
        if (i > 0) {
          assertThat(f.at()).isGreaterThan(plan.get(i - 1).at());
        }
        if (f.kind() == Fault.Kind.STOP) {
          assertThat(f.frozen()).isGreaterThan(HEARTBEAT).isLessThanOrEqualTo(HEARTBEAT.multipliedBy(4));
        }
      }
    }
  }

  @Test
  void noFaultsPlansNothing() {
    assertThat(FaultSchedule.plan(1, 0, PHASE, HEARTBEAT)).isEmpty();
  }

  @Test
  void aClusterPlansKillsDropsAndFreezesOfNodesInTurn() {
    for (long seed = 0; seed < 50; seed++) {
      List<Fault> plan = FaultSchedule.plan(seed, 7, PHASE, HEARTBEAT, 3);
      assertThat(plan).hasSize(7);
      assertThat(plan).filteredOn(f -> f.kind() == Fault.Kind.KILL).hasSize(3)
          .allSatisfy(f -> {
            assertThat(f.node()).isBetween(1, 3);
            assertThat(f.down()).isGreaterThan(HEARTBEAT).isLessThanOrEqualTo(HEARTBEAT.multipliedBy(3));
          });
      assertThat(plan).filteredOn(f -> f.kind() == Fault.Kind.DROP_SUBSCRIBERS).hasSize(2)
          .allSatisfy(f -> assertThat(f.node()).isZero());
      assertThat(plan).filteredOn(f -> f.kind() == Fault.Kind.STOP).hasSize(2)
          .allSatisfy(f -> assertThat(f.node()).isBetween(1, 3));
      assertThat(plan).allSatisfy(f -> assertThat(f.at()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(85)));
    }
  }

  @Test
  void threeFaultsInAClusterAreOneOfEachKind() {
    assertThat(FaultSchedule.plan(5, 3, PHASE, HEARTBEAT, 3)).extracting(Fault::kind)
        .containsExactlyInAnyOrder(Fault.Kind.KILL, Fault.Kind.DROP_SUBSCRIBERS, Fault.Kind.STOP);
  }

  @Test
  void aSingleServersPlanIsTheSameAsBeforeClusters() {
    assertThat(FaultSchedule.plan(42, 10, PHASE, HEARTBEAT, 1)).isEqualTo(FaultSchedule.plan(42, 10, PHASE, HEARTBEAT))
        .allSatisfy(f -> assertThat(f.node()).isZero())
        .allSatisfy(f -> assertThat(f.describe()).doesNotContain("node"));
  }
}
