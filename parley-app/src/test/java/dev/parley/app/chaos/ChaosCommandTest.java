package dev.parley.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ParleyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chaos command's flags and its dry run, in-process: no server is started. */
class ChaosCommandTest {

  @Test
  void aBadFlagIsOneLineAndStatusTwo() {
    StringWriter err = new StringWriter();
    int exit = ParleyCommand.commandLine().setErr(new PrintWriter(err))
        .execute("chaos", "--rooms", "2", "--rooms-per-client", "3");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("parley: --rooms-per-client must be between 1 and --rooms (see 'parley chaos --help')");
  }

  @Test
  void aBadDurationNamesTheFlag() {
    StringWriter err = new StringWriter();
    int exit = ParleyCommand.commandLine().setErr(new PrintWriter(err)).execute("chaos", "--duration", "soon");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: --duration: 'soon' is not a duration such as 90s, 15m or 500ms");
  }

  @Test
  void aDryRunWithTheSameSeedPrintsTheSameScheduleAndAnotherSeedAnother() {
    List<String> first = dryRun("--seed", "99", "--kills", "5");
    List<String> again = dryRun("--seed", "99", "--kills", "5");
    List<String> other = dryRun("--seed", "100", "--kills", "5");

    assertThat(first).hasSize(6).isEqualTo(again);
    assertThat(first.get(0)).startsWith("chaos: seed 99, 20 clients, 4 rooms");
    assertThat(first.get(1)).startsWith("fault 1 at ");
    assertThat(other.subList(1, 6)).isNotEqualTo(first.subList(1, 6));
  }

  @Test
  void aClusterOfNoNodesIsABadFlag() {
    StringWriter err = new StringWriter();
    int exit = ParleyCommand.commandLine().setErr(new PrintWriter(err)).execute("chaos", "--nodes", "0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: --nodes must be 1 to 9");
  }

  @Test
  void aBadPostgresAdminUrlIsABadFlagOnlyForACluster() {
    StringWriter err = new StringWriter();
    int exit = ParleyCommand.commandLine().setErr(new PrintWriter(err))
        .execute("chaos", "--nodes", "3", "--postgres-admin", "localhost");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: --postgres-admin must look like postgresql://");
    assertThat(dryRun("--postgres-admin", "localhost")).isNotEmpty();
  }

  @Test
  void aClusterDryRunNamesItsNodesAndPlansEveryKindOfFault() {
    List<String> plan = dryRun("--seed", "7", "--kills", "3", "--nodes", "3");

    assertThat(plan.get(0)).startsWith("chaos: seed 7, 20 clients").endsWith(", 3 nodes");
    assertThat(plan.subList(1, 4))
        .anyMatch(l -> l.matches("fault \\d at .*: node [123] SIGKILL, restart after .*"))
        .anyMatch(l -> l.matches("fault \\d at .*: node [123] SIGSTOP for .*"))
        .anyMatch(l -> l.endsWith(": drop the cluster's Redis subscribers"));
  }

  @Test
  void withoutASeedADrawnOneIsPrinted() {
    assertThat(dryRun().get(0)).matches("chaos: seed -?\\d+, .*");
  }

  private static List<String> dryRun(String... flags) {
    StringWriter out = new StringWriter();
    String[] args = new String[flags.length + 2];
    args[0] = "chaos";
    args[1] = "--dry-run";
    System.arraycopy(flags, 0, args, 2, flags.length);
    assertThat(ParleyCommand.commandLine().setOut(new PrintWriter(out)).execute(args)).isZero();
    return out.toString().lines().toList();
  }
}
