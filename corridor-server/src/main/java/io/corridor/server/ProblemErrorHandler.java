package io.corridor.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed request line, headers too large, a URI too long) as
 * problem+json like the API's, rather than an HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    byte[] body = Exchange.problemBody(code, detail(code, message), null, null,
        request.getHttpURI() == null ? null : request.getHttpURI().getPath(), null);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/problem+json"));
    return ByteBuffer.wrap(Exchange.problemBody(status, detail(status, reason), null, null, null, null));
  }

  private static String detail(int code, String message) {
    return message == null || message.isBlank() ? "the request could not be handled (" + code + ")" : message;
  }
}
