package io.corridor.importer;

import crosby.binary.Osmformat;
import java.util.Arrays;
import java.util.List;

/**
 * The second pass over a PBF file: looks up the coordinates of the nodes that the selected ways
 * reference, and gives each way's centroid.
 */
final class WayNodesPass extends PbfPass {
  private final long[] ids;
  private final double[] lat;
  private final double[] lon;
  private final ImportProgress progress;
  private final long offset;
  private final long total;
  private final long added;

  WayNodesPass(long[] ids, ImportProgress progress, long offset, long total, long added) {
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
