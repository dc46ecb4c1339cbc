package io.corridor.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a JSON request body whole, within limits: the content type must be JSON in UTF-8, the
 * bytes (and, for {@code Content-Encoding: gzip}, the decoded bytes: a gzip bomb stops at the
 * limit) at most the configured maximum, and the last byte in before the request's deadline (a
 * body sent a byte a second ends in 408, not in a worker held for ever).
 */
final class RequestBody {
  private static final int CHUNK = 64 * 1024;

  private RequestBody() {}

  /** Returns the body's bytes, decoded if gzip. */
  static byte[] readJson(Request request, long maxBytes, long deadlineNanos) {
    checkJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
    boolean gzip = false;
    if (encoding != null && !encoding.isBlank()) {
      String e = encoding.strip().toLowerCase(Locale.ROOT);
      if (e.equals("gzip") || e.equals("x-gzip")) {
        gzip = true;
      } else if (!e.equals("identity")) {
        throw Problem.of(415, "Content-Encoding \"" + encoding + "\" is not supported: send gzip or none");
      }
    }
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    byte[] raw = read(request, maxBytes, deadlineNanos);
    byte[] body = gzip ? gunzip(raw, maxBytes) : raw;
    if (body.length == 0) {
      throw Problem.badRequest("", "the body is empty: expected a JSON object");
    }
    return body;
  }

  private static void checkJson(String contentType) {
    if (contentType == null) {
      throw Problem.of(415, "no Content-Type: send application/json");
    }
    String[] parts = contentType.split(";");
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json")) {
      throw Problem.of(415, "Content-Type \"" + contentType + "\" is not supported: send application/json");
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=")) {
        String charset = p.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw Problem.of(415, "charset \"" + charset + "\" is not supported: JSON is sent in UTF-8");
        }
      }
    }
  }

  /**
   * Reads and drops a body of at most {@code maxBytes} that a refusal left unread, before
   * {@code deadlineNanos}; returns whether all of it was read. A server that closes a connection
   * with a body still unread makes the kernel reset it, and the client may lose the answer with it:
   * a small body is cheaper to read than a refusal lost.
   */
  static boolean discard(Request request, long maxBytes, long deadlineNanos) {
    try {
      read(request, maxBytes, deadlineNanos);
      return true;
    } catch (Problem e) {
      return false;
    }
  }

  private static byte[] read(Request request, long maxBytes, long deadlineNanos) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(request.getLength(), 0) + 1, CHUNK));
    byte[] copy = new byte[CHUNK];
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        awaitContent(request, deadlineNanos);
        continue;
      }
      try {
        if (Content.Chunk.isFailure(chunk)) {
          throw Problem.badRequest("", "the body could not be read: " + chunk.getFailure().getMessage());
        }
        ByteBuffer b = chunk.getByteBuffer();
        if (out.size() + (long) b.remaining() > maxBytes) {
          throw tooLarge(maxBytes);
        }
        while (b.hasRemaining()) {
          int n = Math.min(b.remaining(), copy.length);
          b.get(copy, 0, n);
          out.write(copy, 0, n);
        }
        if (chunk.isLast()) {
          return out.toByteArray();
        }
      } finally {
        chunk.release();
      }
    }
  }

  private static void awaitContent(Request request, long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw Problem.of(408, "the body did not arrive in time: the whole request must arrive within the server's request timeout");
    }
    CompletableFuture<Void> ready = new CompletableFuture<>();
    request.demand(() -> ready.complete(null));
    try {
      ready.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw Problem.of(408, "the body did not arrive in time: the whole request must arrive within the server's request timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Problem.unavailable("draining", "the server is shutting down");
    } catch (ExecutionException e) {
      throw Problem.badRequest("", "the body could not be read: " + e.getCause().getMessage());
    }
  }

  private static byte[] gunzip(byte[] raw, long maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
    byte[] buf = new byte[CHUNK];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), CHUNK)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > maxBytes) {
          throw Problem.tooLarge("", "the body decodes to more than " + maxBytes
              + " bytes, the server's limit (max-body-bytes)");
        }
        out.write(buf, 0, n);
      }
    } catch (ZipException | java.io.EOFException e) {
      throw Problem.badRequest("", "the body is not valid gzip: " + e.getMessage());
    } catch (IOException e) {
      throw Problem.badRequest("", "the gzip body could not be decoded: " + e.getMessage());
    }
    return out.toByteArray();
  }

  private static Problem tooLarge(long maxBytes) {
    return Problem.tooLarge("", "the body is larger than " + maxBytes
        + " bytes, the server's limit (max-body-bytes)");
  }
}
