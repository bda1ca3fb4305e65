package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A thin, fluent face over Jackson's generator for writing one frame's fields. It leaves out
 * {@code null} values, and turns the generator's {@link IOException} (which cannot happen when
 * writing to memory) into an unchecked one.
 */
public final class FrameWriter {
  private final JsonGenerator json;

  FrameWriter(JsonGenerator json) {
    this.json = json;
  }

  /** Writes the fields of one element of an array of objects. */
  public interface ElementWriter<T> {
    void write(FrameWriter out, T element);
  }

  public FrameWriter string(String name, String value) {
    if (value != null) {
      run(() -> json.writeStringField(name, value));
    }
    return this;
  }

  public FrameWriter number(String name, long value) {
    run(() -> json.writeNumberField(name, value));
    return this;
  }

  public FrameWriter bool(String name, boolean value) {
    run(() -> json.writeBooleanField(name, value));
    return this;
  }

  public FrameWriter strings(String name, List<String> values) {
    run(
        () -> {
          json.writeArrayFieldStart(name);
          for (String v : values) {
            json.writeString(v);
          }
          json.writeEndArray();
        });
    return this;
  }

  public <T> FrameWriter array(String name, List<T> elements, ElementWriter<T> writer) {
    run(
        () -> {
          json.writeArrayFieldStart(name);
          for (T e : elements) {
            json.writeStartObject();
            writer.write(this, e);
            json.writeEndObject();
          }
          json.writeEndArray();
        });
    return this;
  }

  /** Writes another frame's fields into the current object. */
  public FrameWriter fields(ServerFrame frame) {
    frame.writeFields(this);
    return this;
  }

  private interface JsonWrite {
    void run() throws IOException;
  }

  private static void run(JsonWrite write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
