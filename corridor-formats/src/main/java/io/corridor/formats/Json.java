package io.corridor.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson configuration of the readers and writers, and the wording of JSON errors. */
final class Json {
  /** A thread-safe mapper; its factory makes the streaming parsers and generators. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Returns "line L, column C: malformed JSON: why" for a parse failure. */
  static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 0
        ? ""
        : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    String why = firstLine(e.getOriginalMessage());
    // Jackson names the source inside the start-marker location; the caller names it already.
    why = why.replaceAll("\\[Source: [^;\\]]*; ", "[");
    return where + "malformed JSON: " + why;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
