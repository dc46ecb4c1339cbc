package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import io.jenetics.jpx.GPX;
import io.jenetics.jpx.Track;
import io.jenetics.jpx.TrackSegment;
import io.jenetics.jpx.WayPoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the route of a GPX document with JPX in strict mode, so that a bad point is refused rather
 * than silently dropped (JPX's lenient mode drops it).
 */
final class GpxRoutes {
  private static final Pattern PARSE_ERROR =
      Pattern.compile("ParseError at \\[row,col\\]:\\[(\\d+),(\\d+)\\]\\s*Message:\\s*(.*)", Pattern.DOTALL);

  private GpxRoutes() {}

  /** Returns the points of the first track (all segments in order), or else of the first route. */
  static Route parse(byte[] content) {
    GPX gpx;
    try {
      gpx = GPX.Reader.of(GPX.Reader.Mode.STRICT).read(new ByteArrayInputStream(content));
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new InvalidInputException(describe(e), e);
    }
    List<WayPoint> points = new ArrayList<>();
    String from;
    if (!gpx.getTracks().isEmpty()) {
      Track track = gpx.getTracks().get(0);
      for (TrackSegment segment : track.getSegments()) {
        points.addAll(segment.getPoints());
      }
      from = "the first <trk>";
    } else if (!gpx.getRoutes().isEmpty()) {
      points.addAll(gpx.getRoutes().get(0).getPoints());
      from = "the first <rte>";
    } else {
      throw new InvalidInputException("the GPX has no <trk> and no <rte>");
    }
    if (points.isEmpty()) {
      throw new InvalidInputException(from + " has no points");
    }
    double[] lat = new double[points.size()];
    double[] lon = new double[points.size()];
    for (int i = 0; i < lat.length; i++) {
      lat[i] = points.get(i).getLatitude().toDegrees();
      lon[i] = points.get(i).getLongitude().toDegrees();
    }
    return Route.of(lat, lon);
  }

  /** Rewords JPX's failure (a chain of wrapped exceptions, XML positions inside the text). */
  private static String describe(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && (t instanceof IllegalArgumentException || t instanceof UncheckedIOException)) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    message = message.replaceFirst("^Invalid GPX: ", "");
    Matcher m = PARSE_ERROR.matcher(message);
    if (m.find()) {
      return "line " + m.group(1) + ", column " + m.group(2) + ": malformed XML: "
          + m.group(3).strip();
    }
    if (message.contains("parser event DTD")) {
      // JPX's StAX reader stops at a DOCTYPE, so no external entity is ever resolved.
      return "not a valid GPX file: a DOCTYPE is not allowed in GPX";
    }
    if (message.startsWith("Invalid value for 'version'")) {
      return "not a valid GPX file: the <gpx> element needs a version attribute of 1.0 or 1.1";
    }
    return "not a valid GPX file: " + message.strip().replaceAll("\\s+", " ");
  }
}
