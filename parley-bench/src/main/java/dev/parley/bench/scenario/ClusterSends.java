package dev.parley.bench.scenario;

import dev.parley.bench.gen.Target;
import dev.parley.bench.run.ClusterNodes;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Report;
import dev.parley.bench.run.Result;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code sends} on both stores in one run: the single server on SQLite, then the cluster on
 * PostgreSQL with every client on one node and with the clients spread over all nodes (each
 * node commits its own batches to the one database). The same method as {@link Sends}; every
 * ack is durable.
 */
public final class ClusterSends implements Measurement {
  private final Sends sends;
  private final Sends.Settings s;
  private final ClusterNodes.Spec spec;

  public ClusterSends(Sends.Settings settings, ClusterNodes.Spec spec) {
    this.sends = new Sends(settings);
    this.s = settings;
    this.spec = spec;
  }

  public String name() {
    return "cluster-sends";
  }

  public String setup() {
    return String.format(Locale.ROOT,
        "%d clients, each in its own room with %d send(s) in flight, for %d ms after %d ms of warm-up, TCP;"
            + " SQLite single server, then PostgreSQL cluster nodes (Redis)",
        s.clients(), s.window(), s.durationMillis(), s.warmUpMillis());
  }

  @Override
  public Report run(Lab lab, PrintStream progress) throws InterruptedException {
    Report report = new Report(name(), setup(), true);
    report.add(measure(lab, "sqlite, 1 node", List.of(lab.parleyTcp()), lab.token(), progress));
    ClusterNodes cluster = lab.cluster(spec, progress);
    report.add(measure(lab, "postgresql, 1 node", cluster.tcpTargets(1), cluster.token(), progress));
    if (cluster.size() > 1) {
      String label = "postgresql, " + cluster.size() + " nodes";
      report.add(measure(lab, label, cluster.tcpTargets(cluster.size()), cluster.token(), progress));
    }
    return report;
  }

  private Result measure(Lab lab, String label, List<Target> nodes, String token, PrintStream progress)
      throws InterruptedException {
    progress.println(name() + ": measuring " + label + " ...");
    Result result;
    try {
      result = sends.measureOn(lab, nodes, label, token, progress);
    } catch (RuntimeException e) {
      result = new Result(label).note("failed: " + e.getMessage());
    }
    lab.checkAlive();
    return result;
  }
}
