package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.Haproxy;
import dev.parley.testkit.HaproxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HAProxy configuration docs/cluster.md shows is the one the tests run, and HAProxy accepts it. */
class HaproxySampleIT {
  private static final Pattern SAMPLE =
      Pattern.compile("## HAProxy in front\n.*?```haproxy\n(.*?)```\n", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theSampleForThreeNodesIsWhatTheFixtureRendersAndHaproxyAcceptsIt() throws IOException {
    String docs = Files.readString(Path.of(System.getProperty("parley.root"), "docs", "cluster.md"));
    Matcher m = SAMPLE.matcher(docs);
    assertThat(m.find()).as("a haproxy block under \"## HAProxy in front\" in docs/cluster.md").isTrue();
    String sample = m.group(1);

    HaproxyConfig threeNodes = new HaproxyConfig(":7070", ":8080", "127.0.0.1:8404", List.of(
        new HaproxyConfig.Node("n1", "127.0.0.1", 7071, 8081),
        new HaproxyConfig.Node("n2", "127.0.0.1", 7072, 8082),
        new HaproxyConfig.Node("n3", "127.0.0.1", 7073, 8083)));
    assertThat(sample).isEqualTo(threeNodes.render());

    Path file = dir.resolve("parley-haproxy.cfg");
    Files.writeString(file, sample);
    assertThat(Haproxy.check(file)).contains("Configuration file is valid");
  }
}
