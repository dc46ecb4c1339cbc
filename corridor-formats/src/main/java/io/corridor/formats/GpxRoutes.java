package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the route of a GPX document with the JDK's streaming XML parser, configured so that no DTD
 * and no entity is ever read, expanded or fetched: a document with a DOCTYPE is refused at its
 * first line, before anything in it is looked at.
 *
 * <p>A route is the points of the first {@code <trk>} (all its {@code <trkseg>} in order) or, if
 * the document has none, of its first {@code <rte>}. Coordinates must be {@code xsd:decimal}
 * numbers (no exponent, no hexadecimal, no NaN), as the GPX schema says; a bad one is refused
 * with its line and its vertex. Other elements (times, elevations, extensions) are not read.
 *
 * <p>JPX, the project's GPX library until this reader, takes its XML factory from a JVM-wide
 * service lookup that cannot be hardened per use, and processed a DOCTYPE before refusing it.
 */
final class GpxRoutes {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

  private GpxRoutes() {}

  /** Returns the points of the first track (all segments in order), or else of the first route. */
  static Route parse(byte[] content) {
    XMLStreamReader xml;
    try {
      xml = factory().createXMLStreamReader(new ByteArrayInputStream(content));
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
    try {
      return new Points(xml).read();
    } catch (XMLStreamException e) {
      throw malformed(e);
    } finally {
      try {
        xml.close();
      } catch (XMLStreamException ignored) {
        // Nothing to release: the content is in memory.
      }
    }
  }

  /** Returns a factory that supports no DTD, no external entity and no entity replacement. */
  private static XMLInputFactory factory() {
    // The JDK's own implementation, not whichever one a library on the class path registers.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return f;
  }

  /** Walks the document once, keeping the points of the first track and of the first route. */
  private static final class Points {
    private final XMLStreamReader xml;
    private final Coordinates track = new Coordinates();
    private final Coordinates route = new Coordinates();
    private int tracks;
    private int routes;

    Points(XMLStreamReader xml) {
      this.xml = xml;
    }

    Route read() throws XMLStreamException {
      String[] path = new String[4];
      int depth = 0;
      boolean sawRoot = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          throw new InvalidInputException(
              "not a valid GPX file: a DOCTYPE is not allowed in GPX (it is not read)");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw at(xml.getLocation(), "not a valid GPX file: entity &" + xml.getLocalName()
              + "; is not allowed in GPX (it is not expanded)");
        }
        if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
          continue;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = xml.getLocalName();
        if (depth == 0) {
          if (!name.equals("gpx")) {
            throw at(xml.getLocation(), "not a valid GPX file: the root element is "
                + InvalidInputException.quote("<" + name + ">") + ", expected <gpx>");
          }
          String version = xml.getAttributeValue(null, "version");
          if (!"1.0".equals(version) && !"1.1".equals(version)) {
            throw at(xml.getLocation(), "not a valid GPX file:"
                + " the <gpx> element needs a version attribute of 1.0 or 1.1");
          }
          sawRoot = true;
        }
        if (depth < path.length) {
          path[depth] = name;
        }
        depth++;
        if (depth == 2 && name.equals("trk")) {
          tracks++;
        } else if (depth == 2 && name.equals("rte")) {
          routes++;
        } else if (depth == 4 && tracks == 1 && name.equals("trkpt")
            && path[1].equals("trk") && path[2].equals("trkseg")) {
          track.add(xml, "<trkpt>");
        } else if (depth == 3 && tracks == 0 && routes == 1 && name.equals("rtept")
            && path[1].equals("rte")) {
          route.add(xml, "<rtept>");
        }
      }
      if (!sawRoot) {
        throw new InvalidInputException("not a valid GPX file: it has no <gpx> element");
      }
      if (tracks > 0) {
        return track.route("the first <trk>");
      }
      if (routes > 0) {
        return route.route("the first <rte>");
      }
      throw new InvalidInputException("the GPX has no <trk> and no <rte>");
    }
  }

  /** The checked coordinates of one track or route, growing as points are read. */
  private static final class Coordinates {
    private double[] lat = new double[64];
    private double[] lon = new double[64];
    private int size;

    void add(XMLStreamReader xml, String element) {
      Location at = xml.getLocation();
      int vertex = size + 1;
      String where = "route vertex " + vertex + " (" + element + ")";
      double latitude = decimal(xml, at, where, "lat");
      double longitude = decimal(xml, at, where, "lon");
      try {
        Sphere.checkLatLon(where, latitude, longitude);
      } catch (InvalidInputException e) {
        throw at(at, e.getMessage());
      }
      if (size == lat.length) {
        lat = Arrays.copyOf(lat, size * 2);
        lon = Arrays.copyOf(lon, size * 2);
      }
      lat[size] = latitude;
      lon[size] = longitude;
      size++;
    }

    Route route(String from) {
      if (size == 0) {
        throw new InvalidInputException(from + " has no points");
      }
      return Route.of(Arrays.copyOf(lat, size), Arrays.copyOf(lon, size));
    }

    private static double decimal(XMLStreamReader xml, Location at, String where, String name) {
      String value = xml.getAttributeValue(null, name);
      if (value == null) {
        throw at(at, where + ": has no " + name + " attribute");
      }
      String text = value.strip();
      if (!DECIMAL.matcher(text).matches()) {
        throw at(at, where + ": " + name + " " + InvalidInputException.quote(value)
            + " is not a decimal number");
      }
      return Double.parseDouble(text);
    }
  }

  private static InvalidInputException at(Location location, String what) {
    if (location == null || location.getLineNumber() < 0) {
      return new InvalidInputException(what);
    }
    return new InvalidInputException("line " + location.getLineNumber() + ": " + what);
  }

  /** Words the parser's failure as "line L, column C: malformed XML: why", without its internals. */
  private static InvalidInputException malformed(XMLStreamException e) {
    Location at = e.getLocation();
    String why = e.getMessage() == null ? "unreadable" : e.getMessage();
    int message = why.indexOf("Message:");
    if (message >= 0) {
      why = why.substring(message + "Message:".length());
    }
    why = why.strip().replaceAll("\\s+", " ");
    String where = at == null || at.getLineNumber() < 0
        ? ""
        : "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": ";
    return new InvalidInputException(where + "malformed XML: " + InvalidInputException.quote(why, 200, false), e);
  }
}
