package io.corridor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard parses, queries only metrics and labels that the service exports, and
 * shows what it promises: p50/p95/p98/p99 per endpoint, scheduled vs busy time, candidates vs
 * matches, 503s and the index's age.
 */
class DashboardTest {

  private static final Path DASHBOARD = Path.of("grafana", "corridor-dashboard.json");

  /** Every series name `corridor serve` exports, as its /metrics text names it. */
  private static final Set<String> METRICS = Set.of(
      "corridor_request_seconds_bucket", "corridor_request_seconds_sum",
      "corridor_request_seconds_count",
      "corridor_request_scheduled_seconds_bucket", "corridor_request_scheduled_seconds_sum",
      "corridor_request_scheduled_seconds_count",
      "corridor_request_phase_seconds_bucket", "corridor_request_phase_seconds_sum",
      "corridor_request_phase_seconds_count",
      "corridor_candidates_sum", "corridor_candidates_count",
      "corridor_matches_sum", "corridor_matches_count",
      "corridor_requests_in_progress", "corridor_requests_queued",
      "corridor_requests_rejected_total",
      "corridor_index_locations", "corridor_index_age_seconds", "corridor_index_info");

  /** The service's labels, and those Prometheus adds (instance) or histograms carry (le). */
  private static final Set<String> LABELS =
      Set.of("endpoint", "status", "phase", "reason", "file", "checksum", "le", "instance");

  private static final Pattern METRIC = Pattern.compile("\\bcorridor_[a-z0-9_]+");
  private static final Pattern GROUPING = Pattern.compile("\\bby \\(([^)]*)\\)");
  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)=~?\"");

  private static JsonNode dashboard;
  private static List<JsonNode> panels;

  @BeforeAll
  static void read() throws IOException {
    dashboard = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build()
        .readTree(DASHBOARD.toFile());
    panels = new ArrayList<>();
    dashboard.path("panels").forEach(panels::add);
  }

  @Test
  void isADashboardWithUniquePanelsOnOneDataSource() {
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel id %s", panel.path("id")).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        assertThat(panel.path("targets")).isNotEmpty();
      }
    }
  }

  @Test
  void queriesOnlyWhatTheServiceExports() {
    List<String> queries = queries();
    assertThat(queries).hasSizeGreaterThan(10);
    for (String query : queries) {
      assertThat(balanced(query)).as(query).isTrue();
      Matcher metric = METRIC.matcher(query);
      int found = 0;
      while (metric.find()) {
        assertThat(METRICS).as(query).contains(metric.group());
        found++;
      }
      assertThat(found).as(query).isPositive();
      for (Matcher by = GROUPING.matcher(query); by.find(); ) {
        for (String label : by.group(1).split(",\\s*")) {
          assertThat(LABELS).as(query).contains(label.strip());
        }
      }
      for (Matcher label = MATCHER.matcher(query); label.find(); ) {
        assertThat(LABELS).as(query).contains(label.group(1));
      }
      int rates = count(query, "rate(");
      assertThat(count(query, "[$__rate_interval])")).as("every rate has a range: %s", query)
          .isEqualTo(rates);
    }
  }

  @Test
  void showsTheFourQuantilesPerEndpoint() {
    for (String quantile : List.of("0.5", "0.95", "0.98", "0.99")) {
      assertThat(queries()).as("p%s", quantile).anyMatch(q ->
          q.startsWith("histogram_quantile(" + quantile + ", sum by (endpoint, le)")
              && q.contains("corridor_request_seconds_bucket"));
    }
  }

  @Test
  void setsSideBySideWhatMustBeCompared() {
    assertThat(panels).anyMatch(p -> uses(p, "corridor_request_scheduled_seconds_sum")
        && uses(p, "corridor_request_seconds_sum"));
    assertThat(panels).anyMatch(p -> uses(p, "corridor_candidates_sum")
        && uses(p, "corridor_matches_sum"));
    assertThat(panels).anyMatch(p -> uses(p, "corridor_requests_rejected_total"));
    assertThat(panels).anyMatch(p -> uses(p, "corridor_index_age_seconds")
        && p.path("fieldConfig").path("defaults").path("unit").asText().equals("s"));
    assertThat(panels).anyMatch(p -> uses(p, "corridor_index_info"));
  }

  // --- helpers

  private static List<String> queries() {
    List<String> queries = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
    dashboard.path("templating").path("list")
        .forEach(v -> v.path("query").path("query").asText("").lines()
            .filter(q -> !q.isBlank()).forEach(queries::add));
    return queries;
  }

  private static boolean uses(JsonNode panel, String metric) {
    for (JsonNode target : panel.path("targets")) {
      if (Pattern.compile("\\b" + metric + "\\b").matcher(target.path("expr").asText()).find()) {
        return true;
      }
    }
    return false;
  }

  private static boolean balanced(String query) {
    StringBuilder open = new StringBuilder();
    boolean quoted = false;
    for (char c : query.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && "([{".indexOf(c) >= 0) {
        open.append(c);
      } else if (!quoted && ")]}".indexOf(c) >= 0) {
        if (open.isEmpty() || "([{".indexOf(open.charAt(open.length() - 1)) != ")]}".indexOf(c)) {
          return false;
        }
        open.setLength(open.length() - 1);
      }
    }
    return open.isEmpty() && !quoted;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
