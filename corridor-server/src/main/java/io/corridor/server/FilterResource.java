package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Corridor;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** {@code POST /v1/filter}: the stateless corridor filter over the locations in the body. */
final class FilterResource implements Resource {
  @Override
  public void handle(Exchange ex) throws Exception {
    FilterRequest req;
    try (var t = ex.phase(Phase.PARSE)) {
      req = FilterRequest.parse(ex.jsonBody(), ex.settings());
    }
    Corridor corridor;
    try (var t = ex.phase(Phase.COVERING)) {
      corridor = corridor(req.route(), req.radiusMeters());
    }
    List<Hit> hits;
    try (var t = ex.phase(Phase.EXACT)) {
      hits = CorridorLibrary.filter(corridor, req.locations(), ex.settings().filterStrategy());
    }
    ex.counts(req.locations().size(), hits.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 64 * hits.size());
    try (var t = ex.phase(Phase.SERIALIZE); JsonGenerator g = JsonOutput.generator(out)) {
      JsonOutput.filterMatches(g, hits);
    }
    ex.sendJson(200, out.toByteArray());
  }

  /** Returns the corridor of a checked route and radius. */
  static Corridor corridor(io.corridor.core.geo.Route route, double radiusMeters) {
    try {
      return Corridor.of(route, radiusMeters);
    } catch (InvalidInputException e) {
      throw Problem.unprocessable("/radius_m", e.getMessage());
    }
  }
}
