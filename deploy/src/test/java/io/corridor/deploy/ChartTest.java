package io.corridor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart rendered, linted and validated offline, and the invariants that keep the two
 * Kubernetes traps away: spread constraints that count one release's pods only, best-effort zone
 * spread by default, probes, grace period and autoscaler wired to the service.
 */
class ChartTest {

  private static final String NAME = "app.kubernetes.io/name";
  private static final String INSTANCE = "app.kubernetes.io/instance";

  /** Value sets, each a comma-separated list of files applied in order. */
  private static final List<String> VALUE_SETS = List.of(
      "",
      "download.yaml",
      "download.yaml,autoscaling.yaml",
      "download.yaml,ingress.yaml",
      "shared-volume.yaml",
      "shared-volume.yaml,ingress.yaml,autoscaling.yaml");

  @ParameterizedTest
  @ValueSource(strings = {"", "download.yaml", "download.yaml,autoscaling.yaml",
      "download.yaml,ingress.yaml", "shared-volume.yaml",
      "shared-volume.yaml,ingress.yaml,autoscaling.yaml"})
  void lintsStrictlyWithoutWarnings(String valueSet, @TempDir Path work) throws Exception {
    LintResult result = RenderedChart.lintStrict(work, files(valueSet));
    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void everyRenderedObjectIsAValidKubernetesObject() {
    int validated = 0;
    for (String valueSet : VALUE_SETS) {
      for (String release : List.of("corridor-blue", "corridor-green", "search")) {
        for (ObjectNode object : RenderedChart.render(release, files(valueSet)).objects()) {
          KubernetesSchema.validate(object);
          validated++;
        }
      }
    }
    assertThat(validated).isGreaterThan(VALUE_SETS.size() * 3 * 4);
  }

  @Test
  void theValidatorRejectsWhatTheApiServerWould() {
    ObjectNode statefulSet = RenderedChart.render("corridor", "download.yaml").one("StatefulSet");
    KubernetesSchema.validate(statefulSet);

    ObjectNode unknownField = statefulSet.deepCopy();
    ((ObjectNode) unknownField.path("spec").path("template").path("spec"))
        .put("topologySpreadConstraint", "misspelt");
    assertThatThrownBy(() -> KubernetesSchema.validate(unknownField))
        .hasMessageContaining("topologySpreadConstraint");

    ObjectNode numberForString = statefulSet.deepCopy();
    ((ObjectNode) container(numberForString, "corridor").path("env").get(1)).put("value", 30);
    assertThatThrownBy(() -> KubernetesSchema.validate(numberForString))
        .isInstanceOf(AssertionError.class);

    ObjectNode missingMount = statefulSet.deepCopy();
    ((ObjectNode) container(missingMount, "corridor").path("volumeMounts").get(0))
        .put("name", "nowhere");
    assertThatThrownBy(() -> KubernetesSchema.validate(missingMount))
        .hasMessageContaining("nowhere");
  }

  @Test
  void blueAndGreenReleasesNeverSelectOrCountEachOthersPods() {
    RenderedChart blue = RenderedChart.render("corridor-blue", "download.yaml", "autoscaling.yaml");
    RenderedChart green = RenderedChart.render("corridor-green", "download.yaml",
        "autoscaling.yaml");

    Set<String> blueNames = new HashSet<>();
    blue.objects().forEach(o -> blueNames.add(o.path("kind").asText() + "/" + name(o)));
    for (ObjectNode o : green.objects()) {
      assertThat(blueNames).doesNotContain(o.path("kind").asText() + "/" + name(o));
    }

    for (RenderedChart[] pair : new RenderedChart[][] {{blue, green}, {green, blue}}) {
      Map<String, String> own = podLabels(pair[0]);
      Map<String, String> other = podLabels(pair[1]);
      List<JsonNode> selectors = selectors(pair[0]);
      assertThat(selectors).hasSizeGreaterThanOrEqualTo(6);
      for (JsonNode selector : selectors) {
        assertThat(selector.has(NAME) && selector.has(INSTANCE)).as("%s", selector).isTrue();
        assertThat(matches(selector, own)).as("%s selects its own pods", selector).isTrue();
        assertThat(matches(selector, other)).as("%s selects the other's pods", selector).isFalse();
      }
    }
    // The seed's selector (the app label alone) would count both releases' pods together.
    ObjectNode appOnly = RenderedChart.YAML.createObjectNode().put(NAME, "corridor");
    assertThat(matches(appOnly, podLabels(blue)) && matches(appOnly, podLabels(green))).isTrue();
  }

  @Test
  void spreadIsBestEffortByDefault() {
    for (String valueSet : List.of("", "download.yaml", "download.yaml,autoscaling.yaml")) {
      JsonNode constraints = podSpec(RenderedChart.render("corridor", files(valueSet)))
          .path("topologySpreadConstraints");
      assertThat(constraints).hasSize(2);
      Set<String> keys = new HashSet<>();
      for (JsonNode constraint : constraints) {
        assertThat(constraint.path("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
        keys.add(constraint.path("topologyKey").asText());
      }
      assertThat(keys).containsExactlyInAnyOrder("topology.kubernetes.io/zone",
          "kubernetes.io/hostname");
    }
  }

  @Test
  void strictZoneSpreadIsRefusedWhereZonalVolumesWouldLeavePodsPending() {
    assertThatThrownBy(() -> RenderedChart.render("corridor", "download.yaml",
        "zonal-do-not-schedule.yaml"))
        .hasMessageContaining("Pending")
        .hasMessageContaining("ScheduleAnyway");
    // Safe: the pods share one read-only volume, so none is tied to a zone.
    JsonNode shared = podSpec(RenderedChart.render("corridor", "shared-volume.yaml"))
        .path("topologySpreadConstraints");
    assertThat(shared.get(0).path("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
    // Safe: the operator says the volumes are regional.
    RenderedChart regional = render("corridor", Map.of("topologySpread.volumesSpanZones", true),
        "download.yaml", "zonal-do-not-schedule.yaml");
    assertThat(podSpec(regional).path("topologySpreadConstraints").get(0)
        .path("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
  }

  @Test
  void probesAskTheServiceOnItsPort() {
    for (String valueSet : VALUE_SETS) {
      RenderedChart chart = RenderedChart.render("corridor", files(valueSet));
      JsonNode container = container(chart.one("StatefulSet"), "corridor");
      List<String> args = texts(container.path("args"));
      int port = Integer.parseInt(args.get(args.indexOf("--port") + 1));
      assertThat(args.get(args.indexOf("--host") + 1)).isEqualTo("0.0.0.0");
      JsonNode http = container.path("ports").get(0);
      assertThat(http.path("name").asText()).isEqualTo("http");
      assertThat(http.path("containerPort").asInt()).isEqualTo(port);

      JsonNode readiness = container.path("readinessProbe").path("httpGet");
      JsonNode liveness = container.path("livenessProbe").path("httpGet");
      assertThat(readiness.path("path").asText()).isEqualTo("/health/ready");
      assertThat(liveness.path("path").asText()).isEqualTo("/health/live");
      assertThat(readiness.path("port").asText()).isEqualTo("http");
      assertThat(liveness.path("port").asText()).isEqualTo("http");

      JsonNode annotations = chart.one("StatefulSet").path("spec").path("template")
          .path("metadata").path("annotations");
      assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(port));
      assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
      for (ObjectNode service : chart.ofKind("Service")) {
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
            .isEqualTo("http");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 30, 120})
  void gracePeriodCoversThePreStopPauseAndTheDrain(int drainSeconds) {
    RenderedChart chart = render("corridor", Map.of("server.drainTimeoutSeconds", drainSeconds),
        "download.yaml");
    JsonNode pod = podSpec(chart);
    JsonNode container = container(chart.one("StatefulSet"), "corridor");
    int drain = seconds(env(container, "CORRIDOR_DRAIN_TIMEOUT"));
    assertThat(drain).isEqualTo(drainSeconds);
    List<String> preStop = texts(container.path("lifecycle").path("preStop").path("exec")
        .path("command"));
    assertThat(preStop.get(0)).isEqualTo("sleep");
    int pause = Integer.parseInt(preStop.get(1));
    assertThat(pod.path("terminationGracePeriodSeconds").asInt())
        .isGreaterThanOrEqualTo(pause + drain + 1);
  }

  @Test
  void theAutoscalerTargetsTheReleasesStatefulSetAndOwnsTheReplicaCount() {
    RenderedChart fixed = RenderedChart.render("corridor-blue", "download.yaml");
    assertThat(fixed.ofKind("HorizontalPodAutoscaler")).isEmpty();
    assertThat(fixed.one("StatefulSet").path("spec").path("replicas").asInt()).isEqualTo(2);

    for (String release : List.of("corridor-blue", "corridor-green")) {
      RenderedChart chart = RenderedChart.render(release, "download.yaml", "autoscaling.yaml");
      ObjectNode statefulSet = chart.one("StatefulSet");
      JsonNode target = chart.one("HorizontalPodAutoscaler").path("spec").path("scaleTargetRef");
      assertThat(target.path("kind").asText()).isEqualTo("StatefulSet");
      assertThat(target.path("apiVersion").asText()).isEqualTo(statefulSet.path("apiVersion").asText());
      assertThat(target.path("name").asText()).isEqualTo(name(statefulSet));
      assertThat(statefulSet.path("spec").has("replicas")).isFalse();
      JsonNode metrics = chart.one("HorizontalPodAutoscaler").path("spec").path("metrics");
      assertThat(metrics.get(0).path("resource").path("name").asText()).isEqualTo("cpu");
      assertThat(metrics.get(1).path("pods").path("metric").path("name").asText())
          .isEqualTo("corridor_search_p99_seconds");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 2048, 6144})
  void memoryLimitAndHeapComeFromOneValue(int memoryMiB) {
    RenderedChart chart = render("corridor", Map.of("size.memoryMiB", memoryMiB), "download.yaml");
    JsonNode container = container(chart.one("StatefulSet"), "corridor");
    JsonNode resources = container.path("resources");
    assertThat(resources.path("limits").path("memory").asText()).isEqualTo(memoryMiB + "Mi");
    assertThat(resources.path("requests").path("memory").asText()).isEqualTo(memoryMiB + "Mi");
    Matcher heap = Pattern.compile("-Xmx(\\d+)m").matcher(env(container, "JDK_JAVA_OPTIONS"));
    assertThat(heap.find()).isTrue();
    assertThat(Integer.parseInt(heap.group(1))).isEqualTo(memoryMiB / 2);
  }

  @Test
  void downloadedSnapshotsLiveOnEachPodsVolume() throws Exception {
    RenderedChart chart = RenderedChart.render("corridor", "download.yaml");
    ObjectNode statefulSet = chart.one("StatefulSet");
    JsonNode init = podSpec(chart).path("initContainers").get(0);
    assertThat(init.path("command").get(2).asText().strip())
        .isEqualTo(Files.readString(RenderedChart.CHART.resolve("files/fetch-snapshot.sh")).strip());
    assertThat(env(init, "SNAPSHOT_URL")).startsWith("https://snapshots.example.com/");
    assertThat(env(init, "SNAPSHOT_SHA256")).hasSize(64);
    assertThat(env(init, "SNAPSHOT_DIR") + "/" + env(init, "SNAPSHOT_FILE"))
        .isEqualTo(argAfter(container(statefulSet, "corridor"), "--index"));
    JsonNode claim = statefulSet.path("spec").path("volumeClaimTemplates").get(0);
    assertThat(claim.path("metadata").path("name").asText()).isEqualTo("data");
    assertThat(statefulSet.path("spec").path("persistentVolumeClaimRetentionPolicy")
        .path("whenScaled").asText()).isEqualTo("Retain");

    String before = annotation(statefulSet, "checksum/snapshot");
    String after = annotation(render("corridor",
        Map.of("snapshot.url", "https://snapshots.example.com/europe/2026-11-30.corridx"),
        "download.yaml").one("StatefulSet"), "checksum/snapshot");
    assertThat(after).as("a new snapshot URL rolls the pods").isNotEqualTo(before);
  }

  @Test
  void aSharedSnapshotIsMountedReadOnlyWithoutPerPodVolumes() {
    RenderedChart chart = RenderedChart.render("corridor", "shared-volume.yaml");
    ObjectNode statefulSet = chart.one("StatefulSet");
    JsonNode pod = podSpec(chart);
    assertThat(pod.has("initContainers")).isFalse();
    assertThat(statefulSet.path("spec").has("volumeClaimTemplates")).isFalse();
    JsonNode volume = pod.path("volumes").findParent("persistentVolumeClaim");
    assertThat(volume.path("persistentVolumeClaim").path("claimName").asText()).isEqualTo("snapshots");
    assertThat(volume.path("persistentVolumeClaim").path("readOnly").asBoolean()).isTrue();
    JsonNode container = container(statefulSet, "corridor");
    assertThat(argAfter(container, "--index")).isEqualTo("/data/europe.corridx");
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("name").asText().equals(volume.path("name").asText())) {
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
      }
    }
  }

  @Test
  void theAdminTokenComesFromASecret() {
    RenderedChart created = RenderedChart.render("corridor", "download.yaml");
    JsonNode token = envNode(container(created.one("StatefulSet"), "corridor"),
        "CORRIDOR_ADMIN_TOKEN").path("valueFrom").path("secretKeyRef");
    ObjectNode secret = created.named("Secret", token.path("name").asText());
    assertThat(secret.path("data").has(token.path("key").asText())).isTrue();

    JsonNode existing = envNode(container(RenderedChart.render("corridor", "shared-volume.yaml")
        .one("StatefulSet"), "corridor"), "CORRIDOR_ADMIN_TOKEN").path("valueFrom")
        .path("secretKeyRef");
    assertThat(existing.path("name").asText()).isEqualTo("corridor-admin");
    assertThat(existing.path("key").asText()).isEqualTo("reload-token");

    RenderedChart none = RenderedChart.render("corridor");
    assertThat(none.ofKind("Secret")).isEmpty();
    assertThat(envNode(container(none.one("StatefulSet"), "corridor"), "CORRIDOR_ADMIN_TOKEN"))
        .isNull();
  }

  @Test
  void theIngressSendsTheApiToTheReleasesService() {
    RenderedChart chart = RenderedChart.render("corridor-green", "download.yaml", "ingress.yaml");
    JsonNode rule = chart.one("Ingress").path("spec").path("rules").get(0);
    JsonNode backend = rule.path("http").path("paths").get(0).path("backend").path("service");
    ObjectNode service = chart.named("Service", backend.path("name").asText());
    assertThat(service.path("spec").path("selector").path(INSTANCE).asText())
        .isEqualTo("corridor-green");
    assertThat(backend.path("port").path("number").asInt())
        .isEqualTo(service.path("spec").path("ports").get(0).path("port").asInt());
    assertThat(rule.path("http").path("paths").get(0).path("path").asText()).isEqualTo("/v1");
    assertThat(RenderedChart.render("corridor", "download.yaml").ofKind("Ingress")).isEmpty();
  }

  @Test
  void badValuesAreRefusedWithAMessage() {
    assertThatThrownBy(() -> render("corridor", Map.of("snapshot.source", "download")))
        .hasMessageContaining("snapshot.url");
    assertThatThrownBy(() -> render("corridor", Map.of("snapshot.sha256", "abc"), "download.yaml"))
        .hasMessageContaining("snapshot.sha256");
    assertThatThrownBy(() -> render("corridor", Map.of("snapshot.file", "../etc/passwd"),
        "download.yaml"))
        .hasMessageContaining("snapshot.file");
    assertThatThrownBy(() -> render("corridor",
        Map.of("topologySpread.node.whenUnsatisfiable", "Sometimes")))
        .hasMessageContaining("topologySpread.node.whenUnsatisfiable");
  }

  // --- helpers

  private static RenderedChart render(String release, Map<String, Object> set, String... files) {
    var command = new Helm(RenderedChart.CHART).template().withName(release)
        .withNamespace("search").withKubeVersion("v1.31.0");
    for (String file : files) {
      command.withValuesFile(RenderedChart.valuesFile(file));
    }
    set.forEach(command::set);
    return new RenderedChart(release, RenderedChart.parse(command.call()));
  }

  private static String[] files(String valueSet) {
    return valueSet.isEmpty() ? new String[0] : valueSet.split(",");
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  private static JsonNode podSpec(RenderedChart chart) {
    return chart.one("StatefulSet").path("spec").path("template").path("spec");
  }

  private static Map<String, String> podLabels(RenderedChart chart) {
    Map<String, String> labels = new java.util.HashMap<>();
    chart.one("StatefulSet").path("spec").path("template").path("metadata").path("labels")
        .properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** Every label selector of the release that picks pods, as its matchLabels. */
  private static List<JsonNode> selectors(RenderedChart chart) {
    List<JsonNode> selectors = new ArrayList<>();
    ObjectNode statefulSet = chart.one("StatefulSet");
    assertThat(statefulSet.path("spec").path("selector").has("matchExpressions")).isFalse();
    selectors.add(statefulSet.path("spec").path("selector").path("matchLabels"));
    for (JsonNode constraint : podSpec(chart).path("topologySpreadConstraints")) {
      assertThat(constraint.path("labelSelector").has("matchExpressions")).isFalse();
      selectors.add(constraint.path("labelSelector").path("matchLabels"));
    }
    chart.ofKind("Service").forEach(s -> selectors.add(s.path("spec").path("selector")));
    chart.ofKind("PodDisruptionBudget")
        .forEach(p -> selectors.add(p.path("spec").path("selector").path("matchLabels")));
    return selectors;
  }

  private static boolean matches(JsonNode matchLabels, Map<String, String> labels) {
    assertThat(matchLabels.isObject() && !matchLabels.isEmpty()).as("%s", matchLabels).isTrue();
    for (var entry : matchLabels.properties()) {
      if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode container(JsonNode statefulSet, String name) {
    for (JsonNode container : statefulSet.path("spec").path("template").path("spec")
        .path("containers")) {
      if (container.path("name").asText().equals(name)) {
        return container;
      }
    }
    throw new AssertionError("no container " + name);
  }

  private static JsonNode envNode(JsonNode container, String name) {
    for (JsonNode env : container.path("env")) {
      if (env.path("name").asText().equals(name)) {
        return env;
      }
    }
    return null;
  }

  private static String env(JsonNode container, String name) {
    JsonNode env = envNode(container, name);
    assertThat(env).as("environment variable %s", name).isNotNull();
    return env.path("value").asText();
  }

  private static String argAfter(JsonNode container, String flag) {
    List<String> args = texts(container.path("args"));
    assertThat(args).contains(flag);
    return args.get(args.indexOf(flag) + 1);
  }

  private static String annotation(JsonNode statefulSet, String key) {
    return statefulSet.path("spec").path("template").path("metadata").path("annotations")
        .path(key).asText();
  }

  private static int seconds(String duration) {
    Matcher m = Pattern.compile("(\\d+)s").matcher(duration);
    assertThat(m.matches()).as("duration %s", duration).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
