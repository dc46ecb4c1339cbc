package io.corridor.bench.scenario;

import io.corridor.core.filter.Strategy;

/** Prints each seed scenario with its inside count per strategy, to check the generators by eye. */
public final class PrintScenarios {
  private PrintScenarios() {}

  /** Prints the scenarios; no arguments. */
  public static void main(String[] args) {
    for (SeedScenario seed : SeedScenario.values()) {
      Scenario s = seed.build();
      StringBuilder line = new StringBuilder(s.toString()).append(": inside");
      for (Strategy strategy : Strategy.values()) {
        line.append(' ').append(strategy.cliName()).append('=')
            .append(strategy.filter().filter(s.corridor(), s.locations()).size());
      }
      System.out.println(line.append(" (seed: ").append(seed.expectedInside()).append(')'));
    }
  }
}
