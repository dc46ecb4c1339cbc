package io.corridor.formats;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Single JSON values as text, with the one Jackson configuration of the readers and writers: a
 * GeoJSON property's number, boolean, null, array or object that is stored as text (in an index
 * snapshot) reads back as the value the GeoJSON reader gave, so that {@link MatchWriter} writes it
 * in the same bytes.
 */
public final class JsonValues {
  private JsonValues() {}

  /** Returns {@code value} (a string, number, boolean, null, list or map) as JSON text. */
  public static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON value: " + value, e);
    }
  }

  /** Returns the value of JSON text written by {@link #write}, typed as the GeoJSON reader types it. */
  public static Object read(String json) {
    try {
      return Json.MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON text: " + json, e);
    }
  }
}
