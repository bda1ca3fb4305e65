package dev.parley.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerJvmOptionsTest {
  @Test
  void theBenchStartsServersWithTheLaunchersOptions() throws IOException {
    String launcher = Files.readString(Path.of("..", "parley"));
    assertThat(launcher).contains("default_java_opts=\"" + String.join(" ", ServerJvmOptions.LAUNCHER_DEFAULTS) + "\"");
  }

  @Test
  void optionsGivenToTheBenchComeLastSoTheyWin() {
    assertThat(ServerJvmOptions.with(java.util.List.of("-XX:MaxNewSize=64m")))
        .endsWith("-XX:MaxNewSize=64m")
        .startsWith(ServerJvmOptions.LAUNCHER_DEFAULTS.toArray(String[]::new));
  }
}
