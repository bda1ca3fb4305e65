package dev.parley.bench.scenario;

import dev.parley.bench.run.Lab;
import dev.parley.bench.run.Report;
import java.io.PrintStream;

/** Something {@code parley bench} runs in a lab and reports as one table. */
public interface Measurement {
  Report run(Lab lab, PrintStream progress) throws InterruptedException;
}
