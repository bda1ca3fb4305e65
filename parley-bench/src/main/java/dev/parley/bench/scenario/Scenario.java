package dev.parley.bench.scenario;

import dev.parley.bench.gen.Target;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Report;
import dev.parley.bench.run.Result;
import java.io.PrintStream;

/** One kind of load, run against each target of a lab in turn. */
public abstract class Scenario implements Measurement {

  public abstract String name();

  /** One line on the sizes and rates, for the report's heading. */
  public abstract String setup();

  /** Whether a larger headline figure is better (false for memory per connection). */
  public boolean higherIsBetter() {
    return true;
  }

  /** Whether each target must be on a server process no scenario has used yet. */
  protected boolean needsFreshServer() {
    return false;
  }

  /** Whether a fresh Parley runs its JIT warm-up first ({@code serve --warm-up-ms}). */
  protected boolean freshServerWarmsUp() {
    return true;
  }

  /** Measures one target; failures it can describe go into the result's note. */
  protected abstract Result measure(Lab lab, Target target, PrintStream progress) throws InterruptedException;

  @Override
  public final Report run(Lab lab, PrintStream progress) throws InterruptedException {
    Report report = new Report(name(), setup(), higherIsBetter());
    for (Target given : lab.targets()) {
      progress.println(name() + ": measuring " + given.label() + " ...");
      Result result;
      try {
        Target target = needsFreshServer() ? lab.fresh(given, freshServerWarmsUp()) : given;
        lab.markUsed(target);
        result = measure(lab, target, progress);
      } catch (RuntimeException e) {
        result = new Result(given.label()).note("failed: " + e.getMessage());
      }
      lab.checkAlive();
      report.add(result);
    }
    return report;
  }
}
