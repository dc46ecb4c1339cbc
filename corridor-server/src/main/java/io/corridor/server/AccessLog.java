package io.corridor.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;

/**
 * The access log: one JSON object per line and per request (time, request id, trace id, method,
 * path, status, bytes, server and queue time in milliseconds, client address), so that a log
 * pipeline reads it without a pattern. Thread-safe: each line is written whole.
 */
final class AccessLog {
  private static final JsonFactory JSON = new JsonFactory();
  private final PrintStream out;

  AccessLog(PrintStream out) {
    this.out = out;
  }

  /** Returns a log that writes nothing. */
  static AccessLog off() {
    return new AccessLog(null);
  }

  void write(Exchange ex, long bytesOut) {
    if (out == null) {
      return;
    }
    StringWriter line = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(line)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("request_id", ex.requestId());
      g.writeStringField("trace_id", ex.traceId());
      g.writeStringField("method", ex.request().getMethod());
      g.writeStringField("path", ex.request().getHttpURI().getPath());
      g.writeStringField("endpoint", ex.endpoint());
      g.writeNumberField("status", ex.status());
      g.writeNumberField("bytes_in", ex.bytesIn());
      g.writeNumberField("bytes_out", bytesOut);
      g.writeNumberField("duration_ms", ex.elapsedNanos() / 1e6);
      g.writeNumberField("scheduled_ms", ex.scheduledNanos() / 1e6);
      g.writeStringField("remote", org.eclipse.jetty.server.Request.getRemoteAddr(ex.request()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string cannot fail", e);
    }
    synchronized (out) {
      out.println(line);
    }
  }
}
