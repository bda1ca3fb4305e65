/**
 * What several nodes of one cluster tell each other: the {@link dev.parley.server.cluster.Broker}
 * between them (in-process for a single node, Redis pub/sub for a cluster), the events it
 * carries, and how a node puts other nodes' messages in order and fills what the broker lost.
 */
package dev.parley.server.cluster;
