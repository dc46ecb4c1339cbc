package io.corridor.server;

import io.corridor.core.geo.Route;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Where the next page of a search starts: the sort key and id of the last match returned, bound
 * to the query (route, radius, categories, order) by a checksum so that a token is not replayed
 * against another query. Carried as an opaque URL-safe string. Immutable.
 */
record Continuation(double key, String id, int query) {
  private static final byte VERSION = 2;

  /** Returns the token's text. */
  String encode() {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + idBytes.length);
    b.put(VERSION).putDouble(key).putInt(query).put(idBytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * Reads a token issued for {@code query}.
   *
   * @throws Problem 400 at {@code at} if it is malformed or belongs to another query
   */
  static Continuation decode(String token, int query, String at) {
    ByteBuffer b;
    try {
      b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(at, "the continuation token is not one this server issued");
    }
    if (b.remaining() < 13 || b.get() != VERSION) {
      throw Problem.badRequest(at, "the continuation token is not one this server issued");
    }
    double key = b.getDouble();
    int issuedFor = b.getInt();
    byte[] id = new byte[b.remaining()];
    b.get(id);
    if (!Double.isFinite(key)) {
      throw Problem.badRequest(at, "the continuation token is not one this server issued");
    }
    if (issuedFor != query) {
      throw Problem.badRequest(at, "the continuation token belongs to another query: keep the route, "
          + "radius, categories and sort of the first page");
    }
    return new Continuation(key, new String(id, StandardCharsets.UTF_8), query);
  }

  /** Returns the checksum of a query: what must stay the same from page to page. */
  static int query(Route route, double radiusMeters, Set<String> categories, CorridorLibrary.SortOrder sort) {
    ByteBuffer b = ByteBuffer.allocate(16 * route.size() + 9);
    for (int i = 0; i < route.size(); i++) {
      b.putDouble(route.latDegrees(i)).putDouble(route.lonDegrees(i));
    }
    b.putDouble(radiusMeters).put((byte) sort.ordinal());
    CRC32C crc = new CRC32C();
    crc.update(b.flip());
    for (String c : new TreeSet<>(categories)) {
      crc.update(c.getBytes(StandardCharsets.UTF_8));
      crc.update(0);
    }
    return (int) crc.getValue();
  }
}
