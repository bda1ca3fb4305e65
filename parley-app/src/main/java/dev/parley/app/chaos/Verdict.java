package dev.parley.app.chaos;

import java.util.List;

/**
 * What a chaos run found. It passes when something was acknowledged, every send started was
 * acknowledged, nothing was lost, duplicated, out of order or skipped at any member, and the
 * store holds every acknowledged message exactly once.
 *
 * @param faults what was done to the server, when, as the run saw it
 * @param delivered messages delivered, summed over members
 * @param expected acknowledged messages times the members of their rooms
 * @param lost acknowledged messages missing at some member (counted per member)
 * @param duplicated a member delivered the same id twice, or two sends acknowledged with one id
 * @param outOfOrder a member delivered an id below one it had already had
 * @param gaps ids missing at a member below the highest id it has
 * @param nodes servers: 1, or the nodes of a cluster
 * @param kills SIGKILLs done
 * @param subscriberDrops times the cluster's Redis subscribers were dropped
 * @param subscribersDropped subscribed connections killed over all those times
 * @param reconnects the clients' logins after their first, to any node
 * @param maxCatchUpSeconds the longest from a message's ack (or first delivery) to its last delivery
 * @param slowestAckSeconds the longest a send waited for its ack
 */
record Verdict(
    int clients,
    int rooms,
    int membersPerRoomMin,
    int membersPerRoomMax,
    List<String> faults,
    long started,
    long acked,
    long failed,
    long neverAcked,
    long delivered,
    long expected,
    long lost,
    long duplicated,
    long outOfOrder,
    long gaps,
    StoreAudit.Result store,
    List<ServerSample> samples,
    boolean heapAfterForcedGc,
    double seconds,
    int nodes,
    long kills,
    long subscriberDrops,
    long subscribersDropped,
    long reconnects,
    double maxCatchUpSeconds,
    double slowestAckSeconds) {

  boolean passed() {
    return acked > 0 && failed == 0 && neverAcked == 0 && acked == started
        && lost == 0 && duplicated == 0 && outOfOrder == 0 && gaps == 0
        && store != null && store.clean() && store.stored() == acked;
  }
}
