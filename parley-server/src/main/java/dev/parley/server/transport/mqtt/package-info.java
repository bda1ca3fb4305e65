/**
 * The MQTT 3.1.1 and 5 gateway: Netty's MQTT codec at the edge, then {@link
 * dev.parley.server.transport.mqtt.MqttGateway}, which turns MQTT packets into client frames and
 * the session's server frames back into MQTT packets, in front of the same {@link
 * dev.parley.server.transport.SessionHandler} every transport ends in. The rules of the protocol
 * (logins, rooms, refs, limits) stay the session's; this package only maps them. Persistent MQTT
 * sessions are kept by {@link dev.parley.server.transport.mqtt.MqttSessions}. docs/protocol.md,
 * "MQTT gateway", describes the mapping.
 */
package dev.parley.server.transport.mqtt;
