/** The JSON-lines TCP transport: TLS if configured, a line framer with a limit, the codec. */
package dev.parley.server.transport.tcp;
