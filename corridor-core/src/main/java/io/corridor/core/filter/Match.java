package io.corridor.core.filter;

/**
 * A location inside the corridor: its index in the {@link io.corridor.core.location.LocationSet},
 * the smallest distance from any of its points to the route, and the offset along the route of the
 * route point nearest to that point.
 */
public record Match(int location, double distanceMeters, double offsetMeters) {}
