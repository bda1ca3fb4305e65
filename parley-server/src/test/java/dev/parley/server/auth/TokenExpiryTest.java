package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens expire after 30 days; a token login before then keeps the same token. */
class TokenExpiryTest {
  @TempDir Path dir;

  @Test
  void aTokenWorksForThirtyDaysAndThenNoMore() {
    LoginThrottleTest.ManualClock clock = new LoginThrottleTest.ManualClock();
    try (SqliteStore store = SqliteStore.open(dir)) {
      Authenticator auth = new Authenticator(store.accountStore(), store, new PasswordHasher(1024, 1, 1), true, clock);
      Login.Accepted registered =
          (Login.Accepted) auth.register(new ClientFrame.Register("ann", "correct horse", null), "127.0.0.1");

      clock.millis += Duration.ofDays(29).toMillis();
      Login again = auth.hello(new ClientFrame.Hello(null, null, registered.token(), null), "h");
      assertThat(again).isInstanceOfSatisfying(Login.Accepted.class,
          ok -> assertThat(ok.token()).isEqualTo(registered.token()));

      clock.millis += Duration.ofDays(2).toMillis();
      Login expired = auth.hello(new ClientFrame.Hello(null, null, registered.token(), null), "h");
      assertThat(expired).isInstanceOfSatisfying(Login.Refused.class,
          r -> assertThat(r.code()).isEqualTo(ErrorCode.AUTH_FAILED));
    }
  }
}
