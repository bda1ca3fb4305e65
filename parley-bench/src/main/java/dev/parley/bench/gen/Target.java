package dev.parley.bench.gen;

/**
 * One system under measurement, as the generator reaches it.
 *
 * @param system what answers: Parley, the floor server, the MQTT broker or the IRC daemon
 * @param transport TCP (lines, or MQTT packets) or WebSocket text frames at {@code /ws}
 * @param host a loopback address
 * @param port the TCP port, or the HTTP port for WebSocket
 */
public record Target(System system, Transport transport, String host, int port) {

  public enum System {
    PARLEY("parley"),
    FLOOR("floor"),
    MOSQUITTO("mosquitto"),
    INSPIRCD("inspircd");

    public final String label;

    System(String label) {
      this.label = label;
    }
  }

  public enum Transport {
    TCP("tcp"),
    WS("ws");

    public final String label;

    Transport(String label) {
      this.label = label;
    }
  }

  /** {@code parley tcp}, {@code floor ws}, {@code mosquitto}, {@code inspircd}: how reports name it. */
  public String label() {
    return isReference() ? system.label : system.label + " " + transport.label;
  }

  /** Mosquitto or InspIRCd: a server in C that speaks its own protocol over TCP only. */
  public boolean isReference() {
    return system == System.MOSQUITTO || system == System.INSPIRCD;
  }
}
