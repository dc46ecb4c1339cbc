package io.corridor.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corridor.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the routes of a join: a GeoJSON {@code FeatureCollection} of {@code LineString} (or {@code
 * Point}) features, each with an {@code id} (the feature's, else its {@code id} property) and a
 * {@code radius_m} property, into rows {@code (id, route, radius_m)} for {@link CorridorJoin}.
 * Every route is checked here, on the driver, so that an error names the file and the feature
 * (numbered from 1) before any work is distributed.
 */
public final class RoutesFile {
  /** The schema of the rows returned. */
  public static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("route", DataTypes.StringType, false)
      .add("radius_m", DataTypes.DoubleType, false);

  private RoutesFile() {}

  /**
   * Returns the routes of {@code file}, one row per feature, in file order.
   *
   * @throws InvalidInputException naming the file and feature at fault, or a repeated id
   */
  public static List<Row> read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such routes file");
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + ": not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage());
    }
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())
        || !root.path("features").isArray()) {
      throw new InvalidInputException(
          file + ": routes must be a GeoJSON FeatureCollection with a \"features\" array");
    }
    List<Row> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int n = 0;
    for (JsonNode feature : root.get("features")) {
      n++;
      String where = file + ": feature " + n;
      if (!"Feature".equals(feature.path("type").asText())) {
        throw new InvalidInputException(where + ": not a GeoJSON Feature");
      }
      JsonNode idNode = feature.hasNonNull("id") ? feature.get("id") : feature.path("properties").get("id");
      if (idNode == null || idNode.isNull() || !(idNode.isTextual() || idNode.isNumber())) {
        throw new InvalidInputException(where + ": has no id (a string or number, as the feature's"
            + " \"id\" or its \"id\" property)");
      }
      String id = idNode.asText();
      if (!ids.add(id)) {
        throw new InvalidInputException(where + ": id '" + id + "' is used by an earlier feature");
      }
      JsonNode radius = feature.path("properties").get("radius_m");
      if (radius == null || !radius.isNumber()) {
        throw new InvalidInputException(where + " ('" + id + "'): property radius_m must be a number of metres");
      }
      JsonNode geometry = feature.get("geometry");
      try {
        io.corridor.core.geo.Corridor.of(RouteText.geoJson(geometry), radius.asDouble());
      } catch (InvalidInputException e) {
        throw e.at(where + " ('" + id + "'): geometry");
      }
      rows.add(RowFactory.create(id, geometry.toString(), radius.asDouble()));
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(file + ": the FeatureCollection has no route");
    }
    return rows;
  }
}
