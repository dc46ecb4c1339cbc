package io.corridor.load;

import java.util.List;
import java.util.Locale;

/**
 * Draws latency over time as SVG, in the seed's form: mean, p50, p95, p98 and p99 per second, one
 * panel per run side by side on a shared millisecond axis (the runs were made one after the other
 * on the same pool and rates), with the steps of the arrival rate marked. Plain text output, no
 * dependency.
 */
final class LatencyChart {
  private static final int HEIGHT = 440;
  private static final int TOP = 50;
  private static final int BOTTOM = 380;
  private static final int LEFT = 70;
  private static final int GAP = 40;
  private static final int PLOT_WIDTH = 1000;
  private static final String[] SERIES = {"mean", "p50", "p95", "p98", "p99"};
  private static final String[] COLOURS = {"#222222", "#1f77b4", "#2ca02c", "#ff7f0e", "#d62728"};

  private LatencyChart() {}

  /** One run's panel: its label, per-second statistics (index = second from the first arrival), steps. */
  record Panel(String label, List<LatencyStats> perSecond, LoadPlan.Steps steps) {}

  /** Returns the SVG document of the panels under {@code title}. */
  static String svg(String title, List<Panel> panels) {
    int totalSeconds = panels.stream().mapToInt(p -> Math.max(1, p.perSecond().size())).sum();
    double pxPerSecond = (PLOT_WIDTH - GAP * (panels.size() - 1)) / (double) totalSeconds;
    // Scaled to the measured steps: a warm-up spike would flatten them.
    double yMax = niceCeiling(panels.stream()
        .flatMap(p -> p.perSecond().stream().skip(p.steps() == null ? 0 : p.steps().warmupSeconds()))
        .mapToDouble(LatencyStats::p99Millis).filter(Double::isFinite).max().orElse(1));
    int width = (int) Math.ceil(LEFT + totalSeconds * pxPerSecond + GAP * (panels.size() - 1) + 30);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", width, HEIGHT, width, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
    // The shared y axis: five gridlines.
    for (int k = 0; k <= 5; k++) {
      double v = yMax * k / 5;
      double y = y(v, yMax);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
          LEFT, y, width - 20, y, LEFT - 6, y + 4, number(v)));
    }
    svg.append(String.format(Locale.ROOT,
        "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">response time (ms)</text>%n",
        (TOP + BOTTOM) / 2));
    double x0 = LEFT;
    for (Panel panel : panels) {
      panel(svg, panel, x0, pxPerSecond, yMax);
      x0 += Math.max(1, panel.perSecond().size()) * pxPerSecond + GAP;
    }
    // Legend.
    double lx = LEFT;
    for (int s = 0; s < SERIES.length; s++) {
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
              + "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
          lx, HEIGHT - 16, lx + 20, HEIGHT - 16, COLOURS[s], lx + 24, HEIGHT - 12, SERIES[s]));
      lx += 80;
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%d\" fill=\"#d62728\">▼ second with errors</text>%n", lx, HEIGHT - 12));
    return svg.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder svg, Panel panel, double x0, double pxPerSecond, double yMax) {
    int seconds = Math.max(1, panel.perSecond().size());
    double x1 = x0 + seconds * pxPerSecond;
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444444\"/>"
            + "<text x=\"%.1f\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
        x0, BOTTOM, x1, BOTTOM, x0, TOP - 12, escape(panel.label())));
    // Step boundaries with their planned rates, and a time axis in seconds.
    LoadPlan.Steps steps = panel.steps();
    if (steps != null) {
      if (steps.warmupSeconds() > 0) {
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f2f2f2\"/>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#666666\">warm-up</text>%n",
            x0, TOP, Math.min(steps.warmupSeconds() * pxPerSecond, x1 - x0), BOTTOM - TOP, x0 + 2, BOTTOM - 6));
      }
      for (int i = 0; i < steps.steps(); i++) {
        double sx = x0 + (steps.warmupSeconds() + i * steps.stepSeconds()) * pxPerSecond;
        if (sx > x1) {
          break;
        }
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbbbbb\" stroke-dasharray=\"3 3\"/>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#666666\">%s/s</text>%n",
            sx, TOP, sx, BOTTOM, sx + 2, TOP + (i % 2 == 0 ? 10 : 20), number(steps.ratePerSecond(i))));
      }
    }
    int tick = niceTick(seconds);
    for (int t = 0; t <= seconds; t += tick) {
      double tx = x0 + t * pxPerSecond;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444444\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%ds</text>%n",
          tx, BOTTOM, tx, BOTTOM + 4, tx, BOTTOM + 16, t));
    }
    for (int s = 0; s < SERIES.length; s++) {
      StringBuilder points = new StringBuilder();
      for (int t = 0; t < panel.perSecond().size(); t++) {
        double v = value(panel.perSecond().get(t), s);
        if (Double.isFinite(v)) {
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x0 + (t + 0.5) * pxPerSecond, y(v, yMax)));
        }
      }
      svg.append(String.format(Locale.ROOT,
          "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
          COLOURS[s], points.toString().trim()));
    }
    for (int t = 0; t < panel.perSecond().size(); t++) {
      if (panel.perSecond().get(t).errors() > 0) {
        double ex = x0 + (t + 0.5) * pxPerSecond;
        svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d l-3 -6 h6 z\" fill=\"#d62728\"/>%n", ex, TOP));
      }
    }
  }

  private static double value(LatencyStats s, int series) {
    return switch (series) {
      case 0 -> s.meanMillis();
      case 1 -> s.p50Millis();
      case 2 -> s.p95Millis();
      case 3 -> s.p98Millis();
      default -> s.p99Millis();
    };
  }

  private static double y(double v, double yMax) {
    return BOTTOM - Math.min(v, yMax) / yMax * (BOTTOM - TOP);
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code v}. */
  static double niceCeiling(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static int niceTick(int seconds) {
    for (int t : new int[] {5, 10, 15, 30, 60, 120, 300, 600}) {
      if (seconds / t <= 10) {
        return t;
      }
    }
    return 1200;
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
