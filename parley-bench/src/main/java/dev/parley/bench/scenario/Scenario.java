package dev.parley.bench.scenario;

import dev.parley.bench.gen.Target;
import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Report;
import dev.parley.bench.run.Result;
import java.io.PrintStream;

/** One kind of load, run against each target of a lab in turn. */
public abstract class Scenario {

  public abstract String name();

  /** One line on the sizes and rates, for the report's heading. */
  public abstract String setup();

  /** Whether a larger headline figure is better (false for memory per connection). */
  public boolean higherIsBetter() {
    return true;
  }

  /** Measures one target; failures it can describe go into the result's note. */
  protected abstract Result measure(Lab lab, Target target, PrintStream progress) throws InterruptedException;

  public final Report run(Lab lab, PrintStream progress) throws InterruptedException {
    Report report = new Report(name(), setup(), higherIsBetter());
    for (Target target : lab.targets()) {
      progress.println(name() + ": measuring " + target.label() + " ...");
      Result result;
      try {
        result = measure(lab, target, progress);
      } catch (RuntimeException e) {
        result = new Result(target.label()).note("failed: " + e.getMessage());
      }
      lab.checkAlive();
      report.add(result);
    }
    return report;
  }
}
