package dev.parley.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  @Test
  void parleyIsComparedWithTheFloorOfItsTransportAndWithMosquittoAndInspircd() throws Exception {
    Report report = new Report("fanout-1000", "one room", true);
    report.add(new Result("parley tcp").put("max delivered/s", 700_000.0));
    report.add(new Result("floor tcp").put("max delivered/s", 1_000_000.0));
    report.add(new Result("parley ws").put("max delivered/s", 0.0).note("at 10,000/s p99 was 300 ms"));
    report.add(new Result("floor ws").put("max delivered/s", 500_000.0));
    report.add(new Result("mosquitto").put("max delivered/s", 70_000.0));
    report.add(new Result("inspircd").put("max delivered/s", 1_400_000.0));

    assertThat(report.ratios()).containsExactly(
        Map.entry("parley tcp / floor tcp", "70%"),
        Map.entry("parley tcp / mosquitto", "10.0x"),
        Map.entry("parley tcp / inspircd", "50%"),
        Map.entry("parley ws / floor ws", "n/a"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("parley tcp", "700,000", "at 10,000/s p99 was 300 ms");

    Path json = report.writeJson(dir, Map.of("pinning", "off"));
    assertThat(Files.readString(json)).contains("\"max delivered/s\" : 700000.0", "\"pinning\" : \"off\"");
  }
}
