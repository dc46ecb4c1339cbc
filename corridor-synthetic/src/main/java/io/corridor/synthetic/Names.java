package io.corridor.synthetic;

/**
 * Names for towns and places, put together from short word lists in the styles of western Europe:
 * "Shell Marheim Nord", "Café de la Gare 12", "Apotheke am Markt". The lists never contain a comma
 * or a quote, so that CSV fields stay unquoted.
 */
final class Names {
  private static final String[] TOWN_STARTS = {
      "Ald", "Bel", "Ber", "Bran", "Cal", "Dor", "Ebers", "Fal", "Gran", "Hal", "Kir", "Lan", "Lor",
      "Mar", "Mon", "Nor", "Ost", "Pra", "Rav", "Ros", "Sal", "Tor", "Val", "Wes", "Zell", "Brig"};
  private static final String[] TOWN_ENDS = {
      "heim", "ville", "burg", "ford", "dorf", "sano", "mont", "stad", "bach", "court", "wick",
      "ona", "aix", "berg", "lund", "haven", "ac", "ingen", "era", "ach", "brück", "y"};
  private static final String[] TOWN_PREFIXES = {"Saint-", "Bad ", "San ", "Le ", "Villa "};
  private static final String[] QUARTERS = {
      "Nord", "Sud", "Est", "Ouest", "Centre", "Süd", "West", "Ost", "Centro", "Gare", "Port"};
  private static final String[] PLACES = {
      "de la Gare", "du Port", "du Lac", "Central", "am Markt", "zur Post", "del Sole", "Bellevue",
      "Le Relais", "da Mario", "des Alpes", "am Ring", "Belvedere", "du Château", "zum Löwen",
      "La Fontaine", "del Ponte", "Europa"};
  private static final String[] FUEL = {
      "Shell", "TotalEnergies", "BP", "Esso", "Aral", "Agip", "Repsol", "OMV", "Avia", "Q8"};
  private static final String[] CHARGING = {
      "Ionity", "Tesla Supercharger", "Fastned", "Allego", "EnBW", "Electra", "Shell Recharge"};
  private static final String[] SUPERMARKETS = {
      "Lidl", "Aldi", "Carrefour", "Rewe", "Edeka", "Spar", "Intermarché", "Coop", "Migros", "Leclerc"};
  private static final String[] RESTAURANTS = {
      "Restaurant", "Brasserie", "Trattoria", "Gasthof", "Taverna", "Bistro", "Pizzeria"};
  private static final String[] CAFES = {"Café", "Caffè", "Kaffeehaus", "Coffee"};
  private static final String[] HOTEL_CHAINS = {
      "Ibis", "Novotel", "B&B Hotel", "Best Western", "Holiday Inn Express", "Motel One"};
  private static final String[] PHARMACIES = {"Pharmacie", "Apotheke", "Farmacia", "Pharmacy"};
  private static final String[] BAKERIES = {"Boulangerie", "Bäckerei", "Panificio", "Bakery"};
  private static final String[] BANKS = {
      "BNP Paribas", "Sparkasse", "UniCredit", "ING", "Santander", "Crédit Agricole", "Volksbank"};
  private static final String[] REST_AREAS = {"Aire de", "Rastplatz", "Area di Servizio", "Services"};

  private Names() {}

  /** Returns a town name such as "Marheim" or "Saint-Valmont". */
  static String town(SplitMix64 random) {
    String stem = pick(random, TOWN_STARTS) + pick(random, TOWN_ENDS);
    return random.nextInt(6) == 0 ? pick(random, TOWN_PREFIXES) + stem : stem;
  }

  /** Returns the name of a place of {@code category} in or near the town called {@code town}. */
  static String place(Category category, String town, SplitMix64 random) {
    return switch (category) {
      case FUEL -> pick(random, FUEL) + " " + town + " " + pick(random, QUARTERS);
      case CHARGING_STATION -> pick(random, CHARGING) + " " + town + maybeQuarter(random, 2);
      case SUPERMARKET -> pick(random, SUPERMARKETS) + " " + town + maybeQuarter(random, 3);
      case RESTAURANT -> pick(random, RESTAURANTS) + " " + pick(random, PLACES);
      case CAFE -> pick(random, CAFES) + " " + pick(random, PLACES)
          + (random.nextInt(3) == 0 ? " " + (1 + random.nextInt(40)) : "");
      case HOTEL -> random.nextInt(2) == 0
          ? pick(random, HOTEL_CHAINS) + " " + town + " " + pick(random, QUARTERS)
          : "Hotel " + pick(random, PLACES);
      case PARKING -> random.nextInt(4) == 0
          ? "P+R " + town + " " + pick(random, QUARTERS)
          : "Parking " + town + " P" + (1 + random.nextInt(9));
      case PHARMACY -> pick(random, PHARMACIES) + " " + pick(random, PLACES);
      case BAKERY -> pick(random, BAKERIES) + " " + pick(random, PLACES);
      case ATM -> pick(random, BANKS) + " " + town;
      case REST_AREA -> pick(random, REST_AREAS) + " " + town + " " + pick(random, QUARTERS);
    };
  }

  /** Returns a space and a quarter ("Nord"), except one time in {@code oneIn}: then nothing. */
  private static String maybeQuarter(SplitMix64 random, int oneIn) {
    return random.nextInt(oneIn) == 0 ? "" : " " + pick(random, QUARTERS);
  }

  private static String pick(SplitMix64 random, String[] words) {
    return words[random.nextInt(words.length)];
  }
}
