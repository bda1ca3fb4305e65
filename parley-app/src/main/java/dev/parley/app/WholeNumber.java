package dev.parley.app;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for numeric flags whose complaint reads well after the flag's name ("'abc' is not
 * a whole number"), where picocli's own says "is not an int". Ranges are checked by {@code
 * ServerConfig}, which knows what each value means.
 */
final class WholeNumber {
  private WholeNumber() {}

  static final class IntConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long n = parse(value);
      if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
        throw new TypeConversionException("'" + value + "' is too large");
      }
      return (int) n;
    }
  }

  static final class LongConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parse(value);
    }
  }

  private static long parse(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
  }
}
