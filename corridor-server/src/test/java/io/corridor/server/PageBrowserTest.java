package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.formats.PolylineCodec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The web page end to end in Debian's chromium, headless, driven by its chromedriver (paths given,
 * so Selenium downloads nothing), against a server started here on 127.0.0.1 over the demo index.
 * Each step checks the page against the API's own answer for the same request, and saves a
 * screenshot under {@code target/browser-screenshots}.
 *
 * <p>Skipped where chromium or chromedriver is missing, unless {@code CI=true}: there it fails.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static TestServer http;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER
          + " are required in CI: install the Debian packages chromium and chromium-driver");
    }
    Assumptions.assumeTrue(present, "browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER
        + " is missing (apt-get install chromium chromium-driver)");
    http = TestServer.start(TestServer.settings());
    profile = Files.createTempDirectory("corridor-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--user-data-dir=" + profile, "--window-size=1280,860", "--lang=en");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 860));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (http != null) {
      http.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  @Order(1)
  void aRouteDrawnByClicksListsWhatTheApiFinds() throws Exception {
    double[] centre = busyPlace();
    open(String.format(Locale.ROOT, "/?map=9/%.5f/%.5f", centre[0], centre[1]));
    assertThat(text("index-info")).contains("locations");
    assertEveryControlHasALabel();

    WebElement map = driver.findElement(By.id("map"));
    Actions act = new Actions(driver);
    act.moveToElement(map, -220, 40).click().perform();
    act.moveToElement(map, -20, -10).click().perform();
    act.moveToElement(map, 200, 50).click().perform();
    waitFor(() -> routeSize() == 3);
    WebElement radius = driver.findElement(By.id("radius"));
    radius.sendKeys(Keys.chord(Keys.CONTROL, "a"), "10000");
    waitIdleWith("within 10.00 km");

    List<double[]> route = route();
    assertThat(route).hasSize(3);
    List<String> api = apiIds(geoJsonRoute(route), 10000, 100);
    assertThat(api).isNotEmpty();
    assertThat(listedIds()).isEqualTo(api);
    // The corridor is drawn, and so are the matches (red) and the server's time per phase.
    assertThat(driver.findElements(By.cssSelector(".leaflet-corridor-pane path"))).isNotEmpty();
    assertThat(text("timing")).contains("parse").contains("exact").contains("serialize");

    List<WebElement> items = driver.findElements(By.cssSelector("#results li button"));
    items.get(items.size() / 2).click();
    waitFor(() -> !driver.findElements(By.cssSelector("#results li.selected")).isEmpty());
    screenshot("1-drawn-route");
  }

  @Test
  @Order(2)
  void aLinkReproducesTheView() throws Exception {
    String link = driver.getCurrentUrl();
    List<String> listed = listedIds();
    String selected = driver.findElement(By.cssSelector("#results li.selected")).getAttribute("data-id");
    List<double[]> route = route();
    Object centre = js("const c = corridorPage.map.getCenter(); return [c.lat, c.lng, corridorPage.map.getZoom()];");

    driver.get("about:blank");
    driver.get(link);
    waitIdleWith("within 10.00 km");
    assertThat(listedIds()).isEqualTo(listed);
    assertThat(driver.findElement(By.cssSelector("#results li.selected")).getAttribute("data-id")).isEqualTo(selected);
    assertThat(driver.findElement(By.id("radius")).getAttribute("value")).isEqualTo("10000");
    List<double[]> again = route();
    assertThat(again).hasSize(route.size());
    for (int i = 0; i < route.size(); i++) {
      assertThat(again.get(i)[0]).isCloseTo(route.get(i)[0], within(1e-6));
      assertThat(again.get(i)[1]).isCloseTo(route.get(i)[1], within(1e-6));
    }
    @SuppressWarnings("unchecked")
    List<Number> before = (List<Number>) centre;
    @SuppressWarnings("unchecked")
    List<Number> after = (List<Number>) js("const c = corridorPage.map.getCenter(); return [c.lat, c.lng, corridorPage.map.getZoom()];");
    assertThat(after.get(0).doubleValue()).isCloseTo(before.get(0).doubleValue(), within(1e-4));
    assertThat(after.get(1).doubleValue()).isCloseTo(before.get(1).doubleValue(), within(1e-4));
    assertThat(after.get(2).doubleValue()).isEqualTo(before.get(2).doubleValue());
    screenshot("2-shared-link");
  }

  @Test
  @Order(3)
  void aPastedPolylineIsTheRouteSearched() throws Exception {
    double[] centre = busyPlace();
    double[] lats = {centre[0] - 0.05, centre[0] + 0.01, centre[0] + 0.04};
    double[] lons = {centre[1] - 0.08, centre[1], centre[1] + 0.09};
    String polyline = PolylineCodec.encode(lats, lons, 5);
    open("/?r=3000");
    driver.findElement(By.cssSelector("#paste-box summary")).click();
    driver.findElement(By.id("paste")).sendKeys(polyline);
    driver.findElement(By.id("paste-load")).click();
    waitFor(() -> routeSize() == 3);
    waitIdleWith("within 3.00 km");
    List<double[]> route = route();
    for (int i = 0; i < 3; i++) {
      assertThat(route.get(i)[0]).isCloseTo(lats[i], within(1e-5));
      assertThat(route.get(i)[1]).isCloseTo(lons[i], within(1e-5));
    }
    String body = "{\"polyline\": " + TestServer.JSON.writeValueAsString(polyline) + ", \"precision\": 5}";
    assertThat(listedIds()).isEqualTo(apiIds(body, 3000, 100));
    screenshot("3-pasted-polyline");
  }

  @Test
  @Order(4)
  void aGpxFileIsReadTrackFirstEverySegmentInOrder(@TempDir Path dir) throws Exception {
    double[] place = busyPlace();
    // Whole hundred-thousandths, as written in the file.
    double[] c = {Math.round(place[0] * 1e5) / 1e5, Math.round(place[1] * 1e5) / 1e5};
    String gpx = String.format(Locale.ROOT, """
        <?xml version="1.0" encoding="UTF-8"?>
        <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
          <rte><rtept lat="0" lon="0"/><rtept lat="1" lon="1"/></rte>
          <trk><name>ride</name>
            <trkseg><trkpt lat="%.5f" lon="%.5f"/><trkpt lat="%.5f" lon="%.5f"/></trkseg>
            <trkseg><trkpt lat="%.5f" lon="%.5f"/></trkseg>
          </trk>
        </gpx>
        """, c[0] - 0.03, c[1] - 0.06, c[0], c[1] + 0.01, c[0] + 0.03, c[1] + 0.07);
    Path file = dir.resolve("ride.gpx");
    Files.writeString(file, gpx, StandardCharsets.UTF_8);
    open("/?r=2500");
    driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    waitFor(() -> routeSize() == 3);
    waitIdleWith("within 2.50 km");
    List<double[]> route = route();
    assertThat(route.get(0)[0]).isCloseTo(c[0] - 0.03, within(1e-9));
    assertThat(route.get(1)[1]).isCloseTo(c[1] + 0.01, within(1e-9));
    assertThat(route.get(2)[1]).isCloseTo(c[1] + 0.07, within(1e-9));
    assertThat(listedIds()).isEqualTo(apiIds(geoJsonRoute(route), 2500, 100));
    screenshot("4-gpx-file");
  }

  @Test
  @Order(5)
  void aBrokenFileIsRefusedWithAMessageBesideTheInput(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.gpx");
    Files.writeString(file, "<gpx><trk><trkseg><trkpt lat=\"46.5\" lon=", StandardCharsets.UTF_8);
    open("/?r=2500");
    driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    waitFor(() -> driver.findElement(By.id("file-error")).isDisplayed());
    assertThat(text("file-error")).contains("broken.gpx").contains("not well-formed");
    assertThat(routeSize()).isZero();
    screenshot("5-broken-file");
  }

  @Test
  @Order(6)
  void theApisProblemIsShownBesideTheRoute() throws Exception {
    open("/?r=1000");
    driver.findElement(By.cssSelector("#paste-box summary")).click();
    driver.findElement(By.id("paste")).sendKeys("{\"type\": \"LineString\", \"coordinates\": [[6.6, 46.5], [6.7, 91.5]]}");
    driver.findElement(By.id("paste-load")).click();
    waitFor(() -> driver.findElement(By.id("route-error")).isDisplayed());
    // The page says what the API said, next to the route, in words.
    var answer = http.post("/v1/corridor",
        "{\"route\": {\"type\": \"LineString\", \"coordinates\": [[6.6, 46.5], [6.7, 91.5]]}, \"radius_m\": 1000}");
    assertThat(answer.statusCode()).isBetween(400, 499);
    String detail = TestServer.json(answer).get("detail").asText();
    assertThat(text("route-error")).contains(detail);
    screenshot("6-api-problem");
  }

  @Test
  @Order(7)
  void verticesAreRemovedAddedAndRestoredFromTheKeyboard() throws Exception {
    double[] c = busyPlace();
    String polyline = PolylineCodec.encode(new double[] {c[0] - 0.02, c[0], c[0] + 0.02},
        new double[] {c[1] - 0.03, c[1], c[1] + 0.03}, 6);
    open("/?r=1500&route=" + java.net.URLEncoder.encode(polyline, StandardCharsets.UTF_8));
    waitIdleWith("within 1.50 km");
    assertThat(routeSize()).isEqualTo(3);
    // The first vertex, dragged 40 pixels east.
    double westBefore = route().get(0)[1];
    WebElement first = driver.findElements(By.cssSelector(".vertex-icon")).get(0);
    new Actions(driver).clickAndHold(first).moveByOffset(20, 0).moveByOffset(20, 0).release().perform();
    waitFor(() -> route().get(0)[1] > westBefore + 1e-4);
    waitIdleWith("within 1.50 km");
    assertThat(routeSize()).isEqualTo(3);
    assertThat(listedIds()).isEqualTo(apiIds(geoJsonRoute(route()), 1500, 100));
    // The second vertex, focused and deleted.
    WebElement vertex = driver.findElements(By.cssSelector(".vertex-icon")).get(1);
    js("arguments[0].focus();", vertex);
    new Actions(driver).sendKeys(Keys.DELETE).perform();
    waitFor(() -> routeSize() == 2);
    // Undo from the keyboard brings it back; "Add centre" adds a vertex without a pointer.
    driver.findElement(By.id("undo")).sendKeys(Keys.chord(Keys.CONTROL, "z"));
    waitFor(() -> routeSize() == 3);
    driver.findElement(By.id("add-centre")).sendKeys(Keys.ENTER);
    waitFor(() -> routeSize() == 4);
    waitIdleWith("within 1.50 km");
    assertThat(listedIds()).isEqualTo(apiIds(geoJsonRoute(route()), 1500, 100));
  }

  @Test
  @Order(8)
  void aPhoneSizedScreenShowsMapAndControlsWithoutSidewaysScrolling() throws Exception {
    driver.manage().window().setSize(new Dimension(390, 844));
    try {
      open("/?r=2000");
      long width = (Long) js("return document.documentElement.scrollWidth;");
      long viewport = (Long) js("return window.innerWidth;");
      assertThat(width).isLessThanOrEqualTo(viewport);
      assertThat(driver.findElement(By.id("map")).getSize().getHeight()).isGreaterThan(300);
      assertThat(driver.findElement(By.id("radius")).isDisplayed()).isTrue();
      screenshot("8-phone");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 860));
    }
  }

  @Test
  @Order(9)
  void aRouteAcrossTheAntimeridianIsDrawnInOnePiece() throws Exception {
    String polyline = PolylineCodec.encode(new double[] {-17.7, -16.5, -13.8}, new double[] {178.0, -179.5, -172.0}, 6);
    open("/?r=50000&route=" + java.net.URLEncoder.encode(polyline, StandardCharsets.UTF_8));
    waitIdleWith("within 50.00 km");
    // Drawn with longitudes that continue across 180° (180.5, not -179.5), sent wrapped.
    assertThat((Double) js("return corridorPage.state.route[1][1];")).isCloseTo(180.5, within(1e-6));
    assertThat(driver.findElements(By.cssSelector(".leaflet-corridor-pane path"))).isNotEmpty();
    assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("route-error")).isDisplayed()).isFalse();
    assertThat(listedIds()).isEqualTo(apiIds(geoJsonRoute(route()), 50000, 100));
    screenshot("9-antimeridian");
  }

  // ----- helpers

  /** A demo location near which the searches find something: the one nearest a point in France. */
  private static double[] busyPlace() throws Exception {
    var r = http.post("/v1/search", "{\"route\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]},"
        + " \"radius_m\": 100000, \"limit\": 1, \"sort\": \"distance\"}");
    JsonNode c = TestServer.json(r).get("features").get(0).get("geometry").get("coordinates");
    return new double[] {c.get(1).asDouble(), c.get(0).asDouble()};
  }

  private static void open(String pathAndQuery) {
    driver.get(http.uri(pathAndQuery).toString());
    waitFor(() -> "complete".equals(js("return document.readyState")) && js("return window.corridorPage ? 1 : 0").equals(1L));
    waitFor(() -> !text("index-info").startsWith("Loading"));
    waitFor(() -> !"true".equals(js("return document.body.dataset.busy")));
  }

  private static void waitIdleWith(String status) {
    waitFor(() -> "false".equals(js("return document.body.dataset.busy")) && text("status").contains(status));
  }

  /** Polls until the condition holds, failing after {@link #WAIT}. */
  private static void waitFor(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the page did not get there within " + WAIT.toSeconds() + " s; status: "
            + driver.findElement(By.id("status")).getText());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private static long routeSize() {
    return (Long) js("return corridorPage.state.route.length");
  }

  /** The page's route, [lat, lon] with longitudes in [-180, 180]. */
  @SuppressWarnings("unchecked")
  private static List<double[]> route() {
    List<List<Number>> raw = (List<List<Number>>) js(
        "return corridorPage.state.route.map(v => [v[0], ((v[1] + 540) % 360) - 180]);");
    List<double[]> out = new ArrayList<>();
    for (List<Number> v : raw) {
      out.add(new double[] {v.get(0).doubleValue(), v.get(1).doubleValue()});
    }
    return out;
  }

  private static List<String> listedIds() {
    List<String> ids = new ArrayList<>();
    for (WebElement li : driver.findElements(By.cssSelector("#results li"))) {
      ids.add(li.getAttribute("data-id"));
    }
    return ids;
  }

  private static String geoJsonRoute(List<double[]> route) {
    StringBuilder s = new StringBuilder("{\"type\": \"LineString\", \"coordinates\": [");
    for (int i = 0; i < route.size(); i++) {
      s.append(i == 0 ? "" : ", ").append('[').append(route.get(i)[1]).append(", ").append(route.get(i)[0]).append(']');
    }
    return s.append("]}").toString();
  }

  /** The ids the API answers for a route, radius and limit, in route order. */
  private static List<String> apiIds(String route, double radius, int limit) throws IOException, InterruptedException {
    var r = http.post("/v1/search", "{\"route\": " + route + ", \"radius_m\": " + radius + ", \"limit\": " + limit + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode f : TestServer.json(r).get("features")) {
      ids.add(f.get("id").asText());
    }
    return ids;
  }

  private static void assertEveryControlHasALabel() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> unlabeled = (List<Map<String, Object>>) js(
        "return Array.from(document.querySelectorAll('input, select, textarea, button'))"
            + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
            + ".map(e => ({id: e.id, tag: e.tagName}));");
    assertThat(unlabeled).as("controls without a label").isEmpty();
  }

  private static void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }
}
