package io.corridor.core.location;

import java.util.Objects;

/**
 * A property value that is not a string, kept as its JSON text: a GeoJSON number, boolean, null,
 * array or object. Stores that know no JSON (the location index) keep it as text, and writers
 * copy it verbatim, so the value reads back and writes out in the bytes it was given.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param json the value's JSON text, as a JSON writer produced it
 */
public record JsonText(String json) {
  /** Checks that the text is present. */
  public JsonText {
    Objects.requireNonNull(json, "json");
  }

  @Override
  public String toString() {
    return json;
  }
}
