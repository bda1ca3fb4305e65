package dev.parley.desktop.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is in a room: those connected now (from {@code joined}, {@code who} and {@code presence}),
 * and those seen in it during this session who have left since, shown as away. Names are one
 * name without regard to case.
 */
public final class Members {
  /** A member and whether they are in the room now. */
  public record Member(String name, boolean online) {}

  private final Map<String, Member> byKey = new TreeMap<>();

  /** The server's list of who is here now: everyone else seen before is away. */
  public void reset(List<String> present) {
    byKey.replaceAll((k, m) -> new Member(m.name(), false));
    present.forEach(name -> byKey.put(key(name), new Member(name, true)));
  }

  public void joined(String name) {
    byKey.put(key(name), new Member(name, true));
  }

  public void left(String name) {
    byKey.computeIfPresent(key(name), (k, m) -> new Member(m.name(), false));
  }

  public boolean isOnline(String name) {
    Member m = byKey.get(key(name));
    return m != null && m.online();
  }

  /** Those here first, then those away; each part by name. */
  public List<Member> list() {
    List<Member> all = new ArrayList<>(byKey.values());
    all.sort(Comparator.comparing((Member m) -> !m.online()).thenComparing(m -> key(m.name())));
    return all;
  }

  public int onlineCount() {
    return (int) byKey.values().stream().filter(Member::online).count();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
