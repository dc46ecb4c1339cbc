package io.corridor.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.corridor.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The one Jackson configuration of the readers and writers, and the wording of JSON errors.
 *
 * <p>Reading is strict JSON: a key repeated in one object is refused (rather than the last one
 * silently winning), content after the document is refused, and NaN, infinities, hexadecimal
 * numbers and comments are not JSON, so they are refused too (Jackson's defaults).
 */
final class Json {
  /** A thread-safe mapper; its factory makes the streaming parsers and generators. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Reads one whole document as a tree, refusing anything after it. */
  static final ObjectReader DOCUMENT = MAPPER.readerFor(JsonNode.class)
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Jackson's advice to its own users, such as ": enable `JsonReadFeature.X` to allow". */
  private static final Pattern ADVICE = Pattern.compile(":? ?(enable|disable) `[^`]*`( to allow)?");
  /** The setting behind one of Jackson's limits, such as "(1000, from `StreamReadConstraints.x()`)". */
  private static final Pattern LIMIT_SOURCE = Pattern.compile("(\\d+), from `[^`]*`\\)");
  /** Any other name of Jackson's own classes. */
  private static final Pattern INTERNAL = Pattern.compile(" ?\\(?[a-z ]*`[^`]*`\\)?");

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
    if (why.startsWith("Trailing token")) {
      why = "content follows the end of the JSON value";
    }
    why = ADVICE.matcher(why).replaceAll("");
    why = LIMIT_SOURCE.matcher(why).replaceAll("$1)");
    why = INTERNAL.matcher(why).replaceAll("").strip();
    if (why.startsWith("Duplicate field ")) {
      why = "the key " + why.substring("Duplicate field ".length()) + " appears twice in one object";
    }
    return where + "malformed JSON: " + InvalidInputException.quote(why, 200, false);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
