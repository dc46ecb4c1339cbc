package io.corridor.importer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code examples/lake-geneva.osm.pbf}: fictional OpenStreetMap data at real places along
 * the example route from Lausanne-Ouchy to Montreux, small enough to read in a hex dump.
 *
 * <p>It holds fuel stations, charging stations and cafés as nodes, a fuel station and a café drawn
 * as building outlines (closed ways over untagged nodes), and one charging station up the hill at
 * Chexbres, about 750 m from the route. Run from the repository root (see docs/importers.md):
 * {@code java -cp ... io.corridor.importer.LakeGenevaPbf examples/lake-geneva.osm.pbf}.
 */
public final class LakeGenevaPbf {
  private LakeGenevaPbf() {}

  /** Returns the example's content, ready to be written. */
  public static TestPbf content() {
    return new TestPbf()
        .denseNode(1001, 46.5080, 6.6310,
            "amenity", "fuel", "name", "Station du Port", "brand", "Lémanoil")
        .denseNode(1002, 46.5050, 6.6590,
            "amenity", "charging_station", "name", "Pully plage", "capacity", "4")
        .denseNode(1003, 46.5020, 6.6880, "amenity", "cafe", "name", "Café de la Jetée")
        .denseNode(1004, 46.4895, 6.7270, "amenity", "fuel", "name", "Garage de Cully")
        .denseNode(1005, 46.4818, 6.7790,
            "amenity", "charging_station", "name", "Chexbres village", "capacity", "2")
        .denseNode(1006, 46.4608, 6.8432, "amenity", "cafe", "name", "Café du Marché")
        .denseNode(1007, 46.4540, 6.8600,
            "amenity", "charging_station", "name", "La Tour-de-Peilz port", "capacity", "6")
        .denseNode(1008, 46.4432, 6.8920, "amenity", "fuel", "name", "Relais de Clarens")
        .denseNode(1009, 46.4350, 6.9095,
            "amenity", "charging_station", "name", "Montreux gare", "operator", "Lac Énergie")
        // The corners of two buildings: a fuel station at Saint-Saphorin, a café at Vevey.
        .denseNode(2001, 46.47335, 6.79330).denseNode(2002, 46.47335, 6.79380)
        .denseNode(2003, 46.47365, 6.79380).denseNode(2004, 46.47365, 6.79330)
        .denseNode(2011, 46.45930, 6.84700).denseNode(2012, 46.45930, 6.84740)
        .denseNode(2013, 46.45955, 6.84740).denseNode(2014, 46.45955, 6.84700)
        .way(3001, new long[] {2001, 2002, 2003, 2004, 2001},
            "building", "retail", "amenity", "fuel", "name", "Relais de Saint-Saphorin")
        .way(3002, new long[] {2011, 2012, 2013, 2014, 2011},
            "building", "yes", "amenity", "cafe", "name", "Buvette des Bains");
  }

  /** Writes the example to the file named by the first argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: LakeGenevaPbf OUTPUT.osm.pbf");
      System.exit(2);
    }
    content().write(Path.of(args[0]));
  }
}
