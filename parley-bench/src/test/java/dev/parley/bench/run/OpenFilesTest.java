package dev.parley.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenFilesTest {
  @Test
  void connectionsFitUnderTheLimitWithFilesToSpare() {
    assertThat(OpenFiles.allows(10_000, 20_000)).isTrue();
    assertThat(OpenFiles.allows(20_000 - OpenFiles.RESERVE, 20_000)).isTrue();
    assertThat(OpenFiles.allows(20_000 - OpenFiles.RESERVE + 1, 20_000)).isFalse();
    assertThat(OpenFiles.allows(100_000, 20_000)).isFalse();
  }

  @Test
  void anUnknownOrUnlimitedLimitStopsNothing() {
    assertThat(OpenFiles.allows(100_000, -1)).isTrue();
    assertThat(OpenFiles.allows(100_000, Long.MAX_VALUE)).isTrue();
  }
}
