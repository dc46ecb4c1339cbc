package io.corridor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Strategy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The resolved configuration of a server: each {@link Setting} taken from a flag, else the
 * environment, else a configuration file, else its default. Immutable.
 *
 * @param index snapshot file, or null for the demo index
 * @param adminToken bearer token of {@code /admin/reload}, or null when reload is off
 * @param otlpEndpoint OTLP/HTTP traces endpoint, or null when traces are not exported
 * @param filterStrategy the filter of {@code POST /v1/filter}: {@code FAST} unless a benchmark
 *     asks for one of the seed's
 * @param searchAnswer what a search answers: the exact corridor, or for a benchmark every location
 *     of its bounding box
 * @param tileUrl tile URL template for the web page's map, or null for its offline map only
 */
public record ServerSettings(
    Path index,
    String host,
    int port,
    String adminToken,
    Duration drainTimeout,
    int maxInFlight,
    int maxQueue,
    Duration requestTimeout,
    long maxBodyBytes,
    int maxRouteVertices,
    double maxRouteLengthKm,
    double maxRadiusMeters,
    int maxFilterLocations,
    int maxLimit,
    Strategy filterStrategy,
    SearchAnswer searchAnswer,
    String otlpEndpoint,
    String tileUrl) {

  /** Returns the settings with every default: the demo index on 127.0.0.1:8080. */
  public static ServerSettings defaults() {
    return resolve(Map.of(), Map.of(), null);
  }

  /**
   * Resolves every setting: {@code flags} (by {@link Setting}, only those given) over the
   * environment variables in {@code environment} over the file {@code configFile} (properties, or
   * YAML when its name ends in .yaml or .yml; may be null) over the defaults.
   *
   * @throws InvalidInputException naming the flag, variable or file key whose value is invalid
   */
  public static ServerSettings resolve(
      Map<Setting, String> flags, Map<String, String> environment, Path configFile) {
    Map<Setting, String> file = configFile == null ? Map.of() : readFile(configFile);
    Map<Setting, String> value = new EnumMap<>(Setting.class);
    Map<Setting, String> origin = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      if (flags.containsKey(s)) {
        value.put(s, flags.get(s));
        origin.put(s, s.flag());
      } else if (environment.containsKey(s.environmentVariable())) {
        value.put(s, environment.get(s.environmentVariable()));
        origin.put(s, "environment variable " + s.environmentVariable());
      } else if (file.containsKey(s)) {
        value.put(s, file.get(s));
        origin.put(s, configFile + ": " + s.key());
      }
    }
    Parser p = new Parser(value, origin);
    String index = p.text(Setting.INDEX);
    String tileUrl = p.text(Setting.TILE_URL);
    if (tileUrl != null) {
      try {
        WebHandler.origin(tileUrl);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(origin.get(Setting.TILE_URL) + ": " + e.getMessage());
      }
    }
    return new ServerSettings(
        index == null ? null : Path.of(index),
        p.text(Setting.HOST),
        p.integer(Setting.PORT, 0, 65535),
        p.text(Setting.ADMIN_TOKEN),
        p.duration(Setting.DRAIN_TIMEOUT),
        value.containsKey(Setting.MAX_IN_FLIGHT) ? p.integer(Setting.MAX_IN_FLIGHT, 1, 10_000)
            : 2 * Runtime.getRuntime().availableProcessors(),
        p.integer(Setting.MAX_QUEUE, 0, 100_000),
        p.duration(Setting.REQUEST_TIMEOUT),
        p.longInteger(Setting.MAX_BODY_BYTES, 1, 1L << 31),
        p.integer(Setting.MAX_ROUTE_VERTICES, 1, Integer.MAX_VALUE),
        p.positive(Setting.MAX_ROUTE_LENGTH_KM),
        p.positive(Setting.MAX_RADIUS_M),
        p.integer(Setting.MAX_FILTER_LOCATIONS, 1, Integer.MAX_VALUE),
        p.integer(Setting.MAX_LIMIT, 1, Integer.MAX_VALUE),
        p.strategy(Setting.FILTER_STRATEGY),
        p.answer(Setting.SEARCH_ANSWER),
        p.text(Setting.OTLP_ENDPOINT),
        tileUrl);
  }

  /** Returns these settings on another port (tests ask for port 0: any free one). */
  public ServerSettings withPort(int newPort) {
    return new ServerSettings(index, host, newPort, adminToken, drainTimeout, maxInFlight, maxQueue,
        requestTimeout, maxBodyBytes, maxRouteVertices, maxRouteLengthKm, maxRadiusMeters,
        maxFilterLocations, maxLimit, filterStrategy, searchAnswer, otlpEndpoint, tileUrl);
  }

  private static Map<Setting, String> readFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Map<Setting, String> out = new EnumMap<>(Setting.class);
    try {
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        if (root == null || root.isMissingNode() || root.isNull()) {
          return out;
        }
        if (!root.isObject()) {
          throw new InvalidInputException(file + ": expected a mapping of setting keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isContainerNode()) {
            throw new InvalidInputException(file + ": " + e.getKey() + ": expected a single value");
          }
          out.put(known(file, e.getKey()), e.getValue().isNull() ? "" : e.getValue().asText());
        }
      } else {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          props.load(r);
        }
        for (String key : props.stringPropertyNames()) {
          out.put(known(file, key), props.getProperty(key).strip());
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the configuration file: " + e.getMessage(), e);
    }
    return out;
  }

  private static Setting known(Path file, String key) {
    Setting s = Setting.byKey(key);
    if (s == null) {
      throw new InvalidInputException(file + ": unknown setting \"" + key + "\"");
    }
    return s;
  }

  /** Turns the text of each setting into its value, naming where a bad one came from. */
  private record Parser(Map<Setting, String> value, Map<Setting, String> origin) {
    String raw(Setting s) {
      String v = value.get(s);
      return v == null ? s.defaultValue() : v.strip();
    }

    String text(Setting s) {
      String v = raw(s);
      return v.isEmpty() ? null : v;
    }

    InvalidInputException invalid(Setting s, String expected) {
      return new InvalidInputException((origin.containsKey(s) ? origin.get(s) : s.flag()) + ": \""
          + raw(s) + "\" is not " + expected);
    }

    long longInteger(Setting s, long min, long max) {
      try {
        long v = Long.parseLong(raw(s));
        if (v >= min && v <= max) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(s, "an integer in [" + min + ", " + max + "]");
    }

    int integer(Setting s, int min, int max) {
      return (int) longInteger(s, min, max);
    }

    double positive(Setting s) {
      try {
        double v = Double.parseDouble(raw(s));
        if (v > 0 && Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(s, "a number greater than 0");
    }

    Strategy strategy(Setting s) {
      try {
        return Strategy.fromName(raw(s));
      } catch (IllegalArgumentException e) {
        throw invalid(s, "a filter strategy: fast, baseline or pre_bbox");
      }
    }

    SearchAnswer answer(Setting s) {
      for (SearchAnswer a : SearchAnswer.values()) {
        if (a.settingValue().equalsIgnoreCase(raw(s))) {
          return a;
        }
      }
      throw invalid(s, "a search answer: exact or bbox");
    }

    /** A duration such as 30s, 500ms, 2m, or a plain number of seconds. */
    Duration duration(Setting s) {
      String v = raw(s).toLowerCase(Locale.ROOT);
      try {
        Duration d;
        if (v.endsWith("ms")) {
          d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else if (v.endsWith("s")) {
          d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        } else if (v.endsWith("m")) {
          d = Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
        } else {
          d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        }
        if (!d.isNegative() && !d.isZero()) {
          return d;
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // reported below
      }
      throw invalid(s, "a duration such as 30s, 500ms or 2m");
    }
  }
}
