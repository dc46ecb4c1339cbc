package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import java.util.Locale;

/**
 * The route file formats, and how a file's format is told from its content: the extension alone
 * is not trusted, since routes are often saved as {@code .txt} or {@code .json} whatever they hold.
 */
public enum RouteFormat {
  /** A GeoJSON LineString or Point, bare or in a Feature or a one-feature FeatureCollection. */
  GEOJSON,
  /** A GPX document: its first track, or else its first route. */
  GPX,
  /** A Google encoded polyline, the whole content of the file. */
  POLYLINE;

  /**
   * Returns the format of a route file from its content, using the file name only to choose
   * which error to report when the content fits no format.
   *
   * <p>Content starting with {@code <} is GPX; content made only of polyline characters (ASCII
   * 63-126, around optional whitespace) is a polyline; content starting with {@code {} or
   * {@code [} is GeoJSON (a non-empty JSON object needs a quote, which no polyline holds).
   */
  public static RouteFormat detect(byte[] content, String sourceName) {
    int start = SourceFiles.contentStart(content, content.length);
    int end = SourceFiles.contentEnd(content, start, content.length);
    if (start == end) {
      return byExtension(sourceName);
    }
    byte first = content[start];
    if (first == '<') {
      return GPX;
    }
    boolean polylineAlphabet = true;
    for (int i = start; i < end && polylineAlphabet; i++) {
      polylineAlphabet = content[i] >= 63 && content[i] <= 126;
    }
    if (polylineAlphabet) {
      return POLYLINE;
    }
    if (first == '{' || first == '[') {
      return GEOJSON;
    }
    return byExtension(sourceName);
  }

  private static RouteFormat byExtension(String sourceName) {
    String name = sourceName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".gpx") || name.endsWith(".xml")) {
      return GPX;
    }
    if (name.endsWith(".json") || name.endsWith(".geojson")) {
      return GEOJSON;
    }
    String file = name.substring(name.lastIndexOf('/') + 1);
    if (name.endsWith(".txt") || name.endsWith(".polyline") || !file.contains(".")) {
      return POLYLINE;
    }
    // Neither the content nor the name says route: a location CSV given as --route, say.
    throw new InvalidInputException("is not a route: expected GeoJSON (a LineString or Point),"
        + " GPX, or an encoded polyline (a .txt or .polyline file)");
  }
}
