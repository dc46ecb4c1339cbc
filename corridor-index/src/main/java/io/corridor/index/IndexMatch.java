package io.corridor.index;

/**
 * A location of the index inside the corridor: its number in the index (for its name, category and
 * properties), its id, and its distance to and offset along the route in metres, as the filter
 * gives them.
 */
public record IndexMatch(int location, String id, double distanceMeters, double offsetMeters) {}
