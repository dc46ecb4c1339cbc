package io.corridor.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads the {@code simulation.log} of one or more load runs and prints, per step of the arrival
 * rate, the requests, errors, mean, p50, p95, p98 and p99 (as Markdown tables for BENCHMARKS.md),
 * the errors by message, the figures per request kind, and the highest step that held a p99
 * target; with {@code --svg}, draws the runs' latency over time side by side.
 *
 * <p>Steps are read from the run description that {@code run-load.sh} gives Gatling; a run without
 * one is a single step, and the warm-up it names is left out of the tables (not of the chart).
 * Times count from the first arrival (the first virtual user's start), as
 * the arrival rate's steps do; a request is counted in the window in which it was sent.
 */
@Command(name = "load-report", mixinStandardHelpOptions = true,
    description = "Per-step latency percentiles and errors of Gatling runs, and an SVG of latency over time.")
public final class LoadReport implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "[LABEL=]RUN",
      description = "A simulation.log, a Gatling run directory, or a results folder (its newest run).")
  List<String> runs;

  @Option(names = "--svg", paramLabel = "FILE", description = "Write latency over time to this SVG file.")
  Path svg;

  @Option(names = "--title", defaultValue = "Response time under a rising arrival rate",
      description = "Title of the SVG.")
  String title;

  @Option(names = "--p99-target", defaultValue = "50", paramLabel = "MS",
      description = "Report the highest step whose p99 stayed at or below this (default: ${DEFAULT-VALUE} ms).")
  double p99TargetMillis;

  /** Runs the command. */
  public static void main(String[] args) {
    Commands.exit(new LoadReport(), args);
  }

  @Override
  public Integer call() throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<LatencyChart.Panel> panels = new ArrayList<>();
    for (String run : runs) {
      int eq = run.indexOf('=');
      Path path = logFile(Path.of(eq > 0 ? run.substring(eq + 1) : run));
      String label = eq > 0 ? run.substring(0, eq) : path.getParent().getFileName().toString();
      panels.add(report(label, path, out));
    }
    if (svg != null) {
      Path parent = svg.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".load-report", ".svg");
      Files.writeString(temporary, LatencyChart.svg(title, panels), StandardCharsets.UTF_8);
      Files.move(temporary, svg, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      out.println("SVG: " + svg);
    }
    return 0;
  }

  /** Prints one run's tables and returns its panel for the chart. */
  LatencyChart.Panel report(String label, Path log, PrintStream out) throws IOException {
    SimulationLog run = SimulationLog.read(log);
    List<SimulationLog.Response> responses = run.responses();
    LoadPlan.Steps steps = LoadPlan.steps(run.run().description());
    int first = origin(run, steps);
    int last = responses.stream().mapToInt(SimulationLog.Response::startMillis).max().orElse(0);
    int stepCount = steps == null ? 1 : steps.steps();
    long stepMillis = steps == null ? last - first + 1L : steps.stepSeconds() * 1000L;
    long warmupMillis = steps == null ? 0 : steps.warmupSeconds() * 1000L;
    int warmupRequests = 0;

    Windows bySecond = new Windows();
    Windows byStep = new Windows();
    Map<String, Windows> byName = new TreeMap<>();
    Map<String, Integer> errors = new TreeMap<>();
    for (SimulationLog.Response r : responses) {
      long at = r.startMillis() - first;
      bySecond.add((int) (Math.max(0, at) / 1000), r);
      if (at < warmupMillis) {
        warmupRequests++;
        continue;
      }
      byStep.add((int) Math.min(stepCount - 1, (at - warmupMillis) / stepMillis), r);
      byName.computeIfAbsent(r.name(), k -> new Windows()).add(0, r);
      if (!r.ok()) {
        errors.merge(r.message().isEmpty() ? "(no message)" : r.message(), 1, Integer::sum);
      }
    }

    out.printf(Locale.ROOT, "%n### %s%n%n", label);
    // An arrival without a response was still unanswered when Gatling stopped the run.
    out.printf(Locale.ROOT, "`%s`: Gatling %s, %s, %d arrivals, %d responses (%d in the warm-up, left out below), "
            + "%d errors.%n%n",
        log, run.run().gatlingVersion(), run.run().description().isEmpty() ? "no step plan" : run.run().description(),
        run.arrivalMillis().length, responses.size(), warmupRequests,
        errors.values().stream().mapToInt(Integer::intValue).sum());
    out.println("| step | planned /s | arrived /s | requests | errors | mean ms | p50 | p95 | p98 | p99 | max |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    String held = "none";
    boolean holding = true;
    for (int i = 0; i < stepCount; i++) {
      LatencyStats s = byStep.stats(i);
      double planned = steps == null ? Double.NaN : steps.ratePerSecond(i);
      double arrived = s.requests() / (stepMillis / 1000.0);
      out.printf(Locale.ROOT, "| %d | %s | %.1f | %d | %d | %s | %s | %s | %s | %s | %s |%n", i + 1,
          ms(planned), arrived, s.requests(), s.errors(), ms(s.meanMillis()), ms(s.p50Millis()),
          ms(s.p95Millis()), ms(s.p98Millis()), ms(s.p99Millis()), ms(s.maxMillis()));
      // Held: every request answered without error, p99 within the target, and the generator kept
      // up (90 % of the planned arrivals: a step can be one arrival short at low rates).
      holding &= s.requests() > 0 && s.errors() == 0 && s.p99Millis() <= p99TargetMillis
          && (steps == null || arrived >= 0.9 * planned);
      if (holding) {
        held = steps == null ? String.format(Locale.ROOT, "%.1f", arrived) : ms(planned);
      }
    }
    out.printf(Locale.ROOT, "%nHighest rate up to which every step held p99 <= %s ms with no error at the "
        + "planned rate: %s requests/s.%n", ms(p99TargetMillis), held);
    if (!errors.isEmpty()) {
      out.printf(Locale.ROOT, "%nErrors by message:%n%n");
      errors.forEach((message, count) -> out.printf(Locale.ROOT, "- %d × %s%n", count, message));
    }
    out.printf(Locale.ROOT, "%n| request | requests | errors | mean ms | p50 | p95 | p98 | p99 | max |%n");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    byName.forEach((name, w) -> {
      LatencyStats s = w.stats(0);
      out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s | %s |%n", name, s.requests(), s.errors(),
          ms(s.meanMillis()), ms(s.p50Millis()), ms(s.p95Millis()), ms(s.p98Millis()), ms(s.p99Millis()),
          ms(s.maxMillis()));
    });
    List<LatencyStats> perSecond = new ArrayList<>();
    int seconds = responses.isEmpty() ? 0 : (last - first) / 1000 + 1;
    for (int t = 0; t < seconds; t++) {
      perSecond.add(bySecond.stats(t));
    }
    return new LatencyChart.Panel(label, perSecond, steps);
  }

  /**
   * Returns when the first step began, in ms from the run's start. Gatling spaces arrivals evenly
   * within a step, but the very first users may be logged late while the load generator warms up,
   * so the origin is the median of each early arrival's time less its planned offset ({@code k}
   * arrivals at the first rate), not simply the first arrival.
   */
  static int origin(SimulationLog run, LoadPlan.Steps steps) {
    int[] arrivals = run.arrivalMillis();
    if (arrivals.length == 0) {
      return run.responses().stream().mapToInt(SimulationLog.Response::startMillis).min().orElse(0);
    }
    if (steps == null || steps.startPerSecond() <= 0) {
      return arrivals[0];
    }
    int n = (int) Math.min(arrivals.length,
        Math.floor(steps.startPerSecond() * (steps.warmupSeconds() + steps.stepSeconds())));
    if (n < 3) {
      return arrivals[0];
    }
    int[] origins = new int[n];
    for (int k = 0; k < n; k++) {
      origins[k] = (int) Math.round(arrivals[k] - 1000.0 * k / steps.startPerSecond());
    }
    Arrays.sort(origins);
    return Math.min(arrivals[0], origins[n / 2]);
  }

  /** {@code path} itself if a file; else its simulation.log; else the newest run's under it. */
  static Path logFile(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return path;
    }
    Path direct = path.resolve("simulation.log");
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    if (Files.isDirectory(path)) {
      try (Stream<Path> children = Files.list(path)) {
        // Gatling names run directories after the simulation and a timestamp: the last sorts newest.
        Path newest = children.filter(c -> Files.isRegularFile(c.resolve("simulation.log")))
            .max(Comparator.comparing(Path::toString)).orElse(null);
        if (newest != null) {
          return newest.resolve("simulation.log");
        }
      }
    }
    throw new IOException(path + ": no simulation.log there, nor in a run directory under it");
  }

  private static String ms(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** Successful response times and error counts per window index. */
  private static final class Windows {
    private final Map<Integer, IntList> ok = new TreeMap<>();
    private final Map<Integer, Integer> errors = new TreeMap<>();

    void add(int window, SimulationLog.Response r) {
      if (r.ok()) {
        ok.computeIfAbsent(window, k -> new IntList()).add(r.millis());
      } else {
        errors.merge(window, 1, Integer::sum);
      }
    }

    LatencyStats stats(int window) {
      IntList times = ok.get(window);
      return LatencyStats.of(times == null ? new int[0] : times.toArray(), errors.getOrDefault(window, 0));
    }
  }
}
