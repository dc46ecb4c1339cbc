package io.corridor.server;

import java.nio.charset.StandardCharsets;

/** {@code GET /}: a short page that says what this server is and links its endpoints. */
final class HomeResource implements Resource {
  private static final byte[] PAGE = ("""
      <!doctype html>
      <html lang="en">
      <head><meta charset="utf-8"><title>Corridor</title></head>
      <body>
      <h1>Corridor</h1>
      <p>Search along a route: the locations within a radius of a polyline, exact on the sphere.</p>
      <ul>
      <li><a href="/openapi.json">/openapi.json</a>: the API (OpenAPI 3.1)</li>
      <li><a href="/v1/index">/v1/index</a>: what is served</li>
      <li><a href="/v1/search?polyline=wkzzGohmg%40~CouD~Rw%60Erg%40gbCbt%40gbC~p%40wgD~p%40osE~p%40_nD~Wg%7BC~p%40wgDn%7D%40wnCfw%40ooB&amp;radius_m=500&amp;limit=10">/v1/search</a>: the first ten locations within 500 m of Lausanne to Montreux along Lake Geneva (GET, or POST with JSON)</li>
      <li>POST /v1/filter: the corridor filter over locations sent in the request</li>
      <li><a href="/health/ready">/health/ready</a>, <a href="/health/live">/health/live</a>, <a href="/metrics">/metrics</a></li>
      </ul>
      </body>
      </html>
      """).getBytes(StandardCharsets.UTF_8);

  @Override
  public void handle(Exchange ex) {
    ex.send(200, "text/html; charset=utf-8", PAGE);
  }
}
