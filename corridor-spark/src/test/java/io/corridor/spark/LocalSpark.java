package io.corridor.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for the module's tests: two cores, few partitions, all on 127.0.0.1. */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /** Returns the session, started on first use. */
  static synchronized SparkSession session() {
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
