package dev.parley.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String TEXT = """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000.0
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 500.0
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 7.0
      process_files_open_files 41.0
      process_files_open_files_extra 9.0
      """;

  @Test
  void sumsTheSamplesWhoseLabelsMatch() {
    assertThat(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(1500.0);
    assertThat(PrometheusText.sum(TEXT, "process_files_open_files", "")).isEqualTo(41.0);
    assertThat(PrometheusText.sum(TEXT, "jvm_threads_live_threads", "")).isEqualTo(-1.0);
  }
}
