package io.corridor.importer;

import com.google.protobuf.ByteString;
import crosby.binary.Osmformat;
import crosby.binary.file.BlockOutputStream;
import crosby.binary.file.FileBlock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small OpenStreetMap PBF files for tests, with the format library's own block writer;
 * shared with other modules' tests through this module's test jar.
 */
public final class TestPbf {
  private final List<Osmformat.PrimitiveGroup.Builder> groups = new ArrayList<>();
  private final List<String> strings = new ArrayList<>(List.of(""));
  private final Map<String, Integer> stringIds = new HashMap<>();
  private Osmformat.DenseNodes.Builder dense;
  private long lastId;
  private long lastLat;
  private long lastLon;

  /** Adds a node to the dense-node group (the encoding real extracts use); tags as key, value pairs. */
  public TestPbf denseNode(long id, double lat, double lon, String... tags) {
    if (dense == null) {
      dense = Osmformat.DenseNodes.newBuilder();
    }
    long rawLat = raw(lat);
    long rawLon = raw(lon);
    dense.addId(id - lastId).addLat(rawLat - lastLat).addLon(rawLon - lastLon);
    lastId = id;
    lastLat = rawLat;
    lastLon = rawLon;
    for (int k = 0; k < tags.length; k += 2) {
      dense.addKeysVals(string(tags[k])).addKeysVals(string(tags[k + 1]));
    }
    dense.addKeysVals(0);
    return this;
  }

  /** Adds a node in the plain (non-dense) encoding. */
  public TestPbf node(long id, double lat, double lon, String... tags) {
    Osmformat.Node.Builder node = Osmformat.Node.newBuilder().setId(id).setLat(raw(lat)).setLon(raw(lon));
    for (int k = 0; k < tags.length; k += 2) {
      node.addKeys(string(tags[k])).addVals(string(tags[k + 1]));
    }
    groups.add(Osmformat.PrimitiveGroup.newBuilder().addNodes(node));
    return this;
  }

  /** Adds a way over the given node ids. */
  public TestPbf way(long id, long[] nodeIds, String... tags) {
    Osmformat.Way.Builder way = Osmformat.Way.newBuilder().setId(id);
    long last = 0;
    for (long ref : nodeIds) {
      way.addRefs(ref - last);
      last = ref;
    }
    for (int k = 0; k < tags.length; k += 2) {
      way.addKeys(string(tags[k])).addVals(string(tags[k + 1]));
    }
    groups.add(Osmformat.PrimitiveGroup.newBuilder().addWays(way));
    return this;
  }

  /** Writes the header block and one data block with everything added. */
  public void write(Path file) throws IOException {
    Osmformat.PrimitiveBlock.Builder block = Osmformat.PrimitiveBlock.newBuilder();
    Osmformat.StringTable.Builder table = Osmformat.StringTable.newBuilder();
    for (String s : strings) {
      table.addS(ByteString.copyFromUtf8(s));
    }
    block.setStringtable(table);
    if (dense != null) {
      block.addPrimitivegroup(Osmformat.PrimitiveGroup.newBuilder().setDense(dense));
    }
    for (Osmformat.PrimitiveGroup.Builder g : groups) {
      block.addPrimitivegroup(g);
    }
    Osmformat.HeaderBlock header = Osmformat.HeaderBlock.newBuilder()
        .addRequiredFeatures("OsmSchema-V0.6").addRequiredFeatures("DenseNodes").build();
    try (OutputStream os = Files.newOutputStream(file);
        BlockOutputStream out = new BlockOutputStream(os)) {
      out.write(FileBlock.newInstance("OSMHeader", header.toByteString(), null));
      out.write(FileBlock.newInstance("OSMData", block.build().toByteString(), null));
    }
  }

  /** Writes a file whose header requires a feature the importer does not know. */
  public static void writeRequiring(Path file, String feature) throws IOException {
    Osmformat.HeaderBlock header = Osmformat.HeaderBlock.newBuilder()
        .addRequiredFeatures("OsmSchema-V0.6").addRequiredFeatures(feature).build();
    try (OutputStream os = Files.newOutputStream(file);
        BlockOutputStream out = new BlockOutputStream(os)) {
      out.write(FileBlock.newInstance("OSMHeader", header.toByteString(), null));
    }
  }

  /** Returns a coordinate in the default granularity of 100 nanodegrees. */
  private static long raw(double degrees) {
    return Math.round(degrees * 1e7);
  }

  private int string(String s) {
    return stringIds.computeIfAbsent(s, k -> {
      strings.add(k);
      return strings.size() - 1;
    });
  }
}
