/** {@code parley desktop}: the command that checks its flags and opens the Swing chat window. */
package dev.parley.app.desktop;
