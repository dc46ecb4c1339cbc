package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The load plan: loopback only unless asked, and a description the report can read back. */
class LoadPlanTest {
  private static Properties properties(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void theDescriptionGivesTheStepsBack() {
    LoadPlan plan = LoadPlan.from(properties("load.pool", "/tmp/p", "load.start", "100", "load.increment", "50",
        "load.steps", "8", "load.step-seconds", "30", "load.warmup-seconds", "20"));
    assertThat(plan.ratePerSecond(7)).isEqualTo(450);
    assertThat(plan.seconds()).isEqualTo(260);
    assertThat(LoadPlan.steps(plan.description())).isEqualTo(new LoadPlan.Steps(100, 50, 8, 30, 20));
  }

  @Test
  void anotherHostIsRefusedUnlessAllowed() {
    assertThatThrownBy(() -> LoadPlan.from(properties("load.pool", "p", "load.url", "http://example.org:8080")))
        .hasMessageContaining("not the loopback address").hasMessageContaining("--allow-remote");
    assertThat(LoadPlan.from(properties("load.pool", "p", "load.url", "http://example.org:8080",
        "load.allow-remote", "true")).url().getHost()).isEqualTo("example.org");
  }

  @Test
  void badSettingsNameTheProperty() {
    assertThatThrownBy(() -> LoadPlan.from(properties())).hasMessageContaining("load.pool");
    assertThatThrownBy(() -> LoadPlan.from(properties("load.pool", "p", "load.steps", "many")))
        .hasMessageContaining("load.steps");
    assertThatThrownBy(() -> LoadPlan.from(properties("load.pool", "p", "load.steps", "0")))
        .hasMessageContaining("load.steps");
  }
}
