package io.corridor.synthetic;

import java.util.Locale;

/** The kinds of place that the synthetic data set holds, named as in its {@code category} column. */
public enum Category {
  FUEL,
  CHARGING_STATION,
  RESTAURANT,
  CAFE,
  PARKING,
  HOTEL,
  SUPERMARKET,
  PHARMACY,
  BAKERY,
  ATM,
  REST_AREA;

  /** Returns the name written in the CSV, e.g. {@code charging_station}. */
  public String columnValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
