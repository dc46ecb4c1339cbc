package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its answer, as the endpoint classes see it: the body read within the limits,
 * the query, timed phases (metrics, spans and {@code Server-Timing}), the request id, and the
 * answer written once, as JSON or as a problem. Used by one thread at a time.
 */
final class Exchange {
  private static final String REQUEST_ID = "X-Request-Id";

  private final ServerState state;
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final String endpoint;
  private final String requestId;
  private final Span span;
  private final long startNanos = System.nanoTime();
  private final long deadlineNanos;
  private final long[] phaseNanos = new long[Phase.values().length];
  private final boolean[] phaseRan = new boolean[Phase.values().length];
  private long scheduledNanos;
  private long bytesIn;
  private long candidates = -1;
  private long matches = -1;
  private int status;
  private boolean sent;
  private boolean bodyRead;
  /** The largest unread body that a refusal reads and drops rather than close the connection. */
  private static final long DISCARD_BYTES = 64 * 1024;
  /** The longest a refusal waits for such a body. */
  private static final long DISCARD_NANOS = 1_000_000_000L;

  Exchange(ServerState state, Request request, Response response, Callback callback, String endpoint) {
    this.state = state;
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.endpoint = endpoint;
    this.requestId = requestId(request.getHeaders().get(REQUEST_ID));
    this.deadlineNanos = startNanos + state.settings().requestTimeout().toNanos();
    this.span = state.tracing().startRequest(request, request.getMethod() + " " + endpoint);
    span.setAttribute("http.request.method", request.getMethod());
    span.setAttribute("url.path", request.getHttpURI().getPath());
    span.setAttribute("corridor.request_id", requestId);
    response.getHeaders().put(REQUEST_ID, requestId);
  }

  ServerState state() {
    return state;
  }

  ServerSettings settings() {
    return state.settings();
  }

  Request request() {
    return request;
  }

  Response response() {
    return response;
  }

  String endpoint() {
    return endpoint;
  }

  String requestId() {
    return requestId;
  }

  String traceId() {
    return span.getSpanContext().getTraceId();
  }

  int status() {
    return status;
  }

  long bytesIn() {
    return bytesIn;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  long scheduledNanos() {
    return scheduledNanos;
  }

  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /** Records the time the request waited for a worker. */
  void scheduled(long nanos) {
    scheduledNanos = nanos;
    state.metrics().scheduled(endpoint, nanos);
  }

  /** Records how many locations were examined (-1: unknown) and how many matched. */
  void counts(long candidateCount, long matchCount) {
    candidates = candidateCount;
    matches = matchCount;
  }

  /** Reads the JSON body within the size limit and the deadline (see {@link RequestBody}). */
  byte[] jsonBody() {
    byte[] body = RequestBody.readJson(request, state.settings().maxBodyBytes(), deadlineNanos);
    bodyRead = true;
    bytesIn = body.length;
    return body;
  }

  /** Returns the query parameters. */
  Fields query() {
    try {
      return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw Problem.badRequest(null, "the query string is malformed: " + e.getMessage());
    }
  }

  /**
   * Starts timing a phase, after checking the deadline; close the returned timer when the phase
   * ends.
   *
   * @throws Problem 503 if the request's deadline has passed
   */
  PhaseTimer phase(Phase phase) {
    if (System.nanoTime() > deadlineNanos) {
      throw Problem.unavailable("deadline", "the request took longer than the server's limit of "
          + state.settings().requestTimeout().toMillis() + " ms; retry, or ask for less");
    }
    return new PhaseTimer(phase);
  }

  /** Sends a JSON answer. */
  void sendJson(int code, byte[] body) {
    send(code, "application/json", body);
  }

  /** Sends an answer with a body of {@code contentType}. */
  void send(int code, String contentType, byte[] body) {
    if (sent) {
      throw new IllegalStateException("answer already sent");
    }
    sent = true;
    status = code;
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    String timing = serverTiming();
    if (!timing.isEmpty()) {
      response.getHeaders().put("Server-Timing", timing);
    }
    // Recorded before the write, so that whoever reads the answer also finds its metrics and span.
    record();
    state.accessLog().write(this, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** Sends a problem as {@code application/problem+json}. */
  void sendProblem(Problem p) {
    if (sent) {
      // The answer is on its way already; the failure after it is only logged by the caller.
      return;
    }
    if (p.status() == 503) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      state.metrics().rejected(p.reason() == null ? "unavailable" : p.reason());
    } else if (p.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
    }
    boolean bodyLeft = !bodyRead && (request.getLength() > 0
        || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    if (bodyLeft && p.status() != 408 && p.status() != 413 && request.getLength() > 0
        && request.getLength() <= DISCARD_BYTES) {
      // A small body left unread by a refusal (a 503 of a full queue, say) is read and dropped,
      // briefly, so that the connection is kept and the refusal reaches the client.
      bodyLeft = !RequestBody.discard(request, DISCARD_BYTES,
          Math.min(deadlineNanos, System.nanoTime() + DISCARD_NANOS));
    }
    if (bodyLeft || p.status() == 408 || p.status() == 413) {
      // The body was refused unread (or only partly read): rather than read what it refused, the
      // server closes the connection after the answer, and says so, so that no client sends its
      // next request on it.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    span.setStatus(StatusCode.ERROR, p.getMessage());
    send(p.status(), "application/problem+json", problemBody(p.status(), p.getMessage(), p.pointer(),
        p.parameter(), request.getHttpURI().getPath(), requestId));
  }

  /** Returns the RFC 9457 body of a problem. */
  static byte[] problemBody(int code, String detail, String pointer, String parameter, String instance,
      String requestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JsonOutput.generator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "about:blank");
      g.writeStringField("title", HttpStatus.getMessage(code));
      g.writeNumberField("status", code);
      g.writeStringField("detail", detail);
      if (pointer != null) {
        g.writeStringField("pointer", pointer);
      }
      if (parameter != null) {
        g.writeStringField("parameter", parameter);
      }
      if (instance != null) {
        g.writeStringField("instance", instance);
      }
      if (requestId != null) {
        g.writeStringField("request_id", requestId);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** Checks that an answer was sent: each request ends in one, with its metrics and span. */
  void finish() {
    if (!sent) {
      throw new IllegalStateException("no answer was sent");
    }
  }

  private void record() {
    long elapsed = elapsedNanos();
    ServerMetrics m = state.metrics();
    m.request(endpoint, status, elapsed);
    for (Phase p : Phase.values()) {
      if (phaseRan[p.ordinal()]) {
        m.phase(endpoint, p, phaseNanos[p.ordinal()]);
      }
    }
    if (matches >= 0) {
      m.counts(endpoint, candidates, matches);
    }
    span.setAttribute("http.response.status_code", status);
    span.end();
  }

  private String serverTiming() {
    StringBuilder s = new StringBuilder();
    if (scheduledNanos > 0) {
      s.append("queue;dur=").append(millis(scheduledNanos));
    }
    for (Phase p : Phase.values()) {
      if (phaseRan[p.ordinal()]) {
        if (s.length() > 0) {
          s.append(", ");
        }
        s.append(p.label()).append(";dur=").append(millis(phaseNanos[p.ordinal()]));
      }
    }
    if (s.length() > 0) {
      s.append(", total;dur=").append(millis(elapsedNanos()));
    }
    return s.toString();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  private static String requestId(String given) {
    if (given != null && given.length() <= 64 && given.matches("[A-Za-z0-9._-]+")) {
      return given;
    }
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** The timer and span of one phase. */
  final class PhaseTimer implements AutoCloseable {
    private final Phase phase;
    private final long start = System.nanoTime();
    private final Span phaseSpan;

    private PhaseTimer(Phase phase) {
      this.phase = phase;
      this.phaseSpan = state.tracing().startPhase(span, phase);
    }

    @Override
    public void close() {
      phaseNanos[phase.ordinal()] += System.nanoTime() - start;
      phaseRan[phase.ordinal()] = true;
      phaseSpan.end();
    }
  }
}
