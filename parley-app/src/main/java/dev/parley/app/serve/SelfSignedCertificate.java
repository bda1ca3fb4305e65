package dev.parley.app.serve;

import dev.parley.server.ConfigException;
import dev.parley.server.store.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code --tls-self-signed}: a throwaway certificate for trying TLS out, kept in the data
 * directory ({@code tls/self-signed-cert.pem} and {@code -key.pem}) and reused while it is
 * valid, so clients that were told to trust it keep working across restarts. It names
 * localhost, this host's name and the loopback addresses. Never for production: clients
 * must be told to trust this very file.
 */
final class SelfSignedCertificate {
  static final Duration VALIDITY = Duration.ofDays(30);
  private static final Duration RENEW_BEFORE = Duration.ofDays(1);

  private SelfSignedCertificate() {}

  /** The certificate and key files, made now unless a valid pair is there. */
  static Path[] ensure(Path dataDir) {
    Path dir = dataDir.resolve("tls");
    Path cert = dir.resolve("self-signed-cert.pem");
    Path key = dir.resolve("self-signed-key.pem");
    try {
      if (Files.isRegularFile(key) && stillValid(cert)) {
        PrivateFiles.narrowFiles(key); // earlier versions wrote it with the umask's permissions
        return new Path[] {cert, key};
      }
      PrivateFiles.directory(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      Files.writeString(cert, pem(certificate(pair)));
      PrivateFiles.write(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
      return new Path[] {cert, key};
    } catch (IOException | java.security.GeneralSecurityException | OperatorCreationException e) {
      throw new ConfigException("--tls-self-signed: cannot make a certificate in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean stillValid(Path cert) throws IOException {
    if (!Files.isRegularFile(cert)) {
      return false;
    }
    try (var in = Files.newInputStream(cert)) {
      X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      x509.checkValidity(Date.from(Instant.now().plus(RENEW_BEFORE)));
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }

  private static X509Certificate certificate(KeyPair pair)
      throws OperatorCreationException, CertificateException, IOException {
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=Parley self-signed (for trying TLS only)");
    var builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, new SecureRandom()),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(VALIDITY)),
            subject,
            pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names()));
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static GeneralName[] names() {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    names.add(new GeneralName(GeneralName.iPAddress, "::1"));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!host.equals("localhost")) {
        names.add(new GeneralName(GeneralName.dNSName, host));
      }
    } catch (IOException e) {
      // no host name to add; localhost and loopback still work
    }
    return names.toArray(GeneralName[]::new);
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
