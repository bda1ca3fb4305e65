package dev.parley.server.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Who holds each user name now, by case-folded key: the connections of the name's account, or
 * one guest connection, or a registration in progress. A guest and a registration exclude each
 * other and every other guest or registration of the name, so a name is never a guest's and an
 * account's at once by a race between the two; the store has the last word on whether the name
 * is registered (a guest claims first and checks the store after). Thread-safe: each change of
 * a name's holders is one atomic step.
 */
public final class SessionRegistry {

  /** The holders of one name; replaced whole on every change. */
  private record Holders(Session guest, Session registering, List<Session> accounts) {
    static final Holders NONE = new Holders(null, null, List.of());

    boolean exclusive() {
      return guest != null || registering != null;
    }

    Holders withAccount(Session s) {
      List<Session> more = new ArrayList<>(accounts);
      more.add(s);
      return new Holders(null, registering == s ? null : registering, List.copyOf(more));
    }

    Holders without(Session s) {
      List<Session> fewer = new ArrayList<>(accounts);
      fewer.remove(s);
      return new Holders(guest == s ? null : guest, registering == s ? null : registering, List.copyOf(fewer));
    }

    Holders orNull() {
      return guest == null && registering == null && accounts.isEmpty() ? null : this;
    }
  }

  private final ConcurrentHashMap<String, Holders> byUser = new ConcurrentHashMap<>();

  /**
   * Claims a name for a guest connection; {@code false} when another guest holds it or it is
   * being registered. (The connections of an account of the name do not stop the claim: the
   * store check after it refuses the guest, with the right answer.)
   */
  boolean claimGuest(String key, Session s) {
    return claim(key, s, h -> new Holders(s, null, h.accounts()));
  }

  /** Reserves a name while it is being registered; {@code false} when a guest holds it. */
  boolean reserve(String key, Session s) {
    return claim(key, s, h -> new Holders(null, s, h.accounts()));
  }

  private boolean claim(String key, Session s, UnaryOperator<Holders> take) {
    boolean[] claimed = {false};
    byUser.compute(key, (k, h) -> {
      Holders now = h == null ? Holders.NONE : h;
      if (now.guest() == s || now.registering() == s) {
        claimed[0] = true;
        return now;
      }
      if (now.exclusive()) {
        return h;
      }
      claimed[0] = true;
      return take.apply(now);
    });
    return claimed[0];
  }

  /**
   * Adds a connection of the name's account (ending any reservation it held) and returns the
   * guest that held the name, if any: the account was made elsewhere, so that guest must go.
   */
  Session addAccount(String key, Session s) {
    Session[] guest = {null};
    byUser.compute(key, (k, h) -> {
      Holders now = h == null ? Holders.NONE : h;
      guest[0] = now.guest();
      return now.withAccount(s);
    });
    return guest[0];
  }

  /** Removes a connection from whatever it holds of the name. */
  void remove(String key, Session s) {
    byUser.computeIfPresent(key, (k, h) -> h.without(s).orNull());
  }

  /** The guest connection that holds a name, if any. */
  Session guest(String key) {
    Holders h = byUser.get(key);
    return h == null ? null : h.guest();
  }

  /**
   * The connections here of the two accounts of a private conversation (for a message in it
   * stored on another node of the cluster).
   */
  public List<Session> directParticipants(String room) {
    List<Session> here = new ArrayList<>();
    for (String key : dev.parley.protocol.Names.participants(room)) {
      here.addAll(accountConnections(key));
    }
    return here;
  }

  /** The connections of a name's account(s) now. */
  private List<Session> accountConnections(String key) {
    Holders h = byUser.get(key);
    return h == null ? List.of() : h.accounts();
  }

  /** The connections of one account now, by its identity ({@code key#id}). */
  public List<Session> connectionsOf(String identity) {
    int hash = identity.lastIndexOf('#');
    return hash < 0 ? List.of() : matching(identity.substring(0, hash), s -> identity.equals(s.identity()));
  }

  /** The connections of one account now. */
  List<Session> accountConnections(String key, long accountId) {
    return matching(key, s -> s.accountId() == accountId);
  }

  /** The connections of a name's accounts that match. */
  List<Session> matching(String key, Predicate<Session> test) {
    return accountConnections(key).stream().filter(test).toList();
  }
}
