package io.corridor.server;

import com.fasterxml.jackson.core.JsonToken;
import io.corridor.core.geo.Route;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.util.Fields;

/**
 * A search over the served index, from the body of {@code POST /v1/search} or the query of
 * {@code GET /v1/search}: route, radius, categories (empty for all), page size, order, and where
 * the page starts (null for the first). Immutable.
 */
record SearchRequest(Route route, double radiusMeters, Set<String> categories, int limit,
    CorridorLibrary.SortOrder sort, String continuation, String continuationAt) {
  private static final String FIELDS =
      "\"route\", \"radius_m\", \"categories\", \"limit\", \"sort\" and \"continuation\"";
  private static final int MAX_CATEGORIES = 256;

  /** Parses and checks a POST body. */
  static SearchRequest parse(byte[] body, ServerSettings limits) {
    try (JsonInput in = JsonInput.object(body)) {
      Route route = null;
      Double radius = null;
      Set<String> categories = Set.of();
      int limit = limits.maxLimit();
      CorridorLibrary.SortOrder sort = CorridorLibrary.SortOrder.OFFSET;
      String continuation = null;
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "route" -> route = RouteInput.read(in, limits);
          case "radius_m" -> radius = RouteInput.radius(in.number(), in.pointer(), limits);
          case "categories" -> categories = categories(in);
          case "limit" -> limit = (int) in.integer(1, limits.maxLimit(), "max-limit");
          case "sort" -> sort = sort(in.text(), in.pointer());
          case "continuation" -> continuation = in.token() == JsonToken.VALUE_NULL ? null : in.text();
          default -> throw in.unknownField(field, FIELDS);
        }
      }
      in.end();
      if (route == null) {
        throw Problem.badRequest("/route", "missing field \"route\"");
      }
      if (radius == null) {
        throw Problem.badRequest("/radius_m", "missing field \"radius_m\"");
      }
      return new SearchRequest(route, radius, categories, limit, sort, continuation, "/continuation");
    }
  }

  /** Parses and checks the query of a GET. */
  static SearchRequest fromQuery(Fields query, ServerSettings limits) {
    for (String name : query.getNames()) {
      if (!List.of("polyline", "precision", "radius_m", "limit", "categories", "sort", "continuation")
          .contains(name)) {
        throw Problem.badParameter(name, "unknown query parameter \"" + name
            + "\"; expected polyline, precision, radius_m, limit, categories, sort, continuation");
      }
      if (query.getValues(name).size() > 1) {
        throw Problem.badParameter(name, "query parameter \"" + name + "\" is given more than once");
      }
    }
    String polyline = required(query, "polyline");
    int precision = (int) integer(query, "precision", 5, Integer.MIN_VALUE, Integer.MAX_VALUE, null);
    Route route;
    try {
      route = RouteInput.polyline(polyline, precision, "polyline", "precision", limits);
    } catch (Problem p) {
      throw p.inParameter(p.pointer());
    }
    double radius;
    String radiusText = required(query, "radius_m");
    try {
      radius = RouteInput.radius(Double.parseDouble(radiusText), "radius_m", limits);
    } catch (NumberFormatException e) {
      throw Problem.badParameter("radius_m", "radius_m \"" + radiusText + "\" is not a number");
    } catch (Problem p) {
      throw p.inParameter("radius_m");
    }
    int limit = (int) integer(query, "limit", limits.maxLimit(), 1, limits.maxLimit(), "max-limit");
    Set<String> categories = new LinkedHashSet<>();
    String c = query.getValue("categories");
    if (c != null) {
      for (String s : c.split(",")) {
        if (!s.isBlank()) {
          categories.add(s.strip());
        }
      }
      if (categories.size() > MAX_CATEGORIES) {
        throw Problem.badParameter("categories", "more than " + MAX_CATEGORIES + " categories");
      }
    }
    String sortText = query.getValue("sort");
    CorridorLibrary.SortOrder sort;
    try {
      sort = sortText == null ? CorridorLibrary.SortOrder.OFFSET : sort(sortText, "sort");
    } catch (Problem p) {
      throw p.inParameter("sort");
    }
    return new SearchRequest(route, radius, categories, limit, sort, query.getValue("continuation"),
        "continuation");
  }

  private static String required(Fields query, String name) {
    String v = query.getValue(name);
    if (v == null || v.isEmpty()) {
      throw Problem.badParameter(name, "missing query parameter \"" + name + "\"");
    }
    return v;
  }

  private static long integer(Fields query, String name, long absent, long min, long max, String limitName) {
    String v = query.getValue(name);
    if (v == null) {
      return absent;
    }
    long n;
    try {
      n = Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw Problem.badParameter(name, name + " \"" + v + "\" is not an integer");
    }
    if (n < min || n > max) {
      Problem p = limitName != null && n > max
          ? Problem.tooLarge(null, name + ": " + n + " is more than the server's limit of " + max + " (" + limitName + ")")
          : Problem.badParameter(name, name + ": " + n + " is outside [" + min + ", " + max + "]");
      throw p.inParameter(name);
    }
    return n;
  }

  private static Set<String> categories(JsonInput in) {
    if (in.token() == JsonToken.VALUE_NULL) {
      return Set.of();
    }
    in.expect(JsonToken.START_ARRAY, "an array of category names");
    Set<String> out = new LinkedHashSet<>();
    for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
      if (out.size() == MAX_CATEGORIES) {
        throw Problem.badRequest(in.pointer(), "more than " + MAX_CATEGORIES + " categories");
      }
      out.add(in.text());
    }
    return out;
  }

  private static CorridorLibrary.SortOrder sort(String text, String at) {
    try {
      return CorridorLibrary.SortOrder.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(at, "sort \"" + text + "\" is not offset or distance");
    }
  }
}
