/**
 * The {@code parley} command line: the picocli entry point, its version, and the two error
 * handlers that turn a bad flag (exit 2) or a failed start (exit 1) into one line on standard
 * error. Each subcommand lives in its own package.
 */
package dev.parley.app;
