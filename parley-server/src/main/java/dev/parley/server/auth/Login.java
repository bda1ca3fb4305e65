package dev.parley.server.auth;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.store.RoomInfo;
import java.util.List;
import java.util.Map;

/** The outcome of a {@code hello} or {@code register}. */
public sealed interface Login {

  /**
   * A logged-in user. A guest has no account: {@code accountId} 0, no {@code token}, no private
   * conversations. An account's {@code generation} is the one its credentials were checked
   * against; {@code directRooms} lists its private conversations, and {@code directFloors} where
   * it starts reading those that an earlier account of the same name took part in; {@code
   * readMarkers} how far it has read each room it has read. {@code bot}:
   * the account is a bot's (a guest never is).
   */
  record Accepted(
      String user,
      String key,
      long accountId,
      long generation,
      String token,
      List<RoomInfo> directRooms,
      Map<String, Long> directFloors,
      boolean bot,
      Map<String, Long> readMarkers)
      implements Login {

    public Accepted(
        String user, String key, long accountId, long generation, String token,
        List<RoomInfo> directRooms, Map<String, Long> directFloors, boolean bot) {
      this(user, key, accountId, generation, token, directRooms, directFloors, bot, Map.of());
    }

    public static Accepted guest(String user, String key) {
      return new Accepted(user, key, 0, 0, null, List.of(), Map.of(), false);
    }

    public boolean guest() {
      return accountId == 0;
    }
  }

  record Refused(ErrorCode code, String message) implements Login {}
}
