package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code parley bench jmh [JMH options]}: the microbenchmarks, through JMH's own runner. */
@Command(
    name = "jmh",
    description = {
      "Run the JMH microbenchmarks (JSON codec, encode-once fan-out, group commit, search).",
      "Takes JMH's options, e.g.: parley bench jmh -f 1 -wi 3 -i 5 Codec. 'parley bench jmh -h' lists them."
    })
final class JmhCommand implements Callable<Integer> {
  /** Everything after {@code jmh}, in order, for JMH to read. */
  @Unmatched List<String> jmhArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    return 0;
  }
}
