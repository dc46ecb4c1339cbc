package io.corridor.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/** One local Spark session for the module's tests: two cores, few partitions, all on 127.0.0.1. */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /**
   * Returns the session, or skips the calling test on Java 23 and later, where Spark 4.0 cannot
   * start (Hadoop's login calls {@code Subject.getSubject}, which those versions refuse).
   */
  static synchronized SparkSession session() {
    Assumptions.assumeTrue(JoinJob.sparkRunsOn(Runtime.version().feature()),
        "Spark 4.0 runs on Java 17 to 22 (it supports 17 and 21); this is Java " + Runtime.version().feature());
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("corridor-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "2")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      CorridorFunctions.register(session);
    }
    return session;
  }
}
