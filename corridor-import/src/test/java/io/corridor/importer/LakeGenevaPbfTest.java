package io.corridor.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.index.LocationIndex;
import io.corridor.index.LocationIndexBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped OpenStreetMap example holds what {@link LakeGenevaPbf} writes. */
class LakeGenevaPbfTest {
  private static final Path SHIPPED = Path.of("..", "examples", "lake-geneva.osm.pbf");
  private static final TagFilter EVERYTHING = TagFilter.parse("amenity=*,building=*");

  @TempDir Path dir;

  @Test
  void theShippedFileHoldsWhatTheGeneratorWrites() throws IOException {
    Path fresh = dir.resolve("fresh.osm.pbf");
    LakeGenevaPbf.content().write(fresh);

    List<String> shipped = describe(SHIPPED);
    assertThat(shipped).hasSize(11);
    assertThat(shipped).isEqualTo(describe(fresh));
  }

  /** Every imported location as one line: id, points, name, category and properties. */
  private static List<String> describe(Path pbf) throws IOException {
    LocationIndexBuilder builder = LocationIndex.builder();
    OsmPbfImporter.importInto(pbf, EVERYTHING, builder, ImportProgress.NONE);
    LocationIndex index = builder.build();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < index.size(); i++) {
      StringBuilder line = new StringBuilder(index.id(i));
      for (int p = index.pointStart(i); p < index.pointEnd(i); p++) {
        line.append(' ').append(index.latDegrees(p)).append(',').append(index.lonDegrees(p));
      }
      line.append(' ').append(index.properties(i));
      lines.add(line.toString());
    }
    lines.sort(null);
    return lines;
  }
}
