package io.corridor.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates rendered objects against the Kubernetes API types (fabric8's model, generated from
 * the API's OpenAPI schema) and against the API server's rules on names, labels and references
 * that a schema does not express.
 *
 * <p>fabric8's types keep unknown fields in an "additional properties" map; this mapper disables
 * that, so a misspelt or misplaced field fails as the API server's strict field validation would,
 * and it refuses the scalar coercions the API server refuses (a number where a string belongs, a
 * string where a number belongs). Thread-safe.
 */
final class KubernetesSchema {

  private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
      "v1/Service", Service.class,
      "v1/Secret", Secret.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/ServiceAccount", ServiceAccount.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
      "networking.k8s.io/v1/Ingress", Ingress.class);

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private static final ObjectMapper STRICT = strictMapper();

  private KubernetesSchema() {}

  /** The object as its API type; throws an AssertionError that names the object and the fault. */
  static HasMetadata validate(ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    String where = kind + " " + object.path("metadata").path("name").asText("(no name)");
    Class<? extends HasMetadata> type = TYPES.get(apiVersion + "/" + kind);
    if (type == null) {
      throw new AssertionError(where + ": no known API type for " + apiVersion + " " + kind);
    }
    HasMetadata typed;
    try {
      typed = STRICT.treeToValue(object, type);
    } catch (Exception e) {
      throw new AssertionError(where + ": not a valid " + apiVersion + " " + kind + ": "
          + e.getMessage(), e);
    }
    List<String> faults = new ArrayList<>();
    checkMetadata(object.path("metadata"), kind, faults);
    if (typed instanceof StatefulSet statefulSet) {
      checkStatefulSet(object, statefulSet, faults);
    }
    if (typed instanceof Service) {
      for (JsonNode port : object.path("spec").path("ports")) {
        checkPort(port.path("port"), "spec.ports.port", faults);
      }
    }
    if (!faults.isEmpty()) {
      throw new AssertionError(where + ": " + String.join("; ", faults));
    }
    return typed;
  }

  private static void checkMetadata(JsonNode metadata, String kind, List<String> faults) {
    String name = metadata.path("name").asText("");
    boolean dns1035 = kind.equals("Service");
    Pattern pattern = dns1035 ? DNS_1035_LABEL : DNS_SUBDOMAIN;
    int max = dns1035 ? 63 : 253;
    if (name.isEmpty() || name.length() > max || !pattern.matcher(name).matches()) {
      faults.add("metadata.name \"" + name + "\" is not a valid " + kind + " name");
    }
    checkLabels(metadata.path("labels"), "metadata.labels", faults);
    metadata.path("annotations").fieldNames().forEachRemaining(key -> checkLabelKey(key,
        "metadata.annotations", faults));
  }

  private static void checkLabels(JsonNode labels, String where, List<String> faults) {
    labels.properties().forEach(entry -> {
      checkLabelKey(entry.getKey(), where, faults);
      String value = entry.getValue().asText();
      if (value.length() > 63 || !(value.isEmpty() || LABEL_NAME.matcher(value).matches())) {
        faults.add(where + ": label value \"" + value + "\" is invalid");
      }
    });
  }

  private static void checkLabelKey(String key, String where, List<String> faults) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String name = slash < 0 ? key : key.substring(slash + 1);
    boolean prefixOk = prefix == null
        || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
    if (!prefixOk || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      faults.add(where + ": key \"" + key + "\" is invalid");
    }
  }

  private static void checkStatefulSet(JsonNode object, StatefulSet typed, List<String> faults) {
    JsonNode spec = object.path("spec");
    JsonNode template = spec.path("template");
    checkLabels(template.path("metadata").path("labels"), "spec.template.metadata.labels", faults);
    spec.path("selector").path("matchLabels").properties().forEach(entry -> {
      if (!entry.getValue().equals(template.path("metadata").path("labels").get(entry.getKey()))) {
        faults.add("spec.selector does not match the pod template's label " + entry.getKey());
      }
    });
    JsonNode pod = template.path("spec");
    Set<String> volumes = new HashSet<>();
    pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
    spec.path("volumeClaimTemplates").forEach(v -> volumes.add(v.path("metadata").path("name").asText()));
    List<JsonNode> containers = new ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    if (pod.path("containers").isEmpty()) {
      faults.add("spec.template.spec.containers is empty");
    }
    Set<String> containerNames = new HashSet<>();
    for (JsonNode container : containers) {
      String name = container.path("name").asText("");
      String at = "container \"" + name + "\"";
      if (!DNS_LABEL.matcher(name).matches() || name.length() > 63 || !containerNames.add(name)) {
        faults.add(at + ": the name is invalid or repeated");
      }
      if (container.path("image").asText("").isBlank()) {
        faults.add(at + ": no image");
      }
      Set<String> portNames = new HashSet<>();
      for (JsonNode port : container.path("ports")) {
        checkPort(port.path("containerPort"), at + " containerPort", faults);
        portNames.add(port.path("name").asText());
      }
      for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
        JsonNode port = container.path(probe).path("httpGet").path("port");
        if (port.isTextual() && !portNames.contains(port.asText())) {
          faults.add(at + ": " + probe + " names port " + port + " that the container lacks");
        }
      }
      for (JsonNode env : container.path("env")) {
        if (!ENV_NAME.matcher(env.path("name").asText("")).matches()) {
          faults.add(at + ": environment variable name " + env.path("name") + " is invalid");
        }
      }
      for (JsonNode mount : container.path("volumeMounts")) {
        if (!volumes.contains(mount.path("name").asText())) {
          faults.add(at + ": mounts volume " + mount.path("name") + " that the pod lacks");
        }
      }
      container.path("resources").forEach(kind -> kind.properties().forEach(entry -> {
        try {
          Quantity.getAmountInBytes(new Quantity(entry.getValue().asText()));
        } catch (RuntimeException e) {
          faults.add(at + ": resource " + entry.getKey() + " " + entry.getValue() + " is no quantity");
        }
      }));
    }
    if (typed.getSpec().getServiceName() == null) {
      faults.add("spec.serviceName is missing");
    }
  }

  private static void checkPort(JsonNode port, String where, List<String> faults) {
    if (!port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
      faults.add(where + " " + port + " is not a port number");
    }
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .annotationIntrospector(new JacksonAnnotationIntrospector() {
          @Override
          public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
          }

          @Override
          @SuppressWarnings("deprecation")
          public boolean hasAnySetterAnnotation(AnnotatedMethod method) {
            return false;
          }
        })
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper;
  }
}
