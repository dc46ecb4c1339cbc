package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.corridor.core.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GPX documents that try to make the reader fetch a URL or read a local file: each is refused at
 * its DOCTYPE, a listener on 127.0.0.1 receives no connection, and the secret file's content
 * appears in no message.
 */
class GpxHostileTest {
  private static final String SECRET = "s3cr3t-0f-th1s-host";
  private static final String TRACK =
      "<gpx version=\"1.1\" creator=\"&x;\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
          + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";

  @TempDir Path dir;
  private ServerSocket listener;
  private Path secret;

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(300);
    secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
  }

  @AfterEach
  void close() throws IOException {
    listener.close();
  }

  private String url() {
    return "http://127.0.0.1:" + listener.getLocalPort() + "/x.dtd";
  }

  private String document(String kind) {
    String file = secret.toUri().toString();
    return switch (kind) {
      case "external-dtd" -> "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx SYSTEM \"" + url() + "\">\n"
          + TRACK.replace("&x;", "t");
      case "parameter-entity" -> "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n"
          + "<!ENTITY % p SYSTEM \"" + file + "\">\n"
          + "<!ENTITY % q \"<!ENTITY &#x25; send SYSTEM '" + url() + "?%p;'>\">\n"
          + "%q; %send;\n]>\n" + TRACK.replace("&x;", "t");
      case "remote-parameter-entity" -> "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n"
          + "<!ENTITY % r SYSTEM \"" + url() + "\"> %r;\n]>\n" + TRACK.replace("&x;", "t");
      case "general-entity" -> "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n"
          + "<!ENTITY x SYSTEM \"" + file + "\">\n]>\n" + TRACK;
      case "error-echo" -> "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n"
          + "<!ENTITY % p SYSTEM \"" + file + "\">\n"
          + "<!ENTITY % e \"<!ENTITY &#x25; err SYSTEM 'file:///nonexistent/%p;'>\"> %e; %err;\n]>\n"
          + TRACK.replace("&x;", "t");
      case "billion-laughs" -> "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n"
          + "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
          + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY x \"&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
          + "]>\n" + TRACK;
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"external-dtd", "parameter-entity", "remote-parameter-entity",
      "general-entity", "error-echo", "billion-laughs"})
  void refusesTheDoctypeWithoutFetchingOrReadingAnything(String kind) throws IOException {
    Path gpx = Files.writeString(dir.resolve(kind + ".gpx"), document(kind));

    // In another thread: a reader that did connect would wait on the listener for ever.
    Throwable refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> catchThrowable(() -> RouteReader.read(gpx, 5)));
    assertThat(refused)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(gpx + ": not a valid GPX file: a DOCTYPE is not allowed in GPX"
            + " (it is not read)")
        .satisfies(e -> assertThat(chain(e)).doesNotContain(SECRET));
    assertNothingConnected();
  }

  @ParameterizedTest
  @ValueSource(strings = {"general-entity", "parameter-entity"})
  void refusesTheSameDocumentFromAStringBody(String kind) throws IOException {
    Throwable refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> catchThrowable(() -> RouteReader.parse(
            document(kind).getBytes(StandardCharsets.UTF_8), "request body", 5)));
    assertThat(refused)
        .hasMessageStartingWith("request body: not a valid GPX file: a DOCTYPE")
        .satisfies(e -> assertThat(chain(e)).doesNotContain(SECRET));
    assertNothingConnected();
  }

  private void assertNothingConnected() throws IOException {
    try {
      listener.accept().close();
      throw new AssertionError("the reader connected to " + url());
    } catch (SocketTimeoutException expected) {
      // Nobody came.
    }
  }

  /** Returns the messages of a throwable and all its causes, as a user or a log could see them. */
  private static String chain(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      s.append(c).append('\n');
    }
    return s.toString();
  }
}
