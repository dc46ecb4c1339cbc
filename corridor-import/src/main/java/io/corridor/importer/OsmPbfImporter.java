package io.corridor.importer;

import com.google.protobuf.ProtocolStringList;
import crosby.binary.BinaryParser;
import crosby.binary.Osmformat;
import crosby.binary.file.BlockInputStream;
import crosby.binary.file.FileBlock;
import io.corridor.core.InvalidInputException;
import io.corridor.index.LocationIndex;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
 * ways' tags), never by the size of the file.
 */
public final class OsmPbfImporter {
  /** The PBF features this reader understands; a file that requires any other is refused. */
  private static final Set<String> SUPPORTED_FEATURES = Set.of("OsmSchema-V0.6", "DenseNodes");

  /** A qualified Java class name, as libraries put them in their messages. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*:? ?");

  private OsmPbfImporter() {}

  /** What one import read and added. */
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
  public static Counts importInto(Path pbf, TagFilter filter, LocationIndex.Builder builder,
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
    long total = 2 * size;
    long addedBefore = builder.size();
    FirstPass first = new FirstPass(filter, builder, progress, total, addedBefore);
    read(pbf, first, size);
    long[] needed = first.referencedNodeIds();
    long waysAdded = 0;
    long waysWithoutNodes = 0;
    if (!first.ways.isEmpty()) {
      SecondPass second = new SecondPass(needed, progress, size, total, builder.size() - addedBefore);
      read(pbf, second, size);
      try {
        for (SelectedWay way : first.ways) {
          double[] centroid = second.centroid(way.nodeIds);
          if (centroid == null) {
            waysWithoutNodes++;
            continue;
          }
          add(builder, "way/" + way.id, centroid[0], centroid[1], way.tags, way.category);
          waysAdded++;
        }
      } catch (UncheckedIOException e) {
        throw failure(pbf, e.getCause());
      }
    }
    progress.update(total, total, builder.size() - addedBefore);
    return new Counts(first.nodesRead, first.waysRead, first.nodesAdded, waysAdded, waysWithoutNodes);
  }

  /** Reads every block of the file into the parser, turning any failure into one naming the file. */
  private static void read(Path pbf, Pass pass, long size) throws ImportException {
    try (InputStream in = new CountingInputStream(
        new BufferedInputStream(Files.newInputStream(pbf), 1 << 16), pass)) {
      new BlockInputStream(in, pass).process();
      if (!pass.sawHeader) {
        throw new ImportException("not a valid OpenStreetMap PBF file (it does not start with an"
            + " OSMHeader block)");
      }
      // The block reader takes an end of file anywhere for the end of the data, so a file cut
      // short is caught here: the last complete block must end the file.
      if (pass.blockEnd != size) {
        throw new ImportException("not a valid OpenStreetMap PBF file (it ends inside a "
            + "block after byte " + pass.blockEnd + " of " + size + "; is it truncated?)");
      }
    } catch (UncheckedIOException e) {
      throw failure(pbf, e.getCause());
    } catch (IOException | RuntimeException e) {
      throw failure(pbf, e);
    }
  }

  private static ImportException failure(Path pbf, Throwable e) {
    if (e instanceof ImportException known) {
      return new ImportException(pbf + ": " + known.getMessage(), known);
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      detail = detail + ": " + e.getCause().getMessage();
    }
    // The libraries' class names (protobuf's, the PBF reader's) say nothing to a user.
    detail = CLASS_NAME.matcher(detail).replaceAll("").strip();
    return new ImportException(pbf + ": not a valid OpenStreetMap PBF file ("
        + InvalidInputException.quote(detail, 200, false) + ")", e);
  }

  private static void add(LocationIndex.Builder builder, String id, double lat, double lon,
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

  /** A selected way, kept from the first pass until its nodes' coordinates are known. */
  private record SelectedWay(long id, String category, Map<String, String> tags, long[] nodeIds) {}

  /** Receives the count of bytes read so far. */
  private interface ByteCounter {
    void bytesRead(long bytes);
  }

  /** One read of the file: tracks where the last complete block ended and reports progress. */
  private abstract static class Pass extends BinaryParser implements ByteCounter {
    long bytes;
    long blockEnd;
    boolean sawHeader;
    private long latOffset;
    private long lonOffset;

    @Override
    public void parse(Osmformat.PrimitiveBlock block) {
      latOffset = block.getLatOffset();
      lonOffset = block.getLonOffset();
      super.parse(block);
    }

    // Nanodegrees divided by 1e9 rather than multiplied by 1e-9: one correctly rounded operation
    // on an exact integer, so 43.7285103 comes out as the double nearest 43.7285103.
    @Override
    public double parseLat(long raw) {
      return (latOffset + (long) granularity * raw) / 1e9;
    }

    @Override
    public double parseLon(long raw) {
      return (lonOffset + (long) granularity * raw) / 1e9;
    }

    @Override
    public void bytesRead(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public void handleBlock(FileBlock block) {
      super.handleBlock(block);
      blockEnd = bytes;
      blockDone();
    }

    @Override
    protected void parse(Osmformat.HeaderBlock header) {
      sawHeader = true;
      checkFeatures(header);
    }

    @Override
    protected void parseRelations(List<Osmformat.Relation> relations) {}

    @Override
    public void complete() {}

    /** Called after each block, to report progress. */
    abstract void blockDone();
  }

  /** Adds the selected nodes and keeps the selected ways. */
  private static final class FirstPass extends Pass {
    private final TagFilter filter;
    private final LocationIndex.Builder builder;
    private final ImportProgress progress;
    private final long total;
    private final long addedBefore;
    private final List<SelectedWay> ways = new ArrayList<>();
    private long[] referenced = new long[1024];
    private int referencedCount;
    private long nodesRead;
    private long waysRead;
    private long nodesAdded;

    FirstPass(TagFilter filter, LocationIndex.Builder builder, ImportProgress progress, long total,
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
        add(builder, "node/" + id, lat, lon, tags, category);
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

  /** Looks up the coordinates of the nodes that the selected ways reference. */
  private static final class SecondPass extends Pass {
    private final long[] ids;
    private final double[] lat;
    private final double[] lon;
    private final ImportProgress progress;
    private final long offset;
    private final long total;
    private final long added;

    SecondPass(long[] ids, ImportProgress progress, long offset, long total, long added) {
      this.ids = ids;
      this.lat = new double[ids.length];
      this.lon = new double[ids.length];
      Arrays.fill(lat, Double.NaN);
      this.progress = progress;
      this.offset = offset;
      this.total = total;
      this.added = added;
    }

    @Override
    void blockDone() {
      progress.update(offset + bytes, total, added);
    }

    @Override
    protected void parseNodes(List<Osmformat.Node> nodes) {
      for (Osmformat.Node node : nodes) {
        keep(node.getId(), node.getLat(), node.getLon());
      }
    }

    @Override
    protected void parseDense(Osmformat.DenseNodes dense) {
      long id = 0;
      long rawLat = 0;
      long rawLon = 0;
      for (int i = 0; i < dense.getIdCount(); i++) {
        id += dense.getId(i);
        rawLat += dense.getLat(i);
        rawLon += dense.getLon(i);
        keep(id, rawLat, rawLon);
      }
    }

    private void keep(long id, long rawLat, long rawLon) {
      int k = Arrays.binarySearch(ids, id);
      if (k >= 0) {
        lat[k] = parseLat(rawLat);
        lon[k] = parseLon(rawLon);
      }
    }

    @Override
    protected void parseWays(List<Osmformat.Way> ways) {}

    /**
     * Returns the centroid {lat, lon} of the way's nodes that the file holds, or null if it holds
     * none of them. The centroid is the normalized mean of the nodes' unit vectors (the sphere's
     * own centroid, right across the antimeridian); a closed way's repeated last node is counted
     * once.
     */
    double[] centroid(long[] nodeIds) {
      int n = nodeIds.length;
      if (n > 1 && nodeIds[0] == nodeIds[n - 1]) {
        n--;
      }
      double x = 0;
      double y = 0;
      double z = 0;
      int found = 0;
      double firstLat = 0;
      double firstLon = 0;
      for (int k = 0; k < n; k++) {
        int at = Arrays.binarySearch(ids, nodeIds[k]);
        if (at < 0 || Double.isNaN(lat[at])) {
          continue; // outside the extract
        }
        double phi = Math.toRadians(lat[at]);
        double lambda = Math.toRadians(lon[at]);
        x += Math.cos(phi) * Math.cos(lambda);
        y += Math.cos(phi) * Math.sin(lambda);
        z += Math.sin(phi);
        if (found++ == 0) {
          firstLat = lat[at];
          firstLon = lon[at];
        }
      }
      if (found == 0) {
        return null;
      }
      double norm = Math.sqrt(x * x + y * y + z * z);
      if (found == 1 || norm < 1e-9 * found) {
        return new double[] {firstLat, firstLon}; // one node, or nodes that cancel out
      }
      return new double[] {Math.toDegrees(Math.atan2(z, Math.hypot(x, y))),
          Math.toDegrees(Math.atan2(y, x))};
    }
  }

  private static void checkFeatures(Osmformat.HeaderBlock header) {
    ProtocolStringList required = header.getRequiredFeaturesList();
    for (String feature : required) {
      if (!SUPPORTED_FEATURES.contains(feature)) {
        throw new UncheckedIOException(new ImportException(
            "requires the PBF feature '" + feature + "', which this importer does not support"));
      }
    }
  }

  /** Counts the bytes read from a stream and tells a counter. */
  private static final class CountingInputStream extends FilterInputStream {
    private final ByteCounter counter;
    private long count;

    CountingInputStream(InputStream in, ByteCounter counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.bytesRead(++count);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        counter.bytesRead(count);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      counter.bytesRead(count);
      return skipped;
    }
  }
}
