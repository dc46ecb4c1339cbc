package io.corridor.importer;

import crosby.binary.Osmformat;
import io.corridor.index.LocationIndexBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first pass over a PBF file: adds the nodes the filter selects to the builder, and keeps the
 * selected ways with the ids of their nodes, whose coordinates come later in the file.
 */
final class SelectionPass extends PbfPass {
  /** A selected way, kept from the first pass until its nodes' coordinates are known. */
  record SelectedWay(long id, String category, Map<String, String> tags, long[] nodeIds) {}

  private final TagFilter filter;
  private final LocationIndexBuilder builder;
  private final ImportProgress progress;
  private final long total;
  private final long addedBefore;
  final List<SelectedWay> ways = new ArrayList<>();
  private long[] referenced = new long[1024];
  private int referencedCount;
  long nodesRead;
  long waysRead;
  long nodesAdded;

  SelectionPass(TagFilter filter, LocationIndexBuilder builder, ImportProgress progress, long total,
      long addedBefore) {
    this.filter = filter;
    this.builder = builder;
    this.progress = progress;
    this.total = total;
    this.addedBefore = addedBefore;
  }

  @Override
  void blockDone() {
    progress.update(bytes, total, builder.size() - addedBefore);
  }

  @Override
  protected void parseNodes(List<Osmformat.Node> nodes) {
    for (Osmformat.Node node : nodes) {
      nodesRead++;
      Map<String, String> tags = tags(node.getKeysList(), node.getValsList());
      node(node.getId(), parseLat(node.getLat()), parseLon(node.getLon()), tags);
    }
  }

  @Override
  protected void parseDense(Osmformat.DenseNodes dense) {
    long id = 0;
    long lat = 0;
    long lon = 0;
    int kv = 0;
    int kvCount = dense.getKeysValsCount();
    for (int i = 0; i < dense.getIdCount(); i++) {
      // Ids and coordinates are delta-coded; tags are key/value string indexes, 0 ends a node.
      id += dense.getId(i);
      lat += dense.getLat(i);
      lon += dense.getLon(i);
      nodesRead++;
      Map<String, String> tags = Map.of();
      if (kv < kvCount && dense.getKeysVals(kv) != 0) {
        tags = new LinkedHashMap<>();
        while (kv < kvCount && dense.getKeysVals(kv) != 0) {
          tags.put(getStringById(dense.getKeysVals(kv)), getStringById(dense.getKeysVals(kv + 1)));
          kv += 2;
        }
      }
      kv++;
      node(id, parseLat(lat), parseLon(lon), tags);
    }
  }

  private void node(long id, double lat, double lon, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    String category = filter.category(tags);
    if (category != null) {
      OsmPbfImporter.add(builder, "node/" + id, lat, lon, tags, category);
      nodesAdded++;
    }
  }

  @Override
  protected void parseWays(List<Osmformat.Way> list) {
    for (Osmformat.Way way : list) {
      waysRead++;
      if (way.getKeysCount() == 0) {
        continue;
      }
      Map<String, String> tags = tags(way.getKeysList(), way.getValsList());
      String category = filter.category(tags);
      if (category == null) {
        continue;
      }
      long[] nodeIds = new long[way.getRefsCount()];
      long ref = 0;
      for (int k = 0; k < nodeIds.length; k++) {
        ref += way.getRefs(k); // delta-coded
        nodeIds[k] = ref;
      }
      ways.add(new SelectedWay(way.getId(), category, tags, nodeIds));
      if (referencedCount + nodeIds.length > referenced.length) {
        referenced = Arrays.copyOf(referenced, Math.max(referenced.length * 2,
            referencedCount + nodeIds.length));
      }
      System.arraycopy(nodeIds, 0, referenced, referencedCount, nodeIds.length);
      referencedCount += nodeIds.length;
    }
  }

  /** Returns the distinct ids of the nodes that the selected ways reference, ascending. */
  long[] referencedNodeIds() {
    long[] ids = Arrays.copyOf(referenced, referencedCount);
    referenced = null;
    Arrays.sort(ids);
    int n = 0;
    for (int k = 0; k < ids.length; k++) {
      if (n == 0 || ids[k] != ids[n - 1]) {
        ids[n++] = ids[k];
      }
    }
    return Arrays.copyOf(ids, n);
  }

  private Map<String, String> tags(List<Integer> keys, List<Integer> values) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      tags.put(getStringById(keys.get(k)), getStringById(values.get(k)));
    }
    return tags;
  }
}
