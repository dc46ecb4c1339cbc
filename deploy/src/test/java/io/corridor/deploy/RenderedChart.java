package io.corridor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart rendered by Helm (run in-process through helm-java) for one release and one value
 * set, as the list of Kubernetes objects it would apply. Immutable.
 */
record RenderedChart(String release, List<ObjectNode> objects) {

  /** The chart under test, relative to the module directory. */
  static final Path CHART = Path.of("helm", "corridor");

  static final YAMLMapper YAML = new YAMLMapper();

  /** Renders the chart as `helm template RELEASE CHART -f VALUES...` would. */
  static RenderedChart render(String release, String... valueFiles) {
    var command = new Helm(CHART).template().withName(release).withNamespace("search")
        .withKubeVersion("v1.31.0");
    for (String file : valueFiles) {
      command.withValuesFile(valuesFile(file));
    }
    return new RenderedChart(release, parse(command.call()));
  }

  /** A value set from src/test/resources/values. */
  static Path valuesFile(String name) {
    Path path = Path.of("src", "test", "resources", "values", name);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no value set " + path);
    }
    return path;
  }

  /** Runs `helm lint --strict` on a copy of the chart whose values.yaml has the given overrides. */
  static LintResult lintStrict(Path workDir, String... valueFiles) throws IOException {
    Path copy = workDir.resolve("corridor");
    copyTree(CHART, copy);
    ObjectNode values = (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
    for (String file : valueFiles) {
      merge(values, (ObjectNode) YAML.readTree(valuesFile(file).toFile()));
    }
    YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
    return new Helm(copy).lint().strict().call();
  }

  /** Every object of this kind. */
  List<ObjectNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The single object of this kind; fails unless there is exactly one. */
  ObjectNode one(String kind) {
    List<ObjectNode> found = ofKind(kind);
    if (found.size() != 1) {
      throw new AssertionError(release + ": expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  /** The object of this kind and name. */
  ObjectNode named(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(release + ": no " + kind + " named " + name));
  }

  static List<ObjectNode> parse(String manifest) {
    List<ObjectNode> objects = new ArrayList<>();
    try (var parser = YAML.createParser(manifest)) {
      Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && document.isObject()) {
          objects.add((ObjectNode) document);
        } else if (document != null && !document.isNull() && !document.isMissingNode()) {
          throw new AssertionError("a rendered document is not an object: " + document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the rendered manifest is not YAML", e);
    }
    return objects;
  }

  /** Deep merge as Helm merges value files: objects key by key, anything else replaced. */
  static void merge(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> entry : from.properties()) {
      JsonNode existing = into.get(entry.getKey());
      if (existing instanceof ObjectNode target && entry.getValue() instanceof ObjectNode source) {
        merge(target, source);
      } else {
        into.set(entry.getKey(), entry.getValue());
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
