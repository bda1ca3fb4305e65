package dev.parley.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation. Jackson's parser accepts some ill-formed sequences (overlong forms
 * such as {@code C0 AF} for {@code /}, encoded surrogates), which would let a client smuggle
 * characters past checks; the JDK's decoder refuses them all. ASCII-only input skips the check.
 * Strings parsed from JSON get {@link #isEncodable}, since an escape can still make a surrogate.
 */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] bytes, int offset, int length) {
    if (isAscii(bytes, offset, length)) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Whether {@code s} can be written as UTF-8: it has no unpaired surrogate. JSON can carry one
   * (a lone {@code \\uD800} escape), but no encoder can write it back faithfully.
   */
  static boolean isEncodable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
