package io.corridor.index;

/**
 * A location of the index inside the corridor as the search finds it: its number in the index,
 * its id (read to sort ties), and its distance to and offset along the route in metres.
 */
record IndexMatch(int location, String id, double distanceMeters, double offsetMeters) {}
