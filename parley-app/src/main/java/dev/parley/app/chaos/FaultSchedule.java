package dev.parley.app.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded fault plan. The faults are spread over the middle of the send phase (10 % to
 * 85 % of it), one in each equal slot, at a random point in the first half of its slot so that
 * the server is back before the next one. For one server half of them (rounded up) are SIGKILLs,
 * the rest SIGSTOPs, in a random order; a freeze lasts 1.5 to 4 heartbeats, so clients sometimes
 * give the server up and sometimes just wait. For a cluster a third each are SIGKILLs (of a
 * random node, dead for 1.5 to 3 heartbeats before its restart), drops of the Redis subscribers
 * and SIGSTOPs (of a random node), in that order of precedence when the count does not divide.
 * Nothing but the seed and the flags goes in, so a seed printed by one run plans the same faults
 * in the next; a single server's plan is the one it was before clusters.
 */
final class FaultSchedule {
  private static final Fault.Kind[] CLUSTER_KINDS = {Fault.Kind.KILL, Fault.Kind.DROP_SUBSCRIBERS, Fault.Kind.STOP};

  private FaultSchedule() {}

  static List<Fault> plan(long seed, int faults, Duration sendPhase, Duration heartbeat) {
    return plan(seed, faults, sendPhase, heartbeat, 1);
  }

  static List<Fault> plan(long seed, int faults, Duration sendPhase, Duration heartbeat, int nodes) {
    Random random = new Random(seed);
    boolean cluster = nodes > 1;
    List<Fault.Kind> kinds = new ArrayList<>();
    for (int i = 0; i < faults; i++) {
      if (cluster) {
        kinds.add(CLUSTER_KINDS[i % CLUSTER_KINDS.length]);
      } else {
        kinds.add(i < (faults + 1) / 2 ? Fault.Kind.KILL : Fault.Kind.STOP);
      }
    }
    Collections.shuffle(kinds, random);
    long windowStart = sendPhase.toMillis() / 10;
    long slot = faults == 0 ? 0 : (sendPhase.toMillis() * 85 / 100 - windowStart) / faults;
    List<Fault> plan = new ArrayList<>();
    for (int i = 0; i < faults; i++) {
      long at = windowStart + i * slot + (long) (random.nextDouble() * slot / 2);
      long frozen = (long) (heartbeat.toMillis() * (1.5 + 2.5 * random.nextDouble()));
      Fault.Kind kind = kinds.get(i);
      Duration frozenFor = kind == Fault.Kind.STOP ? Duration.ofMillis(frozen) : Duration.ZERO;
      if (!cluster) {
        plan.add(new Fault(i + 1, Duration.ofMillis(at), kind, frozenFor));
        continue;
      }
      int node = 1 + random.nextInt(nodes);
      long down = (long) (heartbeat.toMillis() * (1.5 + 1.5 * random.nextDouble()));
      plan.add(new Fault(i + 1, Duration.ofMillis(at), kind, frozenFor,
          kind == Fault.Kind.DROP_SUBSCRIBERS ? 0 : node,
          kind == Fault.Kind.KILL ? Duration.ofMillis(down) : Duration.ZERO));
    }
    return List.copyOf(plan);
  }
}
