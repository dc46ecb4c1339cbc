package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.location.LocationSet;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and hostile requests, generated from valid ones: none may answer 5xx,
 * every refusal is a problem+json of its status, and the server still answers correctly after.
 */
class HostileInputTest {
  private static final int MAX_BODY = 1 << 20;
  private static TestServer http;
  private static final Map<Integer, Integer> STATUSES = new TreeMap<>();

  @BeforeAll
  static void start() throws Exception {
    http = TestServer.start(TestServer.settings("max-body-bytes", Integer.toString(MAX_BODY),
        "request-timeout", "3s", "max-route-vertices", "1000", "max-filter-locations", "1000",
        "max-limit", "100"));
  }

  @AfterAll
  static void stop() throws Exception {
    System.err.println("hostile input: answers by status " + STATUSES);
    http.close();
  }

  @Test
  void generatedMalformedBodiesAreRefusedCleanly() throws Exception {
    SplittableRandom random = new SplittableRandom(20261130);
    String filter = Fixtures.filterBody(Fixtures.locations(20, 3), 1500).toString();
    String search = "{\"route\":" + Fixtures.lineString() + ",\"radius_m\":3000,\"categories\":[\"fuel\"],"
        + "\"limit\":10,\"sort\":\"distance\"}";
    String polyline = "{\"route\":{\"polyline\":\"" + Fixtures.polyline().replace("\\", "\\\\") + "\",\"precision\":5},\"radius_m\":3000}";
    List<String> bases = List.of(filter, search, polyline);
    int sent = 0;
    for (int i = 0; i < 2400; i++) {
      String base = bases.get(i % bases.size());
      String path = base == filter ? "/v1/filter" : "/v1/search";
      byte[] body = mutate(base, random);
      check(http.post(path, "application/json", body, Map.of()));
      sent++;
    }
    assertThat(sent).isEqualTo(2400);
    assertHealthyAndCorrect();
  }

  @Test
  void wrongTypesForEveryFieldNameTheField() throws Exception {
    String route = Fixtures.lineString().toString();
    String[] wrong = {"null", "true", "\"x\"", "[]", "{}", "1e400", "-1e400", "-0", "1.5", "12345678901234567890123"};
    String[] templates = {
        "{\"route\":%s,\"radius_m\":100,\"locations\":[]}",
        "{\"route\":" + route + ",\"radius_m\":%s,\"locations\":[]}",
        "{\"route\":" + route + ",\"radius_m\":100,\"locations\":%s}",
        "{\"route\":" + route + ",\"radius_m\":100,\"locations\":[%s]}",
        "{\"route\":" + route + ",\"radius_m\":100,\"locations\":[{\"id\":%s,\"points\":[[7,46]]}]}",
        "{\"route\":" + route + ",\"radius_m\":100,\"locations\":[{\"id\":\"a\",\"points\":%s}]}",
        "{\"route\":" + route + ",\"radius_m\":100,\"locations\":[{\"id\":\"a\",\"points\":[%s]}]}",
        "{\"route\":" + route + ",\"radius_m\":100,\"locations\":[{\"id\":\"a\",\"points\":[[%s,46]]}]}",
        "{\"route\":{\"type\":%s,\"coordinates\":[[7,46]]},\"radius_m\":100,\"locations\":[]}",
        "{\"route\":{\"type\":\"LineString\",\"coordinates\":%s},\"radius_m\":100,\"locations\":[]}",
        "{\"route\":{\"type\":\"LineString\",\"coordinates\":[[7,46],%s]},\"radius_m\":100,\"locations\":[]}",
        "{\"route\":{\"type\":\"LineString\",\"coordinates\":[[7,%s]]},\"radius_m\":100,\"locations\":[]}",
        "{\"route\":{\"polyline\":%s},\"radius_m\":100,\"locations\":[]}",
        "{\"route\":{\"polyline\":\"_p~iF~ps|U\",\"precision\":%s},\"radius_m\":100,\"locations\":[]}",
    };
    for (String t : templates) {
      for (String w : wrong) {
        HttpResponse<String> r = http.post("/v1/filter", String.format(t, w));
        check(r);
        if (r.statusCode() >= 400 && r.statusCode() != 413) {
          JsonNode p = TestServer.json(r);
          assertThat(p.has("pointer")).as(t + " with " + w + ": " + r.body()).isTrue();
        }
      }
    }
    for (String w : wrong) {
      check(http.post("/v1/search", "{\"route\":" + route + ",\"radius_m\":100,\"limit\":" + w + "}"));
      check(http.post("/v1/search", "{\"route\":" + route + ",\"radius_m\":100,\"categories\":" + w + "}"));
      check(http.post("/v1/search", "{\"route\":" + route + ",\"radius_m\":100,\"sort\":" + w + "}"));
      check(http.post("/v1/search", "{\"route\":" + route + ",\"radius_m\":100,\"continuation\":" + w + "}"));
    }
    assertHealthyAndCorrect();
  }

  @Test
  void namedAttacksAreRefusedWithTheRightStatus() throws Exception {
    String route = Fixtures.lineString().toString();
    // NaN, duplicate keys, deep nesting, bad UTF-8, trailing garbage, empty body.
    assertThat(check(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":NaN,\"locations\":[]}"))).isEqualTo(400);
    assertThat(check(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":1,\"radius_m\":2,\"locations\":[]}"))).isEqualTo(400);
    assertThat(check(http.post("/v1/filter", "[".repeat(100_000)))).isEqualTo(400);
    assertThat(check(http.post("/v1/filter", "{\"a\":" + "{\"a\":".repeat(50_000)))).isEqualTo(400);
    byte[] badUtf8 = ("{\"route\":" + route + ",\"radius_m\":100,\"locations\":[{\"id\":\"\u00e9X\",\"points\":[[7,46]]}]}")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < badUtf8.length; i++) {
      if (badUtf8[i] == 'X') {
        badUtf8[i] = (byte) 0xC3;
        badUtf8[i - 1] = (byte) 0xFF;
      }
    }
    assertThat(check(http.post("/v1/filter", "application/json", badUtf8, Map.of()))).isEqualTo(400);
    assertThat(check(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":100,\"locations\":[]} x"))).isEqualTo(400);
    assertThat(check(http.post("/v1/filter", "application/json", new byte[0], Map.of()))).isEqualTo(400);
    assertThat(check(http.post("/v1/filter", "1e400"))).isEqualTo(400);

    // Too large: an enormous body, a route over the vertex limit, a long polyline, too many locations.
    // The answer comes before the body is sent: the client need not send what would be refused.
    assertThat(http.raw(("POST /v1/filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + (MAX_BODY + 1) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(413);
    assertThat(http.raw(("POST /v1/filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + "99999999999999999999\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1))).isBetween(400, 499);
    StringBuilder longRoute = new StringBuilder("{\"route\":{\"type\":\"LineString\",\"coordinates\":[");
    for (int i = 0; i < 1001; i++) {
      longRoute.append(i == 0 ? "" : ",").append("[7.").append(i).append(",46]");
    }
    assertThat(check(http.post("/v1/filter", longRoute + "]},\"radius_m\":5,\"locations\":[]}"))).isEqualTo(413);
    assertThat(check(http.get("/v1/search?radius_m=10&polyline=" + "_ibE_ibE".repeat(2000)))).isEqualTo(413);
    StringBuilder many = new StringBuilder("{\"route\":" + route + ",\"radius_m\":5,\"locations\":[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"points\":[[7,46]]}");
    }
    assertThat(check(http.post("/v1/filter", many + "]}"))).isEqualTo(413);
    assertThat(check(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":5,\"locations\":[]}"))).isEqualTo(200);
    assertThat(check(http.post("/v1/filter", "{\"route\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[179,0],[-2,0],[177,0],[-4,0],[175,0]]},"
        + "\"radius_m\":5,\"locations\":[]}"))).isEqualTo(413);

    // A gzip bomb: 64 MiB of spaces in about 64 KiB.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        gz.write(spaces);
      }
    }
    assertThat(check(http.post("/v1/filter", "application/json", bomb.toByteArray(), Map.of("Content-Encoding", "gzip")))).isEqualTo(413);
    assertThat(check(http.post("/v1/filter", "application/json", new byte[] {1, 2, 3}, Map.of("Content-Encoding", "gzip")))).isEqualTo(400);
    assertThat(check(http.post("/v1/filter", "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Encoding", "br")))).isEqualTo(415);

    // Wrong content types and methods.
    for (String type : new String[] {"text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data"}) {
      assertThat(check(http.post("/v1/search", type, "{}".getBytes(StandardCharsets.UTF_8), Map.of()))).isEqualTo(415);
    }
    assertThat(check(http.post("/v1/search", null, "{}".getBytes(StandardCharsets.UTF_8), Map.of()))).isEqualTo(415);
    assertThat(check(http.post("/v1/index", "{}"))).isEqualTo(405);
    assertThat(check(http.post("/metrics", "{}"))).isEqualTo(405);

    // Broken HTTP: a bad request line, headers too large.
    assertThat(http.raw("GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(400);
    assertThat(http.raw(("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(431);
    assertHealthyAndCorrect();
  }

  @Test
  void aBodySentOneByteASecondEndsIn408() throws Exception {
    long start = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", http.server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      int status = 0;
      for (int i = 0; i < 15 && status == 0; i++) {
        try {
          out.write('{');
          out.flush();
        } catch (java.io.IOException closed) {
          break;
        }
        if (s.getInputStream().available() > 0) {
          status = TestServer.status(s.getInputStream());
        } else {
          Thread.sleep(1000);
        }
      }
      if (status == 0) {
        status = TestServer.status(s.getInputStream());
      }
      assertThat(status).isEqualTo(408);
    }
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    assertHealthyAndCorrect();
  }

  /** Asserts a hostile request's answer is no 5xx and, if a refusal, a problem of its status; returns the status. */
  private static int check(HttpResponse<String> r) throws Exception {
    STATUSES.merge(r.statusCode(), 1, Integer::sum);
    assertThat(r.statusCode()).as(r.body()).isLessThan(500);
    if (r.statusCode() >= 400) {
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(TestServer.json(r).get("status").asInt()).isEqualTo(r.statusCode());
    }
    return r.statusCode();
  }

  private static void assertHealthyAndCorrect() throws Exception {
    assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    LocationSet set = Fixtures.locations(200, 11);
    JsonNode matches = TestServer.json(http.post("/v1/filter", Fixtures.filterBody(set, 2000).toString())).get("matches");
    List<Match> expected = FastFilter.singleThreaded().filter(Fixtures.corridor(2000), set);
    List<String> ids = new ArrayList<>();
    matches.forEach(m -> ids.add(m.get("id").asText()));
    assertThat(ids).containsExactlyElementsOf(expected.stream().map(m -> set.id(m.location())).toList());
  }

  /** Returns a mutation of a valid body: truncated, bytes changed, values swapped, nesting, bad bytes. */
  private static byte[] mutate(String base, SplittableRandom r) {
    byte[] b = base.getBytes(StandardCharsets.UTF_8);
    switch (r.nextInt(9)) {
      case 0 -> {
        return java.util.Arrays.copyOf(b, r.nextInt(b.length));
      }
      case 1 -> {
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        return b;
      }
      case 2 -> {
        String[] values = {"NaN", "Infinity", "-Infinity", "1e400", "-1e400", "null", "true", "\"\"", "[]", "{}",
            "1e-400", "-0", "123456789012345678901234567890", "0x10", "'a'", "\"\\u0000\"", "\"\\ud800\""};
        String s = base.replaceFirst("-?\\d+(\\.\\d+)?", values[r.nextInt(values.length)]);
        return nth(base, s, r).getBytes(StandardCharsets.UTF_8);
      }
      case 3 -> {
        int at = base.indexOf(':', r.nextInt(base.length()));
        if (at < 0) {
          at = base.indexOf(':');
        }
        int depth = 1 + r.nextInt(40);
        return (base.substring(0, at + 1) + "[".repeat(depth) + "1" + "]".repeat(depth) + ","
            + base.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
      }
      case 4 -> {
        int at = base.indexOf('"', r.nextInt(base.length()));
        if (at < 0) {
          at = 1;
        }
        byte[] out = new byte[b.length + 2];
        System.arraycopy(b, 0, out, 0, at + 1);
        out[at + 1] = (byte) (0x80 + r.nextInt(0x80));
        out[at + 2] = (byte) (0xC0 + r.nextInt(0x40));
        System.arraycopy(b, at + 1, out, at + 3, b.length - at - 1);
        return out;
      }
      case 5 -> {
        String key = List.of("\"route\"", "\"radius_m\"", "\"locations\"", "\"limit\"", "\"type\"").get(r.nextInt(5));
        return base.replaceFirst("\\{", "{" + key + ":1,").getBytes(StandardCharsets.UTF_8);
      }
      case 6 -> {
        String[] fields = {"route", "radius_m", "locations", "coordinates", "type", "points", "id", "polyline", "precision", "sort", "limit", "categories"};
        return base.replace("\"" + fields[r.nextInt(fields.length)] + "\"", "\"" + fields[r.nextInt(fields.length)] + "\"")
            .getBytes(StandardCharsets.UTF_8);
      }
      case 7 -> {
        int at = r.nextInt(b.length);
        return (base.substring(0, at) + base.substring(Math.min(base.length(), at + 1 + r.nextInt(20))))
            .getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        String[] coords = {"[200,46]", "[7,-91]", "[7]", "[7,46,1,2]", "[\"7\",46]", "[7,46,\"x\"]", "[]", "[null,null]"};
        return base.replaceFirst("\\[-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?\\]", coords[r.nextInt(coords.length)])
            .getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  private static String nth(String base, String replaced, SplittableRandom r) {
    return replaced;
  }
}
