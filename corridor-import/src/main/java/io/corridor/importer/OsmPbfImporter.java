package io.corridor.importer;

import io.corridor.index.LocationIndexBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Imports OpenStreetMap nodes, and ways as the centroid of their nodes, from a PBF file into a
 * location index, selected by a {@link TagFilter}.
 *
 * <p>Each location's id is {@code node/123} or {@code way/456}, its name the {@code name} tag, its
 * category the value of the tag that the filter matched, and its properties {@code name} and
 * {@code category}, then all other tags in the file's order.
 * Relations (multipolygons, routes) are left out.
 *
 * <p>The file is read as a stream, twice when ways are selected: PBF files hold their nodes before
 * their ways, so the first pass adds the selected nodes and keeps the selected ways with their
 * node ids, and the second pass looks up only the coordinates of the nodes those ways reference.
 * Memory is therefore bounded by what is imported (24 bytes per referenced node, besides the
 * ways' tags), never by the size of the file. The passes are {@code SelectionPass} and
 * {@code WayNodesPass}, both {@code PbfPass}es.
 *
 * <p>Stateless: safe to call from many threads at once, each with its own builder.
 */
public final class OsmPbfImporter {
  private OsmPbfImporter() {}

  /**
   * What one import read and added.
   *
   * <p>Immutable and safe to share between threads.
   */
  public record Counts(long nodesRead, long waysRead, long nodesAdded, long waysAdded,
      long waysWithoutNodes) {

    /** Returns the number of locations added, nodes and ways together. */
    public long added() {
      return nodesAdded + waysAdded;
    }
  }

  /**
   * Adds the nodes and ways of a PBF file that the filter selects to the builder, reporting
   * progress in bytes read (over both passes) after each block.
   *
   * @throws ImportException naming the file if it cannot be read or is not a valid PBF file
   */
  public static Counts importInto(Path pbf, TagFilter filter, LocationIndexBuilder builder,
      ImportProgress progress) throws ImportException {
    long size;
    try {
      size = Files.size(pbf);
    } catch (NoSuchFileException e) {
      throw new ImportException(pbf + ": no such file");
    } catch (IOException e) {
      throw new ImportException(pbf + ": cannot be read (" + e.getMessage() + ")", e);
    }
    if (size == 0) {
      throw new ImportException(pbf + ": is empty, not an OpenStreetMap PBF file");
    }
    if (size == 0) {
      throw new ImportException(pbf + ": is empty, not an OpenStreetMap PBF file");
    }
    long total = 2 * size;
    long addedBefore = builder.size();
    SelectionPass first = new SelectionPass(filter, builder, progress, total, addedBefore);
    PbfPass.read(pbf, first, size);
    long[] needed = first.referencedNodeIds();
    long waysAdded = 0;
    long waysWithoutNodes = 0;
    if (!first.ways.isEmpty()) {
      WayNodesPass second = new WayNodesPass(needed, progress, size, total, builder.size() - addedBefore);
      PbfPass.read(pbf, second, size);
      try {
        for (SelectionPass.SelectedWay way : first.ways) {
          double[] centroid = second.centroid(way.nodeIds());
          if (centroid == null) {
            waysWithoutNodes++;
            continue;
          }
          add(builder, "way/" + way.id(), centroid[0], centroid[1], way.tags(), way.category());
          waysAdded++;
        }
      } catch (UncheckedIOException e) {
        throw PbfPass.failure(pbf, e.getCause());
      }
    }
    progress.update(total, total, builder.size() - addedBefore);
    return new Counts(first.nodesRead, first.waysRead, first.nodesAdded, waysAdded, waysWithoutNodes);
  }

  /** Adds one selected node or way to the builder, with its name, category and tags. */
  static void add(LocationIndexBuilder builder, String id, double lat, double lon,
      Map<String, String> tags, String category) {
    String name = tags.get("name");
    Map<String, String> properties = new LinkedHashMap<>();
    if (name != null) {
      properties.put("name", name);
    }
    properties.put("category", category);
    tags.forEach(properties::putIfAbsent);
    try {
      builder.add(id, new double[] {lat}, new double[] {lon}, name, category, properties);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new ImportException(e.getMessage(), e));
    }
  }
}
