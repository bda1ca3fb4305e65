/**
 * The HTTP API for bots and scripts ({@code /api/v1/}): a request with a bearer token instead of
 * a connection, answered once in JSON. The requests go to the same core as UDP's ({@link
 * dev.parley.server.session.ScriptRequests}); this package only maps URLs, bodies and answers
 * to and from HTTP.
 */
package dev.parley.server.transport.http.api;
