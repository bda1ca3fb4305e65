package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link AccountStore} promises, with the {@link MessageStore} of the same backend
 * (accounts and private conversations meet there); subclassed once per backend.
 */
public abstract class AccountStoreContract {
  @TempDir protected Path dir;
  protected AccountStore accounts;
  protected MessageStore messages;

  /** A backend's two stores over one database. */
  public record Stores(AccountStore accounts, MessageStore messages) {}

  protected abstract Stores open(Path dir);

  @BeforeEach
  void openStores() {
    Stores stores = open(dir);
    accounts = stores.accounts();
    messages = stores.messages();
  }

  @AfterEach
  void closeStores() {
    messages.close();
  }

  private Account create(String name) {
    return accounts.createAccount(name, name.toLowerCase(), "hash of " + name).orElseThrow();
  }

  @Test
  void aBotAccountIsReadBackAsABotEveryWay() {
    Account bot = accounts.createAccount("Echo", "echo", "hash of Echo", true).orElseThrow();
    Account person = create("Dave");
    accounts.saveToken("t1", "echo", Long.MAX_VALUE);

    assertThat(bot.bot()).isTrue();
    assertThat(person.bot()).isFalse();
    assertThat(accounts.account("echo")).contains(bot);
    assertThat(accounts.tokenAccount("t1", 0)).contains(bot);
    assertThat(accounts.accounts()).extracting(Account::bot).containsExactly(false, true); // dave, echo
  }

  @Test
  void aNameIsOneAccountAndIdsAreNeverGivenAgain() {
    Account first = create("Carol");
    assertThat(accounts.createAccount("carol", "carol", "other")).isEmpty();
    assertThat(accounts.deleteAccount("carol")).isTrue();
    assertThat(accounts.deleteAccount("carol")).isFalse();

    Account second = create("carol");

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(accounts.account("carol")).contains(second);
  }

  @Test
  void everyChangeIsLoggedInOrder() {
    long before = accounts.lastEventSeq();
    Account ann = create("ann");
    accounts.changePassword("ann", "new hash");
    accounts.deleteAccount("ann");
    accounts.changePassword("ann", "nobody");

    List<AccountEvent> log = accounts.eventsAfter(before, 10);

    assertThat(log).extracting(AccountEvent::kind).containsExactly(
        AccountEvent.Kind.CREATED, AccountEvent.Kind.PASSWORD_CHANGED, AccountEvent.Kind.DELETED);
    assertThat(log).extracting(AccountEvent::accountId).containsOnly(ann.id());
    assertThat(log).extracting(AccountEvent::generation).containsExactly(0L, 1L, 1L);
    assertThat(accounts.lastEventSeq()).isEqualTo(log.get(2).seq());
    assertThat(accounts.eventsAfter(log.get(0).seq(), 1)).containsExactly(log.get(1));
  }

  @Test
  void aPasswordChangeMovesTheGenerationOnAndRevokesEveryToken() {
    create("ann");
    accounts.saveToken("t1", "ann", Long.MAX_VALUE);
    accounts.saveToken("t2", "ann", Long.MAX_VALUE);

    assertThat(accounts.changePassword("ann", "new hash")).isTrue();

    assertThat(accounts.account("ann")).hasValueSatisfying(a -> {
      assertThat(a.generation()).isEqualTo(1);
      assertThat(a.passwordHash()).isEqualTo("new hash");
    });
    assertThat(accounts.tokenAccount("t1", 0)).isEmpty();
    assertThat(accounts.tokenAccount("t2", 0)).isEmpty();
  }

  @Test
  void aLaterAccountOfANameReadsItsConversationsOnlyFromItsOwnStart() {
    create("bob");
    create("carol");
    messages.appendAll(List.of(
        new NewMessage("dm:bob:carol", "bob", "bob#1", "old", null),
        new NewMessage("dm:bob:carol", "bob", "bob#1", "older", null)));
    assertThat(messages.directFloors("carol")).isEmpty();
    accounts.deleteAccount("carol");

    create("carol");

    assertThat(messages.directFloors("carol")).isEqualTo(Map.of("dm:bob:carol", 2L));
    assertThat(messages.directFloors("bob")).isEmpty();
    assertThat(messages.directRooms("carol")).isEmpty();
    assertThat(messages.directRooms("bob")).containsExactly(new RoomInfo("dm:bob:carol", 2));
    messages.appendAll(List.of(new NewMessage("dm:bob:carol", "bob", "bob#1", "new", null)));
    assertThat(messages.directRooms("carol")).containsExactly(new RoomInfo("dm:bob:carol", 3));
  }

  @Test
  void aDeletedAccountsOwnershipsGoWithIt() {
    create("ann");
    messages.addOwner("lobby", "ann");
    messages.addOwner("lobby", "bob");

    accounts.deleteAccount("ann");

    assertThat(messages.policy("lobby").owners()).containsExactly("bob");
  }

  @Test
  void lookAlikesOfARegisteredNameAreFound() {
    create("alice");
    assertThat(accounts.accountOrLookAlike("alice.")).map(Account::key).contains("alice");
    assertThat(accounts.accountOrLookAlike("ALICE")).map(Account::key).contains("alice");
    assertThat(accounts.accountOrLookAlike("alicia")).isEmpty();
  }
}
