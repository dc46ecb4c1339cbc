package io.corridor.synthetic;

/**
 * The SplitMix64 generator, written out here rather than taken from {@code java.util} so that a
 * seed gives the same numbers on every JDK version and machine: the JDK documents the sequences of
 * {@code SplittableRandom} and {@code nextGaussian} as implementation details.
 */
final class SplitMix64 {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * Returns the generator of stream {@code stream} under {@code seed}: the start is hashed, not
   * stepped, so that neighbouring streams never replay each other's numbers shifted by one.
   */
  static SplitMix64 stream(long seed, long stream) {
    return new SplitMix64(mix(mix(seed) ^ mix(stream + GAMMA)));
  }

  /** Returns the next 64 uniformly distributed bits. */
  long nextLong() {
    state += GAMMA;
    return mix(state);
  }

  /** Returns a uniform double in [0, 1) with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Returns a uniform int in [0, bound), for bound in [1, 2^31). */
  int nextInt(int bound) {
    // Multiply-shift on 31 random bits: bias below 2^-31 per value, far below what is visible here.
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  /** Returns a standard normal deviate (Box-Muller, with StrictMath so every JVM agrees). */
  double nextGaussian() {
    double u = 1.0 - nextDouble(); // (0, 1]: log is finite
    double v = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * Math.PI * v);
  }

  /** The SplitMix64 finaliser (Stafford's variant 13): a bijection that scatters every input bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
