package dev.parley.desktop;

import dev.parley.desktop.settings.ThemeChoice;
import java.nio.file.Path;

/**
 * How {@code ./parley desktop} was started.
 *
 * @param server the server address to offer ({@code HOST:PORT}, several separated by commas),
 *     or {@code null} for the last one used
 * @param tls whether {@code HOST:PORT} entries speak TLS
 * @param trustedCertificate a PEM certificate to trust (a self-signed server), or {@code null}
 * @param user the name to offer at login, or {@code null} for the last one used
 * @param theme the look, or {@code null} for the one chosen last time
 * @param configDirectory where the settings live
 */
public record DesktopLaunch(String server, boolean tls, Path trustedCertificate, String user,
    ThemeChoice theme, Path configDirectory) {}
