package io.corridor.core.geo;

/**
 * Where a point lies relative to a corridor, as {@link Corridor#test} measures it: its
 * great-circle distance to the route, the offset along the route of the route point nearest to
 * it, and whether it is inside (distance at most the radius, decided exactly as the filters do).
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param inside whether the point is inside the corridor
 * @param distanceMeters the distance in metres from the point to the route
 * @param offsetMeters the length in metres along the route, from its first vertex, to the route
 *     point nearest the point (the smallest such offset where several are equally close)
 */
public record Proximity(boolean inside, double distanceMeters, double offsetMeters) {}
