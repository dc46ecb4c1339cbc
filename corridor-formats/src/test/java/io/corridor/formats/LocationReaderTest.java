package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.location.LocationSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading into a sink: rows and features handed over one by one, in file order, ungrouped. */
class LocationReaderTest {
  @TempDir Path dir;

  @Test
  void aCsvReachesTheSinkRowByRowWithItsColumnsFirst() throws IOException {
    Path csv = Files.writeString(dir.resolve("a.csv"),
        "id,lat,lon,name\na,1,2,P\nb,3,4,Q\na,5,6,R\n");
    Recorder sink = new Recorder();

    LocationReader.read(csv, "id", sink);

    assertThat(sink.calls).containsExactly(
        "columns [name]",
        "location a [P] -> 0", "point 0 1.0 2.0",
        "location b [Q] -> 1", "point 1 3.0 4.0",
        "location a [R] -> 2", "point 2 5.0 6.0");
  }

  @Test
  void aGeoJsonMultiPointReachesTheSinkAsOneLocationAndItsPoints() throws IOException {
    Path geojson = Files.writeString(dir.resolve("b.geojson"), """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"m","geometry":{"type":"MultiPoint","coordinates":[[2,1],[4,3]]},
           "properties":{"name":"P"}},
          {"type":"Feature","properties":{"id":7},"geometry":{"type":"Point","coordinates":[6,5]}}]}
        """);
    Recorder sink = new Recorder();

    LocationReader.read(geojson, "id", sink);

    assertThat(sink.calls).containsExactly(
        "location m {name=P} -> 0", "point 0 1.0 2.0", "point 0 3.0 4.0",
        "location 7 {id=7} -> 1", "point 1 5.0 6.0");
  }

  @Test
  void aSinkThatRefusesARowIsNamedByItsLineOrFeature() throws IOException {
    Path csv = Files.writeString(dir.resolve("a.csv"), "id,lat,lon\na,1,2\nb,3,4\n");
    Path geojson = Files.writeString(dir.resolve("b.geojson"), """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[2,1]}},
          {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[4,3]}}]}
        """);
    Recorder refusesB = new Recorder() {
      @Override
      public int location(String id, Object properties) {
        if (id.equals("b")) {
          throw new IllegalArgumentException("no room for b");
        }
        return super.location(id, properties);
      }
    };

    assertThatThrownBy(() -> LocationReader.read(csv, "id", refusesB))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(csv + ": line 3: no room for b");
    assertThatThrownBy(() -> LocationReader.read(geojson, "id", refusesB))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(geojson + ": feature 2 (line 3): no room for b");
  }

  /** Records every call, numbering each location call anew as a sink that does not group would. */
  private static class Recorder implements LocationSink {
    final List<String> calls = new ArrayList<>();
    private int locations;

    @Override
    public void columns(List<String> names) {
      calls.add("columns " + names);
    }

    @Override
    public int location(String id, Object properties) {
      String shown = properties instanceof String[] values ? Arrays.toString(values)
          : String.valueOf((Map<?, ?>) properties);
      calls.add("location " + id + " " + shown + " -> " + locations);
      return locations++;
    }

    @Override
    public void point(int location, double latDegrees, double lonDegrees) {
      calls.add("point " + location + " " + latDegrees + " " + lonDegrees);
    }
  }
}
