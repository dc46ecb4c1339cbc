package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.corridor.core.geo.Corridor;
import java.io.ByteArrayOutputStream;
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
      SearchPage page;
      try (var t = ex.phase(Phase.EXACT)) {
        page = SearchPage.of(lease.index(), corridor, req, after, query);
      }
      ex.counts(-1, page.hits().size());
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

  /** One page of a search: its hits, and where the next starts (null if this is the last). */
  record SearchPage(List<Hit> hits, Continuation next) {
    /**
     * Searches for the page after {@code after} (null: the first). The search asks the library
     * for the matches up to the end of this page (and one more, to know if another page
     * follows), so that a search by offset stops early; if the index was swapped since the
     * token was issued, the page starts after the token's key and id in a full search instead.
     */
    static SearchPage of(ServedIndex index, Corridor corridor, SearchRequest req, Continuation after, int query) {
      int skip = after == null ? 0 : after.returned();
      long wanted = (long) skip + req.limit() + 1;
      List<Hit> hits = CorridorLibrary.search(index.index(), corridor, req.categories(),
          wanted > Integer.MAX_VALUE ? 0 : (int) wanted, req.sort());
      int from = skip;
      if (after != null && !(skip <= hits.size() && same(hits.get(skip - 1), after, req.sort()))) {
        hits = CorridorLibrary.search(index.index(), corridor, req.categories(), 0, req.sort());
        from = 0;
        while (from < hits.size() && compare(hits.get(from), after, req.sort()) <= 0) {
          from++;
        }
      }
      int to = (int) Math.min(hits.size(), (long) from + req.limit());
      List<Hit> page = hits.subList(Math.min(from, to), to);
      Continuation next = null;
      if (to < hits.size()) {
        Hit last = page.get(page.size() - 1);
        next = new Continuation(from + page.size(), key(last, req.sort()), last.id(), query);
      }
      return new SearchPage(List.copyOf(page), next);
    }

    private static double key(Hit h, CorridorLibrary.SortOrder sort) {
      return sort == CorridorLibrary.SortOrder.DISTANCE ? h.distanceMeters() : h.offsetMeters();
    }

    private static boolean same(Hit h, Continuation c, CorridorLibrary.SortOrder sort) {
      return key(h, sort) == c.key() && h.id().equals(c.id());
    }

    private static int compare(Hit h, Continuation c, CorridorLibrary.SortOrder sort) {
      int k = Double.compare(key(h, sort), c.key());
      return k != 0 ? k : h.id().compareTo(c.id());
    }
  }
}
