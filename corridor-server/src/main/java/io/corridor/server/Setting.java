package io.corridor.server;

import java.util.Locale;

/**
 * Every setting of {@code corridor serve}: its flag, its environment variable, its key in a
 * configuration file, its default and what it means, in one place so that the command, the
 * configuration file and the README's table agree.
 */
public enum Setting {
  INDEX("", "Snapshot file to serve; without it, a demo index is built in memory at start."),
  HOST("127.0.0.1", "Address to listen on; 0.0.0.0 in a container."),
  PORT("8080", "TCP port to listen on (0: any free port)."),
  ADMIN_TOKEN("", "Bearer token for POST /admin/reload; the endpoint exists only when this is set. Prefer the environment variable."),
  DRAIN_TIMEOUT("30s", "On SIGTERM, how long requests in progress may run before the server exits."),
  MAX_IN_FLIGHT("2x cores", "Corridor requests worked on at once."),
  MAX_QUEUE("64", "Corridor requests waiting for a worker; beyond it, 503 with Retry-After at once."),
  REQUEST_TIMEOUT("10s", "Per-request deadline: waiting in the queue, reading the body, and between phases."),
  MAX_BODY_BYTES("16777216", "Largest request body in bytes, after gzip decoding too."),
  MAX_ROUTE_VERTICES("100000", "Most vertices in a route."),
  MAX_ROUTE_LENGTH_KM("5000", "Longest route, in kilometres along the sphere."),
  MAX_RADIUS_M("100000", "Largest corridor radius in metres."),
  MAX_FILTER_LOCATIONS("200000", "Most locations in one POST /v1/filter request."),
  MAX_LIMIT("10000", "Largest limit (page size) of a search; also the page size when none is given."),
  FILTER_STRATEGY("fast", "Filter of POST /v1/filter, for benchmarks: fast, or the seed's haversine filters baseline (every point against every arc) and pre_bbox (a box test per arc first)."),
  SEARCH_ANSWER("exact", "Answer of a search, for benchmarks: exact, or bbox: every location in the corridor's bounding box, without distances, limit or continuation, as a client that filters on its own side would need them."),
  OTLP_ENDPOINT("", "OTLP/HTTP endpoint for traces, such as http://127.0.0.1:4318/v1/traces; traces are not exported without it."),
  TILE_URL("", "Map tiles for the web page, as a URL template such as https://tile.example.org/{z}/{x}/{y}.png; without it the page shows its offline outline map only.");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** Returns the flag, such as {@code --max-in-flight}. */
  public String flag() {
    return "--" + key();
  }

  /** Returns the key in a configuration file, such as {@code max-in-flight}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Returns the environment variable, such as {@code CORRIDOR_MAX_IN_FLIGHT}. */
  public String environmentVariable() {
    return "CORRIDOR_" + name();
  }

  /** Returns the default as documented ("" for none). */
  public String defaultValue() {
    return defaultValue;
  }

  /** Returns what the setting means. */
  public String description() {
    return description;
  }

  /** Returns the setting whose file key is {@code key}, or null. */
  static Setting byKey(String key) {
    for (Setting s : values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    return null;
  }
}
