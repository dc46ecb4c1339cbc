package io.corridor.synthetic;

/**
 * A town of the synthetic data set: its name and centre, around which its locations cluster and
 * between which roads run. Immutable.
 */
public record Town(String name, double latDegrees, double lonDegrees) {}
