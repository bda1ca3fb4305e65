package dev.parley.server.auth;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.store.RoomInfo;
import java.util.List;

/** The outcome of a {@code hello} or {@code register}. */
public sealed interface Login {

  /**
   * A logged-in user. {@code token} is {@code null} for guests; {@code directRooms} lists the
   * user's private conversations.
   */
  record Accepted(String user, String key, boolean guest, String token, List<RoomInfo> directRooms)
      implements Login {}

  record Refused(ErrorCode code, String message) implements Login {}
}
