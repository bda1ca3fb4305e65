package dev.parley.desktop.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the desktop client remembers between runs. Immutable; change a copy with the
 * {@code with…} methods.
 *
 * @param servers server addresses used before (each {@code HOST:PORT}, or several separated by
 *     commas), the last used first
 * @param user the name last logged in with
 * @param token the login token of {@code user} on {@code tokenServer}, or {@code null}; the
 *     password itself is never kept
 * @param tokenServer the server address the token belongs to
 * @param rooms the rooms {@code user} had open, rejoined at the next start
 * @param theme the look
 */
public record Settings(List<String> servers, String user, String token, String tokenServer,
    List<String> rooms, ThemeChoice theme) {
  /** How many server addresses are remembered. */
  public static final int MAX_SERVERS = 8;

  public Settings {
    servers = List.copyOf(servers);
    rooms = List.copyOf(rooms);
    Objects.requireNonNull(theme, "theme");
  }

  public static Settings empty() {
    return new Settings(List.of(), null, null, null, List.of(), ThemeChoice.SYSTEM);
  }

  /** {@code server} moved (or added) to the front of the list. */
  public Settings withServerUsed(String server) {
    List<String> list = new ArrayList<>(servers);
    list.remove(server);
    list.add(0, server);
    return new Settings(list.subList(0, Math.min(list.size(), MAX_SERVERS)), user, token, tokenServer, rooms, theme);
  }

  /** Logged in as {@code user} on {@code server}; {@code token} is null for a guest (nothing to keep). */
  public Settings withLogin(String user, String server, String token) {
    List<String> keptRooms = user.equalsIgnoreCase(String.valueOf(this.user)) ? rooms : List.of();
    return new Settings(servers, user, token, token == null ? null : server, keptRooms, theme)
        .withServerUsed(server);
  }

  /** Logged out: the token is forgotten. */
  public Settings withoutToken() {
    return new Settings(servers, user, null, null, rooms, theme);
  }

  public Settings withRooms(List<String> open) {
    return new Settings(servers, user, token, tokenServer, open, theme);
  }

  public Settings withTheme(ThemeChoice choice) {
    return new Settings(servers, user, token, tokenServer, rooms, choice);
  }

  /** The token to log in with on {@code server}, or {@code null} when there is none for it. */
  public String tokenFor(String server) {
    return token != null && server.equals(tokenServer) ? token : null;
  }
}
