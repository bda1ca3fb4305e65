package dev.parley.bench.run;

import java.nio.file.Path;

/**
 * The configuration the bench gives InspIRCd: one loopback listener, and every limit that
 * would throttle a generator with many connections from a few addresses lifted (clones per
 * address, flood penalties and fakelag, send and receive queues), no DNS or ident look-ups,
 * pings rare. Every channel is in auditorium mode (+u, the {@code auditorium} module), so
 * that filling a room of N does not send N² JOIN lines (Parley's bench logs every connection
 * in as one user for the same reason; messages still reach every member), and
 * {@code echo-message} is offered so that a sender gets its own message back, as elsewhere.
 */
public final class InspircdConfig {
  /** Bytes a client's queue may hold: far above any backlog of a bench step. */
  static final String QUEUE = "8388608";
  static final String UNLIMITED = "1000000";

  private InspircdConfig() {}

  /** The configuration file's text for a listener at {@code host:port}, logging to {@code log}. */
  public static String text(String host, int port, Path log) {
    return String.join("\n",
        "# Written by parley bench: a reference for fan-out, not a server for people.",
        "<server name=\"bench.parley.local\" description=\"parley bench reference\" network=\"ParleyBench\">",
        "<admin name=\"parley bench\" nick=\"bench\" email=\"bench@localhost\">",
        "<bind address=\"" + host + "\" port=\"" + port + "\" type=\"clients\">",
        "<connect name=\"bench\" allow=\"*\" maxchans=\"20\" timeout=\"120\" pingfreq=\"3600\""
            + " hardsendq=\"" + QUEUE + "\" softsendq=\"" + QUEUE + "\" recvq=\"" + QUEUE + "\""
            + " threshold=\"" + UNLIMITED + "\" commandrate=\"4000000000\" fakelag=\"off\""
            + " localmax=\"" + UNLIMITED + "\" globalmax=\"" + UNLIMITED + "\" limit=\"" + UNLIMITED + "\""
            + " maxconnwarn=\"off\" resolvehostnames=\"no\" useident=\"no\">",
        "<performance somaxconn=\"4096\" netbuffersize=\"65536\">",
        "<options defaultmodes=\"ntu\" syntaxhints=\"no\" announcets=\"no\">",
        "<security announceinvites=\"none\" hideserver=\"\">",
        "<channels users=\"20\" opers=\"60\">",
        "<module name=\"cap\">",
        "<module name=\"ircv3_echomessage\">",
        "<module name=\"auditorium\">",
        "<auditorium opvisible=\"no\" opcansee=\"no\" opercansee=\"no\">",
        "<log method=\"file\" type=\"* -USERINPUT -USEROUTPUT\" level=\"sparse\" target=\"" + log + "\">",
        "");
  }
}
