package io.corridor.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * What one load run does: the pool to replay, the server, and the open workload (arrivals per
 * second, in equal steps of fixed length, after a warm-up at the first step's rate that the report
 * leaves out). Immutable.
 *
 * <p>Read from system properties {@code load.pool}, {@code load.url}, {@code load.warmup-seconds}, {@code load.start},
 * {@code load.increment}, {@code load.steps}, {@code load.step-seconds} and, to aim at another
 * host than the loopback address, {@code load.allow-remote=true}. The plan is also written into
 * the run's description ({@link #description()}), so that the report can tell the steps apart
 * from the log alone.
 */
public record LoadPlan(Path pool, URI url, int warmupSeconds, double startPerSecond, double incrementPerSecond,
    int steps, int stepSeconds) {
  private static final String PREFIX = "corridor-load";

  /** Checks the plan; the message names the property at fault. */
  public LoadPlan {
    if (!(startPerSecond >= 0) || !(incrementPerSecond >= 0) || startPerSecond + incrementPerSecond <= 0) {
      throw new IllegalArgumentException("load.start and load.increment must be >= 0, and not both 0");
    }
    if (steps < 1 || stepSeconds < 1) {
      throw new IllegalArgumentException("load.steps and load.step-seconds must be at least 1");
    }
    if (warmupSeconds < 0) {
      throw new IllegalArgumentException("load.warmup-seconds must be at least 0");
    }
  }

  /** Reads the plan from {@code properties}, with the defaults of a gentle smoke run. */
  public static LoadPlan from(Properties properties) {
    String pool = properties.getProperty("load.pool");
    if (pool == null || pool.isBlank()) {
      throw new IllegalArgumentException("load.pool: the pool directory is required");
    }
    URI url = target(properties.getProperty("load.url", "http://127.0.0.1:8080"),
        Boolean.parseBoolean(properties.getProperty("load.allow-remote", "false")));
    return new LoadPlan(Path.of(pool), url, (int) number(properties, "load.warmup-seconds", "0"),
        number(properties, "load.start", "10"), number(properties, "load.increment", "10"),
        (int) number(properties, "load.steps", "3"), (int) number(properties, "load.step-seconds", "5"));
  }

  /**
   * Returns the server URL, refusing a host other than the loopback address unless {@code
   * allowRemote}: a load test aimed at the wrong place by a typo is an attack.
   */
  static URI target(String url, boolean allowRemote) {
    URI uri = URI.create(url);
    String host = uri.getHost();
    if (host == null || !uri.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("load.url '" + url + "' is not an http:// URL with a host");
    }
    boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    if (!loopback && !allowRemote) {
      throw new IllegalArgumentException("load.url " + url + " is not the loopback address; "
          + "allow another host on purpose (run-load.sh --allow-remote)");
    }
    return uri;
  }

  /** Returns the arrival rate of step {@code i} (from 0), in requests per second. */
  public double ratePerSecond(int step) {
    return startPerSecond + step * incrementPerSecond;
  }

  /** Returns the planned length of the run in seconds, warm-up included. */
  public int seconds() {
    return warmupSeconds + steps * stepSeconds;
  }

  /**
   * Returns the plan as a run description, such as {@code corridor-load start=10 increment=10
   * steps=3 step-seconds=5 warmup-seconds=10}.
   */
  public String description() {
    return String.format(Locale.ROOT, "%s start=%s increment=%s steps=%d step-seconds=%d warmup-seconds=%d",
        PREFIX, plain(startPerSecond), plain(incrementPerSecond), steps, stepSeconds, warmupSeconds);
  }

  /** Reads the step plan back from a run description; null if the run was not described by a plan. */
  static Steps steps(String description) {
    if (description == null || !description.startsWith(PREFIX + " ")) {
      return null;
    }
    Properties p = new Properties();
    for (String pair : description.substring(PREFIX.length() + 1).trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        p.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new Steps(number(p, "start", "0"), number(p, "increment", "0"),
        (int) number(p, "steps", "1"), (int) number(p, "step-seconds", "1"), (int) number(p, "warmup-seconds", "0"));
  }

  /** The step part of a plan, as the report needs it. */
  record Steps(double startPerSecond, double incrementPerSecond, int steps, int stepSeconds, int warmupSeconds) {
    double ratePerSecond(int step) {
      return startPerSecond + step * incrementPerSecond;
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static double number(Properties p, String key, String defaultValue) {
    String text = p.getProperty(key, defaultValue).trim();
    try {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + text + "' is not a number", e);
    }
  }
}
