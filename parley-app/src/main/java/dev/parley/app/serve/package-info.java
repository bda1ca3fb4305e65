/**
 * {@code parley serve}: flags (also from {@code PARLEY_*} variables and a {@code --config} file,
 * {@link ServeDefaults}) mapped onto a {@link dev.parley.server.ServerConfig}, the checks
 * made before starting (certificate files, data directory), the one line announcing the bound
 * addresses on standard output, and the clean shutdown on SIGTERM or SIGINT.
 */
package dev.parley.app.serve;
