package dev.parley.server.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublishRefsTest {
  private static final byte[] HI = "hi".getBytes(StandardCharsets.UTF_8);

  @Test
  void aResendGetsTheSameRefWithinTheProtocolsLimit() {
    String ref = PublishRefs.ref("alice\nphone", 7, null, "1001", HI);

    assertThat(PublishRefs.ref("alice\nphone", 7, null, "1001", HI)).isEqualTo(ref);
    assertThat(ref).startsWith("mqtt-").hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void everyPartOfThePublishMakesADifferentRef() {
    String ref = PublishRefs.ref("alice\nphone", 7, null, "1001", HI);

    assertThat(PublishRefs.ref("alice\nlaptop", 7, null, "1001", HI)).isNotEqualTo(ref);
    assertThat(PublishRefs.ref("alice\nphone", 8, null, "1001", HI)).isNotEqualTo(ref);
    assertThat(PublishRefs.ref("alice\nphone", 7, ref, "1001", HI)).as("the packet id reused").isNotEqualTo(ref);
    assertThat(PublishRefs.ref("alice\nphone", 7, null, "1002", HI)).isNotEqualTo(ref);
    assertThat(PublishRefs.ref("alice\nphone", 7, null, "1001", "ho".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(ref);
  }
}
