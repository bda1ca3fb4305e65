package dev.parley.server.transport.mqtt;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ErrorCode;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/** The protocol's error codes and bye reasons in MQTT's terms, for 3.1.1 and 5. */
final class MqttReasons {
  static final byte SUCCESS = 0x00;
  static final byte UNSPECIFIED = (byte) 0x80;
  static final byte MALFORMED_PACKET = (byte) 0x81;
  static final byte PROTOCOL_ERROR = (byte) 0x82;
  static final byte IMPLEMENTATION_SPECIFIC = (byte) 0x83;
  static final byte NOT_AUTHORIZED = (byte) 0x87;
  static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
  static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
  static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
  static final byte TOPIC_NAME_INVALID = (byte) 0x90;
  static final byte PACKET_TOO_LARGE = (byte) 0x95;
  static final byte MESSAGE_RATE_TOO_HIGH = (byte) 0x96;
  static final byte QUOTA_EXCEEDED = (byte) 0x97;
  static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;
  static final byte RETAIN_NOT_SUPPORTED = (byte) 0x9A;
  static final short NO_SUBSCRIPTION_EXISTED = 0x11;
  /** SUBACK failure: 3.1.1's one code, and MQTT 5's more precise ones. */
  static final int SUBACK_FAILURE = 0x80;
  static final int TOPIC_FILTER_INVALID = 0x8F;
  static final int SHARED_NOT_SUPPORTED = 0x9E;
  static final int WILDCARDS_NOT_SUPPORTED = 0xA2;

  private MqttReasons() {}

  /** CONNACK's refusal of a login the session refused. */
  static MqttConnectReturnCode connect(int version, ErrorCode code) {
    boolean v5 = version == MqttPackets.V5;
    return switch (code) {
      case AUTH_FAILED, INVALID_NAME -> v5
          ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
          : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
      case NAME_TAKEN, FORBIDDEN -> v5
          ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
          : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
      case RATE_LIMITED -> v5
          ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
          : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
      default -> v5
          ? MqttConnectReturnCode.CONNECTION_REFUSED_UNSPECIFIED_ERROR
          : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    };
  }

  /** MQTT 5's PUBACK/PUBREC reason code for a PUBLISH the session refused. */
  static byte publish(ErrorCode code) {
    return switch (code) {
      case INVALID_NAME -> TOPIC_NAME_INVALID;
      case FORBIDDEN, NOT_IN_ROOM -> NOT_AUTHORIZED;
      case RATE_LIMITED -> QUOTA_EXCEEDED;
      case BAD_REQUEST -> PAYLOAD_FORMAT_INVALID;
      case TOO_LARGE -> (byte) 0x95;
      default -> UNSPECIFIED;
    };
  }

  /** MQTT 5's SUBACK reason code for a SUBSCRIBE whose join the session refused. */
  static int subscribe(ErrorCode code) {
    return switch (code) {
      case FORBIDDEN -> NOT_AUTHORIZED & 0xFF;
      case INVALID_NAME -> TOPIC_FILTER_INVALID;
      case RATE_LIMITED -> QUOTA_EXCEEDED & 0xFF;
      default -> SUBACK_FAILURE;
    };
  }

  /** MQTT 5's DISCONNECT reason code for the session's {@code bye}. */
  static byte disconnect(ByeReason reason) {
    return switch (reason) {
      case SHUTDOWN -> SERVER_SHUTTING_DOWN;
      case IDLE -> KEEP_ALIVE_TIMEOUT;
      case SLOW_CONSUMER -> QUOTA_EXCEEDED;
      case TOO_MANY_ERRORS -> IMPLEMENTATION_SPECIFIC;
      default -> NOT_AUTHORIZED;
    };
  }
}
