package dev.parley.bench.scenario;

import dev.parley.bench.run.ClusterNodes;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Report;
import dev.parley.bench.run.Result;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code fanout} on a cluster: one room of N members, their connections (and the publishers')
 * spread evenly over 1, 2, … of the cluster's nodes, each spread ramped like {@link Fanout}.
 * With the room on more nodes, each message is stored once and crosses Redis to every other
 * node, which delivers to its own members.
 */
public final class ClusterFanout implements Measurement {
  private final Fanout fanout;
  private final Fanout.Settings s;
  private final ClusterNodes.Spec spec;
  private final long warmUpMillis;

  /** @param warmUpMillis how long to publish over all nodes, unmeasured, before the first spread */
  public ClusterFanout(Fanout.Settings settings, ClusterNodes.Spec spec, long warmUpMillis) {
    this.fanout = new Fanout(settings);
    this.s = settings;
    this.spec = spec;
    this.warmUpMillis = warmUpMillis;
  }

  public String name() {
    return "cluster-fanout-" + s.members();
  }

  public String setup() {
    return String.format(Locale.ROOT,
        "1 room x %d members spread over 1 to %d nodes (PostgreSQL + Redis), %d publishers spread alike, TCP,"
            + " after %d ms of warm-up on all nodes; each spread: delivered rate from %,d/s doubling each %d ms step until <99%% arrive or p99 > %.0f ms",
        s.members(), spec.count(), s.publishers(), warmUpMillis, s.startRate(), s.stepMillis(), s.maxP99Millis());
  }

  @Override
  public Report run(Lab lab, PrintStream progress) throws InterruptedException {
    ClusterNodes cluster = lab.cluster(spec, progress);
    Report report = new Report(name(), setup(), true);
    // Nodes that just started would meet the first spread cold, and only that one.
    progress.println(name() + ": warming up all " + cluster.size() + " nodes for " + warmUpMillis + " ms ...");
    fanout.warmUpOn(lab, cluster.tcpTargets(cluster.size()), cluster.token(), warmUpMillis);
    for (int k = 1; k <= cluster.size(); k++) {
      String label = k == 1 ? "1 node" : k + " nodes";
      progress.println(name() + ": measuring members on " + label + " ...");
      Result result;
      try {
        result = fanout.measureOn(lab, cluster.tcpTargets(k), label, cluster.token(), progress);
      } catch (RuntimeException e) {
        result = new Result(label).note("failed: " + e.getMessage());
      }
      lab.checkAlive();
      report.add(result);
    }
    return report;
  }
}
