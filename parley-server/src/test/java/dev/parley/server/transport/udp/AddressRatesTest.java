package dev.parley.server.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.transport.udp.AddressRates.Verdict;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-address limit, on a clock of its own. */
class AddressRatesTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private static InetAddress address(int last) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
  }

  @Test
  void aBurstOfTwiceTheRateThenOneWarningThenSilenceUntilItRecovers() throws Exception {
    AddressRates rates = new AddressRates(2, 100, 0);
    InetAddress a = address(1);
    for (int i = 0; i < 4; i++) {
      assertThat(rates.admit(a, 0)).isEqualTo(Verdict.PASS);
    }
    assertThat(rates.admit(a, 0)).isEqualTo(Verdict.WARN);
    assertThat(rates.admit(a, 0)).isEqualTo(Verdict.DROP);
    assertThat(rates.admit(a, SECOND / 4)).isEqualTo(Verdict.DROP);
    assertThat(rates.admit(address(2), 0)).as("another address").isEqualTo(Verdict.PASS);

    assertThat(rates.admit(a, SECOND)).isEqualTo(Verdict.PASS); // refilled at 2 a second
    assertThat(rates.admit(a, SECOND)).isEqualTo(Verdict.PASS);
    assertThat(rates.admit(a, SECOND)).isEqualTo(Verdict.WARN); // warned again: it had recovered
  }

  @Test
  void idleAddressesAreSweptAndBusyOnesKeepNewOnesOut() throws Exception {
    AddressRates rates = new AddressRates(2, 3, 0);
    for (int i = 1; i <= 3; i++) {
      rates.admit(address(i), 0);
    }
    assertThat(rates.admit(address(4), SECOND)).as("all three busy a second ago").isEqualTo(Verdict.DROP);
    assertThat(rates.size()).isEqualTo(3);

    // Swept at most once per refill time (2.1 s): the three are full by then, so they go.
    assertThat(rates.admit(address(4), 2 * SECOND)).isEqualTo(Verdict.DROP);
    assertThat(rates.admit(address(4), 4 * SECOND)).isEqualTo(Verdict.PASS);
    assertThat(rates.size()).isEqualTo(1);
  }
}
