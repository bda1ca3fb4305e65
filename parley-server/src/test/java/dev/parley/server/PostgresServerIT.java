package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.store.postgres.PostgresDatabase;
import dev.parley.server.store.sqlite.SqliteStore;
import dev.parley.testkit.WireClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server on PostgreSQL ({@code --postgres}) keeps the protocol's promises over TCP: accounts,
 * tokens, ids, refs and history live in the database, so they survive a restart, and nothing
 * goes to the data directory.
 */
class PostgresServerIT extends ServerFixture {
  @RegisterExtension final PostgresDatabase database = new PostgresDatabase();

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withPostgres(database.get().url()).withRatePerSecond(UNLIMITED);
  }

  @Test
  void historyTokensAndRefsSurviveARestartOnTheSameDatabase() {
    WireClient alice = register("alice");
    String token = tokenOf(alice);
    WireClient bob = guest("bob");
    join(alice, "lobby");
    join(bob, "lobby");
    alice.expect("presence");
    List<JsonNode> acks = seed(alice, "lobby", 3);
    assertThat(ids(expectMsgs(bob, 3))).containsExactly(1L, 2L, 3L);

    restart();

    WireClient back = resume(token);
    assertThat(join(back, "lobby", 1).path("last").asLong()).isEqualTo(3);
    assertThat(takeMsgs(back, 2)).extracting(m -> m.path("text").asText()).containsExactly("lobby 2", "lobby 3");
    // A ref stored before the restart: the original ack, and no second msg.
    back.sendFrame("type", "send", "room", "lobby", "text", "lobby 1", "ref", refOf(acks.get(0)));
    JsonNode again = back.expect("ack");
    assertThat(again.path("id").asLong()).isEqualTo(1);
    assertThat(again.path("ts").asLong()).isEqualTo(acks.get(0).path("ts").asLong());
    assertThat(say(back, "lobby", "after").path("id").asLong()).isEqualTo(4);
    back.assertNoMoreFrames();
    assertThat(dataDir.resolve(SqliteStore.FILE_NAME)).doesNotExist();
  }

  @Test
  void anAccountAddedByAnOperatorOnTheDatabaseCanLogIn() {
    operatorAdds("Carol");

    WireClient carol = logIn("Carol");
    assertThat(welcomeOf(carol).path("user").asText()).isEqualTo("Carol");
    WireClient impostor = connect();
    impostor.sendFrame("type", "register", "user", "carol", "password", PASSWORD);
    impostor.expectError("user_exists");
  }
}
