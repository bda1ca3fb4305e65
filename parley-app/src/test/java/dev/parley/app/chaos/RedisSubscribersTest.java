package dev.parley.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Picking one cluster's subscribers out of a shared Redis's CLIENT LIST. */
class RedisSubscribersTest {
  private static final String LIST = String.join("\n",
      "id=7 addr=127.0.0.1:50001 laddr=127.0.0.1:6379 fd=8 name=parley:abc:host-1a2b3c age=9 flags=P sub=1 psub=0 ssub=0 cmd=subscribe",
      "id=8 addr=127.0.0.1:50002 laddr=127.0.0.1:6379 fd=9 name=parley:abc:host-1a2b3c age=9 flags=N sub=0 psub=0 ssub=0 cmd=publish",
      "id=9 addr=127.0.0.1:50003 laddr=127.0.0.1:6379 fd=10 name=parley:other:host-4d5e6f age=9 flags=P sub=1 psub=0 ssub=0 cmd=subscribe",
      "id=10 addr=127.0.0.1:50004 laddr=127.0.0.1:6379 fd=11 name= age=9 flags=P sub=0 psub=2 ssub=0 cmd=psubscribe",
      "id=11 addr=127.0.0.1:50005 laddr=127.0.0.1:6379 fd=12 name=parley:abc:host-777777 age=1 flags=P sub=0 psub=1 ssub=0 cmd=psubscribe",
      "");

  @Test
  void onlyTheClustersSubscribedConnectionsArePicked() {
    assertThat(RedisSubscribers.subscriberIds(LIST, "parley:abc:")).containsExactly(7L, 11L);
  }

  @Test
  void aClusterWithNoConnectionsPicksNothing() {
    assertThat(RedisSubscribers.subscriberIds(LIST, "parley:none:")).isEmpty();
  }
}
