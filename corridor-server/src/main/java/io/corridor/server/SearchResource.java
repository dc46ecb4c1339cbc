package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.corridor.core.geo.ArcBounds;
import io.corridor.core.geo.Corridor;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /v1/search} and {@code GET /v1/search}: the corridor over the served index, a page
 * at a time, as a GeoJSON FeatureCollection with a {@code continuation} token while more follow.
 */
final class SearchResource implements Resource {
  private final boolean fromQuery;

  private SearchResource(boolean fromQuery) {
    this.fromQuery = fromQuery;
  }

  /** The POST endpoint: the request is a JSON body. */
  static SearchResource post() {
    return new SearchResource(false);
  }

  /** The GET endpoint: the request is the query string. */
  static SearchResource get() {
    return new SearchResource(true);
  }

  @Override
  public void handle(Exchange ex) throws Exception {
    SearchRequest req;
    try (var t = ex.phase(Phase.PARSE)) {
      req = fromQuery ? SearchRequest.fromQuery(ex.query(), ex.settings())
          : SearchRequest.parse(ex.jsonBody(), ex.settings());
    }
    int query = Continuation.query(req.route(), req.radiusMeters(), req.categories(), req.sort());
    Continuation after = req.continuation() == null ? null
        : Continuation.decode(req.continuation(), query, req.continuationAt());
    try (IndexSlot.Lease lease = ex.state().slot().lease()) {
      if (lease == null) {
        throw Problem.unavailable("loading", "the index is still loading; retry shortly");
      }
      Corridor corridor;
      try (var t = ex.phase(Phase.COVERING)) {
        corridor = FilterResource.corridor(req.route(), req.radiusMeters());
      }
      if (ex.settings().searchAnswer() == SearchAnswer.BBOX) {
        sendBox(ex, lease.index(), corridor, req);
        return;
      }
      SearchPage page;
      try (var t = ex.phase(Phase.EXACT)) {
        page = SearchPage.of(lease.index(), corridor, req, after, query,
            Duration.ofNanos(ex.deadlineNanos() - System.nanoTime()));
      }
      ex.counts(page.candidates(), page.hits().size());
      ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 256 * page.hits().size());
      try (var t = ex.phase(Phase.SERIALIZE); JsonGenerator g = JsonOutput.generator(out)) {
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        JsonOutput.features(g, page.hits());
        if (page.next() != null) {
          g.writeStringField("continuation", page.next().encode());
        }
        g.writeEndObject();
      }
      ex.sendJson(200, out.toByteArray());
    }
  }

  /**
   * Answers as the design the seed weighed against this one: every location of the corridor's
   * bounding box, as GeoJSON features without distances and with the box as the collection's
   * {@code bbox}, for the client to filter.
   */
  private static void sendBox(Exchange ex, ServedIndex index, Corridor corridor, SearchRequest req)
      throws java.io.IOException {
    double[] box;
    List<Hit> hits;
    try (var t = ex.phase(Phase.EXACT)) {
      box = ArcBounds.of(corridor).boundingBox();
      hits = CorridorLibrary.inBox(index.index(), box, req.categories(), ex.settings().maxFilterLocations());
    }
    ex.counts(hits.size(), hits.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 256 * hits.size());
    try (var t = ex.phase(Phase.SERIALIZE); JsonGenerator g = JsonOutput.generator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("bbox");
      for (double v : box) {
        g.writeNumber(v);
      }
      g.writeEndArray();
      JsonOutput.features(g, hits);
      g.writeEndObject();
    }
    ex.sendJson(200, out.toByteArray());
  }

  /** One page of a search: its hits, where the next starts (null if this is the last), and the candidates examined. */
  record SearchPage(List<Hit> hits, Continuation next, long candidates) {
    /**
     * Searches for the page after {@code after} (null: the first): the library resumes after the
     * token's key and id and returns one match more than the page, to know if another follows.
     */
    static SearchPage of(ServedIndex index, Corridor corridor, SearchRequest req, Continuation after,
        int query, Duration timeout) {
      CorridorLibrary.Found found = CorridorLibrary.search(index.index(), corridor, req.categories(),
          req.limit() == Integer.MAX_VALUE ? 0 : req.limit() + 1, req.sort(),
          after == null ? 0 : after.key(), after == null ? null : after.id(), timeout);
      List<Hit> hits = found.hits();
      Continuation next = null;
      if (hits.size() > req.limit()) {
        hits = hits.subList(0, req.limit());
        Hit last = hits.get(hits.size() - 1);
        double key = req.sort() == CorridorLibrary.SortOrder.DISTANCE ? last.distanceMeters() : last.offsetMeters();
        next = new Continuation(key, last.id(), query);
      }
      return new SearchPage(List.copyOf(hits), next, found.candidates());
    }
  }
}
