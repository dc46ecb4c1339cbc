package io.corridor.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request pool read back from the directory {@link PoolWriter} wrote, every body in memory once,
 * for replay by the load test. Immutable and safe to share between threads.
 */
public final class RequestPool {
  private final List<PoolRequest> requests;
  private final long distinctBodyBytes;

  private RequestPool(List<PoolRequest> requests, long distinctBodyBytes) {
    this.requests = List.copyOf(requests);
    this.distinctBodyBytes = distinctBodyBytes;
  }

  /** Reads the pool in {@code directory}; the message of a failure names the file and line. */
  public static RequestPool read(Path directory) throws IOException {
    Path manifest = directory.resolve(PoolWriter.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new IOException(manifest + ": missing; generate the pool first (GeneratePool)");
    }
    List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(PoolWriter.HEADER)) {
      throw new IOException(manifest + ": line 1 must be the header '" + PoolWriter.HEADER + "'");
    }
    Map<String, byte[]> bodies = new HashMap<>();
    long bodyBytes = 0;
    List<PoolRequest> requests = new ArrayList<>(lines.size() - 1);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", -1);
      if (f.length != 4) {
        throw new IOException(manifest + ": line " + (i + 1) + " has " + f.length + " fields, not 4");
      }
      byte[] body = null;
      if (!f[3].equals("-")) {
        if (f[3].contains("/") || f[3].contains("\\")) {
          throw new IOException(manifest + ": line " + (i + 1) + ": body '" + f[3] + "' is not a plain file name");
        }
        body = bodies.get(f[3]);
        if (body == null) {
          body = Files.readAllBytes(directory.resolve(PoolWriter.BODIES).resolve(f[3]));
          bodies.put(f[3], body);
          bodyBytes += body.length;
        }
      }
      requests.add(new PoolRequest(f[0], f[1], f[2], body));
    }
    if (requests.isEmpty()) {
      throw new IOException(manifest + ": no requests");
    }
    return new RequestPool(requests, bodyBytes);
  }

  /** Returns the requests in replay order. */
  public List<PoolRequest> requests() {
    return requests;
  }

  /** Returns the number of requests. */
  public int size() {
    return requests.size();
  }

  /** Returns the request at {@code index} modulo the pool's size: the pool replays in a loop. */
  public PoolRequest get(long index) {
    return requests.get((int) Math.floorMod(index, (long) requests.size()));
  }

  /** Returns the bytes of the distinct bodies held in memory. */
  public long distinctBodyBytes() {
    return distinctBodyBytes;
  }
}
