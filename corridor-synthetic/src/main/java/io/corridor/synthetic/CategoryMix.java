package io.corridor.synthetic;

/**
 * How often each category occurs in a setting: shops and cafés in towns, fuel, charging and rest
 * areas along roads, a few parkings and hotels in the open country. The weights are rough shares of
 * OpenStreetMap amenities in western Europe, rounded.
 */
final class CategoryMix {
  static final CategoryMix TOWN = new CategoryMix(new Object[] {
      Category.RESTAURANT, 22, Category.CAFE, 13, Category.PARKING, 12, Category.BAKERY, 9,
      Category.SUPERMARKET, 9, Category.CHARGING_STATION, 8, Category.ATM, 7, Category.PHARMACY, 6,
      Category.HOTEL, 6, Category.FUEL, 5});
  static final CategoryMix ROAD = new CategoryMix(new Object[] {
      Category.FUEL, 22, Category.CHARGING_STATION, 18, Category.REST_AREA, 14,
      Category.RESTAURANT, 14, Category.PARKING, 12, Category.HOTEL, 8, Category.CAFE, 6,
      Category.SUPERMARKET, 4, Category.ATM, 2});
  static final CategoryMix COUNTRY = new CategoryMix(new Object[] {
      Category.PARKING, 24, Category.RESTAURANT, 20, Category.HOTEL, 16, Category.REST_AREA, 14,
      Category.CAFE, 10, Category.FUEL, 8, Category.CHARGING_STATION, 8});

  private final Category[] categories;
  private final int[] cumulative;
  private final int total;

  private CategoryMix(Object[] pairs) {
    int n = pairs.length / 2;
    categories = new Category[n];
    cumulative = new int[n];
    int sum = 0;
    for (int i = 0; i < n; i++) {
      categories[i] = (Category) pairs[2 * i];
      sum += (Integer) pairs[2 * i + 1];
      cumulative[i] = sum;
    }
    total = sum;
  }

  /** Draws a category with the setting's frequencies. */
  Category draw(SplitMix64 random) {
    int r = random.nextInt(total);
    int i = 0;
    while (cumulative[i] <= r) {
      i++;
    }
    return categories[i];
  }
}
