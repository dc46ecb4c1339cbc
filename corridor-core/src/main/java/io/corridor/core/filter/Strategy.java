package io.corridor.core.filter;

import java.util.Locale;

/**
 * The filter implementations, by the names the command line and the benchmarks use.
 *
 * <p>Immutable and safe to share between threads.
 */
public enum Strategy {
  /** The seed's original: every point against every arc with haversine trigonometry. */
  BASELINE,
  /** The seed's optimisation: a bounding box per arc, checked before the haversine distance. */
  PRE_BBOX,
  /** The default: unit vectors, a covering grid of the corridor, and all cores for large inputs. */
  FAST;

  /** Returns the name used on the command line ({@code baseline}, {@code pre_bbox}, {@code fast}). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the strategy named {@code name} on the command line, ignoring case. */
  public static Strategy fromName(String name) {
    for (Strategy s : values()) {
      if (s.cliName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown strategy '" + name + "': expected baseline, pre_bbox or fast");
  }

  /** Returns a filter of this strategy; {@code FAST} uses all available cores for large inputs. */
  public CorridorFilter filter() {
    return switch (this) {
      case BASELINE -> HaversineFilter.baseline();
      case PRE_BBOX -> HaversineFilter.withBoxes();
      case FAST -> FastFilter.parallel();
    };
  }
}
