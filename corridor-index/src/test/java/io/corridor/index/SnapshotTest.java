package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot files: what is written is read back identically and answers the same searches, and a
 * damaged file (truncated, a flipped byte anywhere, another format or version) is refused with a
 * message naming what is wrong, before any of it is used.
 */
class SnapshotTest {
  @TempDir Path dir;

  @Test
  void aWrittenIndexReadsBackIdentically() throws IOException {
    LocationIndex index = sample(2_000, new Random(1));
    Path file = dir.resolve("index.snapshot");
    Snapshot.write(index, file);
    LocationIndex opened = Snapshot.open(file);

    assertThat(opened.size()).isEqualTo(index.size());
    assertThat(opened.pointCount()).isEqualTo(index.pointCount());
    assertThat(opened.cellCount()).isEqualTo(index.cellCount());
    assertThat(opened.sizeBytes()).isEqualTo(index.sizeBytes());
    for (int i = 0; i < index.size(); i++) {
      assertThat(opened.id(i)).isEqualTo(index.id(i));
      assertThat(opened.name(i)).isEqualTo(index.name(i));
      assertThat(opened.category(i)).isEqualTo(index.category(i));
      assertThat(opened.properties(i)).containsExactlyEntriesOf(index.properties(i));
      assertThat(opened.pointEnd(i)).isEqualTo(index.pointEnd(i));
      for (int p = index.pointStart(i); p < index.pointEnd(i); p++) {
        assertThat(opened.latDegrees(p)).isEqualTo(index.latDegrees(p));
        assertThat(opened.lonDegrees(p)).isEqualTo(index.lonDegrees(p));
      }
    }
    Corridor corridor = Corridor.of(Route.of(new double[] {45, 47}, new double[] {5, 8}), 20_000);
    List<Match> expected = index.search(corridor, SearchOptions.all());
    assertThat(expected).isNotEmpty();
    assertThat(opened.search(corridor, SearchOptions.all())).isEqualTo(expected);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temporary file left beside it
    }
  }

  @Test
  void aSectionLargerThanOneWriteChunkIsWrittenWhole() throws IOException {
    // 700 000 points: 5.6 MB of latitudes, written in 4 MiB chunks.
    LocationIndexBuilder b = LocationIndex.builder();
    int location = b.location("many", null, null, null);
    for (int k = 0; k < 700_000; k++) {
      b.point(location, -60 + k * 1e-4, k * 2e-4 - 70);
    }
    Path file = dir.resolve("large.snapshot");
    Snapshot.write(b.build(), file);
    LocationIndex opened = Snapshot.open(file);

    assertThat(opened.pointCount()).isEqualTo(700_000);
    assertThat(opened.latDegrees(699_999)).isEqualTo(-60 + 699_999 * 1e-4);
    assertThat(opened.lonDegrees(524_288)).isEqualTo(524_288 * 2e-4 - 70);
  }

  @Test
  void anEmptyIndexRoundTrips() throws IOException {
    Path file = dir.resolve("empty.snapshot");
    Snapshot.write(LocationIndex.builder().build(), file);
    LocationIndex opened = Snapshot.open(file);
    assertThat(opened.size()).isZero();
    assertThat(opened.search(Corridor.of(Route.of(new double[] {0, 1}, new double[] {0, 1}), 1e6),
        SearchOptions.all())).isEmpty();
  }

  @Test
  void writingReplacesAnExistingSnapshot() throws IOException {
    Path file = dir.resolve("index.snapshot");
    Snapshot.write(sample(10, new Random(2)), file);
    Snapshot.write(sample(20, new Random(3)), file);
    assertThat(Snapshot.open(file).size()).isEqualTo(20);
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    Path file = dir.resolve("index.snapshot");
    Snapshot.write(sample(500, new Random(4)), file);
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {bytes.length - 1, bytes.length / 2, 100, 20, 0}) {
      Path cut = dir.resolve("cut-" + length);
      Files.write(cut, java.util.Arrays.copyOf(bytes, length));
      assertThatThrownBy(() -> Snapshot.open(cut))
          .isInstanceOf(InvalidSnapshotException.class)
          .hasMessageContaining(cut.toString())
          .satisfies(e -> assertThat(((InvalidSnapshotException) e).problem())
              .containsAnyOf("truncated", "header checksum"));
    }
  }

  @Test
  void aFlippedByteInAnySectionIsRefusedNamingTheSection() throws IOException {
    Path file = dir.resolve("index.snapshot");
    Snapshot.write(sample(500, new Random(5)), file);
    byte[] original = Files.readAllBytes(file);
    ByteBuffer header = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
    int sections = header.getInt(16);
    assertThat(sections).isEqualTo(Section.values().length);
    for (int s = 0; s < sections; s++) {
      int o = 40 + 24 * s;
      Section section = Section.byId(header.getInt(o));
      long offset = header.getLong(o + 8);
      long length = header.getLong(o + 16);
      assertThat(length).as(section.name()).isPositive();
      byte[] damaged = original.clone();
      damaged[(int) (offset + length / 2)] ^= 0x10;
      Path bad = dir.resolve("bad-" + section);
      Files.write(bad, damaged);
      assertThatThrownBy(() -> Snapshot.open(bad))
          .isInstanceOf(InvalidSnapshotException.class)
          .hasMessageContaining("section " + section + ": checksum mismatch");
    }
    byte[] damagedTable = original.clone();
    damagedTable[40 + 24 + 9] ^= 1; // the second section's offset
    Path bad = dir.resolve("bad-table");
    Files.write(bad, damagedTable);
    assertThatThrownBy(() -> Snapshot.open(bad)).hasMessageContaining("header checksum mismatch");
  }

  @Test
  void aFileWithValidChecksumsButInconsistentColumnsIsRefused() throws IOException {
    Path file = dir.resolve("index.snapshot");
    Snapshot.write(sample(300, new Random(8)), file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int sections = b.getInt(16);
    for (int s = 0; s < sections; s++) {
      int o = 40 + 24 * s;
      if (Section.byId(b.getInt(o)) == Section.CELL_STARTS) {
        int offset = (int) b.getLong(o + 8);
        int length = (int) b.getLong(o + 16);
        b.putInt(offset + 4, 0); // the first cell now holds no location
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, offset, length);
        b.putInt(o + 4, (int) crc.getValue());
      }
    }
    java.util.zip.CRC32C header = new java.util.zip.CRC32C();
    header.update(bytes, 0, 40 + 24 * sections);
    b.putInt(40 + 24 * sections, (int) header.getValue());
    Files.write(file, bytes);
    assertThatThrownBy(() -> Snapshot.open(file))
        .isInstanceOf(InvalidSnapshotException.class)
        .hasMessageContaining("inconsistent sections: the cell starts (every cell needs a location) are out of order");
  }

  @Test
  void aWrongMagicOrAFutureVersionIsRefused() throws IOException {
    Path file = dir.resolve("index.snapshot");
    Snapshot.write(sample(5, new Random(6)), file);
    byte[] original = Files.readAllBytes(file);

    byte[] wrongMagic = original.clone();
    wrongMagic[0] = 'X';
    Path notOurs = dir.resolve("not-ours");
    Files.write(notOurs, wrongMagic);
    assertThatThrownBy(() -> Snapshot.open(notOurs))
        .isInstanceOf(InvalidSnapshotException.class).hasMessageContaining("wrong magic number");

    Path future = dir.resolve("future");
    Files.write(future, original);
    try (FileChannel ch = FileChannel.open(future, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, Snapshot.VERSION + 1), 8);
    }
    assertThatThrownBy(() -> Snapshot.open(future))
        .isInstanceOf(InvalidSnapshotException.class)
        .hasMessageContaining("format version " + (Snapshot.VERSION + 1) + " is not supported")
        .hasMessageContaining("newer");
  }

  /** Locations around a few towns, some with several points, names, categories and properties. */
  static LocationIndex sample(int count, Random random) {
    LocationIndexBuilder b = LocationIndex.builder();
    String[] categories = {"fuel", "charging", "café ☕"};
    for (int i = 0; i < count; i++) {
      int points = random.nextInt(8) == 0 ? 3 : 1;
      double lat = 44 + random.nextInt(4) + random.nextGaussian() * 0.1;
      double lon = 4 + random.nextInt(5) + random.nextGaussian() * 0.1;
      double[] lats = new double[points];
      double[] lons = new double[points];
      for (int k = 0; k < points; k++) {
        lats[k] = lat + k * 0.01;
        lons[k] = lon - k * 0.01;
      }
      Map<String, String> props = new LinkedHashMap<>();
      if (random.nextBoolean()) {
        props.put("operator", "Op " + random.nextInt(10));
        props.put("capacity", Integer.toString(random.nextInt(100)));
      }
      b.add("id-" + i, lats, lons, random.nextInt(5) == 0 ? null : "Station " + i,
          random.nextInt(6) == 0 ? null : categories[random.nextInt(categories.length)], props);
    }
    return b.build();
  }
}
