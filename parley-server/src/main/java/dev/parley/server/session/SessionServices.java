package dev.parley.server.session;

import dev.parley.server.cluster.GuestNames;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.ServerConfig;
import dev.parley.server.auth.Authenticator;
import dev.parley.server.auth.RegistrationThrottle;
import dev.parley.server.auth.UserDirectory;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.room.RoomHub;
import java.util.concurrent.ExecutorService;

/**
 * What every session shares: the codec, the hub, the authenticator and the bounded auth pool
 * it runs on, the registry of connections, what follows changes of accounts, and the
 * per-connection limits. Registrations hash on a pool of their own and are throttled per
 * address, so creating accounts in bulk cannot hold up anyone's login.
 */
public record SessionServices(
    FrameCodec codec,
    RoomHub hub,
    Authenticator authenticator,
    UserDirectory users,
    ExecutorService authPool,
    SessionRegistry registry,
    int heartbeatSeconds,
    int ratePerSecond,
    int errorBudget,
    ServerMetrics metrics,
    AddressLimit addresses,
    int maxRoomsPerConnection,
    AccountChanges accountChanges,
    ExecutorService registrationPool,
    RegistrationThrottle registrations,
    GuestNames guestNames) {

  public static final String SERVER_NAME = "parley/" + ServerConfig.VERSION;
  public static final int PROTOCOL = 1;
}
