package dev.parley.server.store;

import java.util.Set;

/** A room's owners and banned users, by case-folded user key. */
public record RoomPolicy(Set<String> owners, Set<String> banned) {
  public RoomPolicy {
    owners = Set.copyOf(owners);
    banned = Set.copyOf(banned);
  }
}
