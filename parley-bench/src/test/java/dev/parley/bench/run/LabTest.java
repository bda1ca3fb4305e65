package dev.parley.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.gen.BenchException;
import org.junit.jupiter.api.Test;

class LabTest {
  @Test
  void aTargetOnLoopbackIsAccepted() {
    assertThat(Lab.loopback("--target", "127.0.0.1:7070").getPort()).isEqualTo(7070);
    assertThat(Lab.loopback("--target", "127.0.0.5:7070").getAddress().isLoopbackAddress()).isTrue();
    assertThat(Lab.loopback("--target", "localhost:7070").getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void anyOtherAddressIsRefusedBeforeAnyLoadIsSent() {
    assertThatThrownBy(() -> Lab.loopback("--target", "10.0.0.1:7070"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("loopback addresses only");
    assertThatThrownBy(() -> Lab.loopback("--target-http", "192.168.1.20:8080"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("--target-http");
  }

  @Test
  void somethingThatIsNotHostAndPortIsRefused() {
    assertThatThrownBy(() -> Lab.loopback("--target", "127.0.0.1")).isInstanceOf(BenchException.class);
    assertThatThrownBy(() -> Lab.loopback("--target", "127.0.0.1:http")).isInstanceOf(BenchException.class);
  }
}
