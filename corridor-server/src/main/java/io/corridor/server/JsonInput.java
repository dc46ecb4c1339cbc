package io.corridor.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * A streaming reader of a request's JSON that turns every fault into a {@link Problem} naming
 * where it is (a JSON pointer such as {@code /route/coordinates/17/1}): broken syntax, bad UTF-8,
 * duplicate keys, nesting deeper than {@value #MAX_DEPTH}, and values of the wrong type. Used by
 * one thread.
 */
final class JsonInput implements AutoCloseable {
  /** Deepest nesting accepted: GeoJSON needs four levels; nothing legitimate needs more. */
  static final int MAX_DEPTH = 16;
  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH).maxNumberLength(400).maxNameLength(1024).build())
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // Jackson's own double parser: the JDK's allocates per number, and a route or a filter body
      // is mostly numbers.
      .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private final JsonParser parser;

  private JsonInput(JsonParser parser) {
    this.parser = parser;
  }

  /** Starts reading {@code body} and returns it positioned on its first token, which must be an object. */
  static JsonInput object(byte[] body) {
    JsonInput in;
    try {
      in = new JsonInput(FACTORY.createParser(body));
    } catch (IOException e) {
      throw Problem.badRequest("", "the body is not JSON: " + e.getMessage());
    }
    in.next();
    in.expect(JsonToken.START_OBJECT, "an object");
    return in;
  }

  /** Advances to the next token and returns it (null at the end of the input). */
  JsonToken next() {
    try {
      return parser.nextToken();
    } catch (StreamConstraintsException e) {
      throw Problem.badRequest(pointer(), "the JSON is too deeply nested or a value too long: "
          + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw Problem.badRequest(pointer(), "malformed JSON" + (at == null ? "" : " at line "
          + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      // Bad UTF-8 arrives as a CharConversionException, which is no JsonProcessingException.
      throw Problem.badRequest(pointer(), "malformed JSON: " + firstLine(e.getMessage()));
    }
  }

  /** Advances to the next field of the current object and returns its name, or null at its end. */
  String nextField() {
    JsonToken t = next();
    if (t == JsonToken.END_OBJECT) {
      return null;
    }
    try {
      String name = parser.currentName();
      next();
      return name;
    } catch (IOException e) {
      throw Problem.badRequest(pointer(), "malformed JSON: " + e.getMessage());
    }
  }

  /** Returns the current token. */
  JsonToken token() {
    return parser.currentToken();
  }

  /** Returns the JSON pointer of the current value. */
  String pointer() {
    return parser.getParsingContext().pathAsPointer().toString();
  }

  /** Checks the current token, naming what was expected. */
  void expect(JsonToken expected, String what) {
    if (parser.currentToken() != expected) {
      throw Problem.badRequest(pointer(), pointerName() + " must be " + what + ", not " + describe());
    }
  }

  /** Returns the current value as a number (which may be infinite, as 1e400 is). */
  double number() {
    JsonToken t = parser.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw Problem.badRequest(pointer(), pointerName() + " must be a number, not " + describe());
    }
    try {
      return parser.getDoubleValue();
    } catch (IOException e) {
      throw Problem.badRequest(pointer(), pointerName() + ": " + e.getMessage());
    }
  }

  /** Returns the current value as an integer in [min, max]; over max is a 413 when {@code limitName} is set. */
  long integer(long min, long max, String limitName) {
    JsonToken t = parser.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw Problem.badRequest(pointer(), pointerName() + " must be an integer, not " + describe());
    }
    try {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw outOfRange(min, max, limitName, parser.getText());
      }
      long v = parser.getLongValue();
      if (v < min || v > max) {
        throw outOfRange(min, max, limitName, Long.toString(v));
      }
      return v;
    } catch (IOException e) {
      throw Problem.badRequest(pointer(), pointerName() + ": " + e.getMessage());
    }
  }

  private Problem outOfRange(long min, long max, String limitName, String value) {
    String detail = pointerName() + ": " + value + " is outside [" + min + ", " + max + "]"
        + (limitName == null ? "" : " (the server's " + limitName + ")");
    return limitName != null && !value.startsWith("-") ? Problem.tooLarge(pointer(), detail)
        : Problem.badRequest(pointer(), detail);
  }

  /** Returns the current value as a string. */
  String text() {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw Problem.badRequest(pointer(), pointerName() + " must be a string, not " + describe());
    }
    try {
      return parser.getText();
    } catch (IOException e) {
      throw Problem.badRequest(pointer(), "malformed JSON: " + e.getMessage());
    }
  }

  /** Skips the current value, reading (and so checking) all of it. */
  void skipValue() {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      int depth = 1;
      while (depth > 0) {
        JsonToken n = next();
        if (n == JsonToken.START_OBJECT || n == JsonToken.START_ARRAY) {
          depth++;
        } else if (n == JsonToken.END_OBJECT || n == JsonToken.END_ARRAY) {
          depth--;
        }
      }
    }
  }

  /** Checks that nothing follows the top-level value. */
  void end() {
    if (next() != null) {
      throw Problem.badRequest("", "unexpected content after the JSON object");
    }
  }

  /** Returns a 400 for a field the API does not define. */
  Problem unknownField(String name, String known) {
    return Problem.badRequest(pointer(), "unknown field \"" + name + "\"; expected " + known);
  }

  /** Returns the field or element named in messages, such as "/radius_m". */
  String pointerName() {
    String p = pointer();
    return p.isEmpty() ? "the body" : p;
  }

  private String describe() {
    JsonToken t = parser.currentToken();
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // Nothing to release for a byte-array parser.
    }
  }
}
