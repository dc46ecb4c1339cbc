package io.corridor.index;

import static io.corridor.index.SearchAgainstFilterTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locations within a cell in sub-cell order: the layout puts them so, the search skips the
 * sub-cells that keep no arc without reading their locations, and a version 2 snapshot (cells in
 * arrival order) is still read and searched location by location with the same answers.
 */
class SubCellOrderTest {
  @TempDir Path dir;

  @Test
  void mortonCodesInterleaveTheSubCellsBits() {
    // Hand-worked: i = 2 (010), j = 3 (011) interleave, i's bit first, to 00 11 01 = 13.
    assertThat(SubCellOrder.morton(0, 0)).isZero();
    assertThat(SubCellOrder.morton(0, 1)).isEqualTo(1);
    assertThat(SubCellOrder.morton(1, 0)).isEqualTo(2);
    assertThat(SubCellOrder.morton(1, 1)).isEqualTo(3);
    assertThat(SubCellOrder.morton(0, 2)).isEqualTo(4);
    assertThat(SubCellOrder.morton(2, 3)).isEqualTo(13);
    assertThat(SubCellOrder.morton(7, 7)).isEqualTo(63);
    // Each 2 × 2 and 4 × 4 sub-cell is a run of consecutive codes.
    for (int shift = 1; shift <= 2; shift++) {
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
          int coarse = SubCellOrder.morton(i >> shift, j >> shift);
          assertThat(SubCellOrder.morton(i, j) >> (2 * shift)).isEqualTo(coarse);
        }
      }
    }
  }

  @Test
  void eachCellListsItsLocationsBySubCellThenMultiPointOnes() {
    LocationIndex index = LocationIndex.of(town(new Random(2), 20_000));
    int cells = index.cellKeys().capacity();
    assertThat(cells).isGreaterThan(10);
    for (int d = 0; d < cells; d++) {
      int key = index.cellKeys().get(d);
      int row = key / CellGrid.COLUMNS;
      int column = key % CellGrid.COLUMNS;
      double south = row / (double) CellGrid.CELLS_PER_DEGREE - 90;
      double west = column / (double) CellGrid.CELLS_PER_DEGREE - 180;
      int previous = -1;
      for (int loc = index.cellStarts().get(d); loc < index.cellStarts().get(d + 1); loc++) {
        int p = index.pointStart(loc);
        int code;
        if (index.pointEnd(loc) - p > 1) {
          code = 64;
        } else {
          // The sub-cell from the coordinates, eighths of the cell counted from its south-west.
          int i = Math.min(7, (int) ((index.latDegrees(p) - south) * CellGrid.CELLS_PER_DEGREE * 8));
          int j = Math.min(7, (int) ((index.lonDegrees(p) - west) * CellGrid.CELLS_PER_DEGREE * 8));
          code = SubCellOrder.morton(i, j);
        }
        assertThat(code).as("cell %d location %d", key, loc).isGreaterThanOrEqualTo(previous);
        previous = code;
      }
    }
  }

  @Test
  void aVersionTwoSnapshotIsSearchedLocationByLocationWithTheSameAnswers() throws IOException {
    LocationSet set = town(new Random(3), 30_000);
    Path v3 = dir.resolve("v3.corridx");
    Snapshot.write(LocationIndex.of(set), v3);
    Path v2 = dir.resolve("v2.corridx");
    Files.write(v2, asVersion(Files.readAllBytes(v3), Snapshot.UNORDERED_CELLS_VERSION));
    try (LocationIndex ordered = Snapshot.open(v3); LocationIndex unordered = Snapshot.open(v2)) {
      assertThat(ordered.subCellOrdered()).isTrue();
      assertThat(unordered.subCellOrdered()).isFalse();
      Random random = new Random(4);
      for (int trial = 0; trial < 12; trial++) {
        Route route = SearchAgainstFilterTest.denseRoute(random, 46.2 + random.nextGaussian() * 0.01,
            6.1 + random.nextGaussian() * 0.01);
        double radius = new double[] {10, 80, 400}[trial % 3];
        Corridor corridor = Corridor.of(route, radius);
        List<Match> expected = FastFilter.singleThreaded().filter(corridor, set);
        String context = "trial " + trial + " r=" + radius;
        SearchResult fromOrdered = ordered.searchResult(corridor, SearchOptions.all());
        SearchResult fromUnordered = unordered.searchResult(corridor, SearchOptions.all());
        assertSame(fromOrdered.matches(), expected, set, context + " v3");
        assertSame(fromUnordered.matches(), expected, set, context + " v2");
        // Skipped sub-cells are not read: fewer locations examined than one by one.
        assertThat(fromOrdered.candidates()).as(context).isLessThan(fromUnordered.candidates());
        List<Match> byDistance = new ArrayList<>(expected);
        byDistance.sort(Comparator.comparingDouble(Match::distanceMeters).thenComparing(m -> set.id(m.location())));
        SearchOptions top = SearchOptions.builder().limit(25).sort(SearchOptions.Sort.DISTANCE).build();
        assertSame(ordered.search(corridor, top), byDistance.subList(0, Math.min(25, byDistance.size())), set, context);
        assertSame(unordered.search(corridor, top), byDistance.subList(0, Math.min(25, byDistance.size())), set, context);
      }
      // A version 2 index is written back as version 2: its cells are not in sub-cell order.
      Path again = dir.resolve("again.corridx");
      Snapshot.write(unordered, again);
      assertThat(ByteBuffer.wrap(Files.readAllBytes(again)).order(ByteOrder.LITTLE_ENDIAN).getInt(8))
          .isEqualTo(Snapshot.UNORDERED_CELLS_VERSION);
    }
  }

  /** A town around Geneva: most locations single points, one in ten of two to four points. */
  private static LocationSet town(Random random, int count) {
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < count; i++) {
      int loc = b.location("t" + i, Map.of());
      int points = random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1;
      for (int k = 0; k < points; k++) {
        b.point(loc, 46.2 + random.nextGaussian() * 0.02, 6.1 + random.nextGaussian() * 0.03);
      }
    }
    return b.build();
  }

  /** Returns a snapshot's bytes with another format version, the header's checksum made anew. */
  private static byte[] asVersion(byte[] snapshot, int version) {
    byte[] out = snapshot.clone();
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(8, version);
    int headerEnd = 40 + 24 * b.getInt(16);
    CRC32C crc = new CRC32C();
    crc.update(out, 0, headerEnd);
    b.putInt(headerEnd, (int) crc.getValue());
    return out;
  }
}
