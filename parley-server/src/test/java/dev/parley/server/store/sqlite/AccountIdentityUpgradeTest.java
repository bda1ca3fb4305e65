package dev.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.Account;
import dev.parley.server.store.NewMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a version-3 database, whose accounts were known by name only, to accounts with
 * identities of their own: existing accounts get ids (new ones never reuse them), look-alike
 * skeletons, and their refs keep working; ownerships of accounts deleted before the upgrade go.
 */
class AccountIdentityUpgradeTest {
  @TempDir Path dir;

  @Test
  void existingAccountsGetIdsAndKeepTheirRefs() throws Exception {
    try (LegacyDatabase old = LegacyDatabase.create(dir, 3)) {
      old.account("Alice").account("bob");
      old.messages("lobby", "alice", 2, "r");
      old.messages("lobby", "guest7", 1, "r");
      old.sql("INSERT INTO room_owners VALUES('lobby', 'alice')");
      old.sql("INSERT INTO room_owners VALUES('lobby', 'zed')");
    }

    try (SqliteStore store = SqliteStore.open(dir)) {
      List<Account> accounts = store.accountStore().accounts();
      assertThat(accounts).extracting(Account::key).containsExactly("alice", "bob");
      Account alice = accounts.get(0);
      assertThat(accounts).extracting(Account::id).doesNotHaveDuplicates().allMatch(id -> id > 0);

      var retried = store.appendAll(List.of(
          new NewMessage("lobby", "Alice", "alice#" + alice.id(), "again", "r1"),
          new NewMessage("lobby", "guest7", "guest7", "again", "r0")));
      assertThat(retried).allMatch(a -> a.duplicate());
      assertThat(retried.get(0).message().id()).isEqualTo(2);
      assertThat(store.policy("lobby").owners()).containsExactly("alice");
      assertThat(store.accountStore().accountOrLookAlike("AIice")).map(Account::key).contains("alice");

      Account carol = store.accountStore().createAccount("carol", "carol", "no hash").orElseThrow();
      assertThat(carol.id()).isGreaterThan(accounts.stream().mapToLong(Account::id).max().orElseThrow());
    }
  }
}
