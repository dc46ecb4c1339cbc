package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolylineCodecTest {
  /** The example of Google's polyline documentation. */
  static final String GOOGLE_P5 = "_p~iF~ps|U_ulLnnqC_mqNvxq`@";
  /** The same three points at precision 6, as the reference JavaScript library encodes them. */
  static final String GOOGLE_P6 = "_izlhA~rlgdF_{geC~ywl@_kwzCn`{nI";
  static final double[] LAT = {38.5, 40.7, 43.252};
  static final double[] LON = {-120.2, -120.95, -126.453};

  @Test
  void decodesGoogleExampleAtPrecision5() {
    Route r = PolylineCodec.decode(GOOGLE_P5, 5);
    assertThat(r.latitudes()).containsExactly(LAT);
    assertThat(r.longitudes()).containsExactly(LON);
  }

  @Test
  void decodesGoogleExampleAtPrecision6() {
    Route r = PolylineCodec.decode(GOOGLE_P6, 6);
    assertThat(r.latitudes()).containsExactly(LAT);
    assertThat(r.longitudes()).containsExactly(LON);
  }

  @Test
  void encodesGoogleExample() {
    assertThat(PolylineCodec.encode(LAT, LON, 5)).isEqualTo(GOOGLE_P5);
    assertThat(PolylineCodec.encode(LAT, LON, 6)).isEqualTo(GOOGLE_P6);
  }

  @Test
  void decodesSinglePointAndExtremes() {
    Route r = PolylineCodec.decode(PolylineCodec.encode(
        new double[] {-90, 0, 90}, new double[] {180, -180, 0}, 6), 6);
    assertThat(r.latitudes()).containsExactly(-90, 0, 90);
    assertThat(r.longitudes()).containsExactly(180, -180, 0);
    assertThat(PolylineCodec.decode("??", 5).latitudes()).containsExactly(0);
  }

  @Test
  void roundTripsRandomRoutesToThePrecision() {
    Random random = new Random(42);
    for (int precision = 5; precision <= 6; precision++) {
      int n = 200;
      double[] lat = new double[n];
      double[] lon = new double[n];
      for (int i = 0; i < n; i++) {
        lat[i] = random.nextDouble() * 180 - 90;
        lon[i] = random.nextDouble() * 360 - 180;
      }
      Route r = PolylineCodec.decode(PolylineCodec.encode(lat, lon, precision), precision);
      double tolerance = 0.5 * Math.pow(10, -precision) + 1e-12;
      for (int i = 0; i < n; i++) {
        assertThat(r.latDegrees(i)).isCloseTo(lat[i], within(tolerance));
        assertThat(r.lonDegrees(i)).isCloseTo(lon[i], within(tolerance));
      }
    }
  }

  @Test
  void refusesACharacterOutsideTheAlphabetNamingItsPosition() {
    assertThatThrownBy(() -> PolylineCodec.decode("_p~iF ~ps|U", 5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("polyline character 6 U+0020 is not a polyline character"
            + " (expected ASCII 63 '?' to 126 '~')");
    assertThatThrownBy(() -> PolylineCodec.decode("_p~iF~ps|U!", 5))
        .hasMessageStartingWith("polyline character 11 '!' is not a polyline character");
  }

  @Test
  void refusesATruncatedValue() {
    assertThatThrownBy(() -> PolylineCodec.decode("_p~iF~ps|", 5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("polyline ends in the middle of a value (the last character, 9, asks for more)");
  }

  @Test
  void refusesALatitudeWithoutLongitude() {
    assertThatThrownBy(() -> PolylineCodec.decode("_p~iF~ps|U_ulL", 5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("polyline ends after a latitude with no longitude"
            + " (vertex 2 starts at character 11)");
  }

  @Test
  void refusesAnOverlongValue() {
    assertThatThrownBy(() -> PolylineCodec.decode("~~~~~~~~?", 5))
        .hasMessage("polyline value ending at character 8 is longer than 7 characters"
            + " (too large to be a coordinate)");
  }

  @Test
  void refusesEmptyAndOutOfRange() {
    assertThatThrownBy(() -> PolylineCodec.decode("", 5)).hasMessage("polyline is empty");
    // Latitude 91 at precision 5.
    String tooFar = PolylineCodec.encode(new double[] {91}, new double[] {0}, 5);
    assertThatThrownBy(() -> PolylineCodec.decode(tooFar, 5))
        .hasMessage("route vertex 1: latitude 91.0 is outside [-90, 90]");
  }

  @Test
  void refusesAnUnsupportedPrecision() {
    assertThatThrownBy(() -> PolylineCodec.decode(GOOGLE_P5, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("polyline precision 0 is outside [1, 7]");
  }
}
