package dev.parley.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void theContractsFormGivesItsParts() {
    PostgresUrl url = PostgresUrl.parse("postgresql://parley@db.example.org:5433/chat");

    assertThat(url).isEqualTo(new PostgresUrl("parley", null, "db.example.org", 5433, "chat"));
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5433/chat");
  }

  @Test
  void thePortDefaultsAndAPasswordIsNeverShown() {
    PostgresUrl url = PostgresUrl.parse("postgres://parley:p%40ss@127.0.0.1/chat");

    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.toString()).isEqualTo("postgresql://parley@127.0.0.1:5432/chat");
  }

  @Test
  void anIpv6HostKeepsItsBrackets() {
    assertThat(PostgresUrl.parse("postgresql://u@[::1]:5432/d").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/d");
  }

  @Test
  void otherShapesAreRefusedWithoutShowingAPassword() {
    for (String bad : new String[] {"mysql://u@h/d", "postgresql://h:5432/d", "postgresql://u@h:5432/", "postgresql://u@h/d/e", "nonsense"}) {
      assertThatThrownBy(() -> PostgresUrl.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> PostgresUrl.parse("mysql://u:secret@h/d"))
        .hasMessageNotContaining("secret");
  }
}
