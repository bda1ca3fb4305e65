package dev.parley.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.gen.BenchException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust). */
class ClusterDatabaseTest {
  private static final String ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres";

  @TempDir Path dir;

  @Test
  void theBenchsDatabaseIsCreatedAndDroppedAtClose() {
    ClusterDatabase db = ClusterDatabase.create(ADMIN);
    try {
      assertThat(db.name()).startsWith("parley_bench_");
      assertThat(db.exists()).isTrue();
      assertThat(db.serveUrl()).isEqualTo("postgresql://postgres@127.0.0.1:5432/" + db.name());
    } finally {
      db.close();
    }
    assertThat(db.exists()).isFalse();
  }

  @Test
  void twoRunsGetDatabasesOfTheirOwn() {
    try (ClusterDatabase a = ClusterDatabase.create(ADMIN); ClusterDatabase b = ClusterDatabase.create(ADMIN)) {
      assertThat(a.name()).isNotEqualTo(b.name());
    }
  }

  @Test
  void aServerOffLoopbackOrABadUrlIsRefusedBeforeAnythingIsCreated() {
    assertThatThrownBy(() -> ClusterDatabase.create("postgresql://postgres@10.0.0.1:5432/postgres"))
        .isInstanceOf(BenchException.class).hasMessageContaining("--cluster-postgres").hasMessageContaining("loopback");
    assertThatThrownBy(() -> ClusterDatabase.create("mysql://root@127.0.0.1/x"))
        .isInstanceOf(BenchException.class).hasMessageContaining("--cluster-postgres");
  }

  @Test
  void aRedisOffLoopbackIsRefusedBeforeAnyNodeStarts() {
    ClusterNodes.Spec spec = new ClusterNodes.Spec(1, ADMIN, "redis://10.0.0.1:6379");
    assertThatThrownBy(() -> ClusterNodes.start(spec, Pinning.apply(false), List.of(), dir))
        .isInstanceOf(BenchException.class).hasMessageContaining("--cluster-redis").hasMessageContaining("loopback");
    assertThatThrownBy(() -> ClusterNodes.start(new ClusterNodes.Spec(1, ADMIN, "127.0.0.1:6379"), Pinning.apply(false), List.of(), dir))
        .isInstanceOf(BenchException.class).hasMessageContaining("--cluster-redis");
  }
}
