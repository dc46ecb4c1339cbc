package io.corridor.server;

/**
 * An error answered to the client as an RFC 9457 {@code application/problem+json} body: the HTTP
 * status, a detail a user can act on, and where the fault lies (a JSON pointer into the body, or a
 * query parameter). Thrown by the parsing and checking steps and written by {@link Exchange}.
 */
final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String pointer;
  private final String parameter;
  private final String reason;

  private Problem(int status, String detail, String pointer, String parameter, String reason) {
    super(detail, null, false, false);
    this.status = status;
    this.pointer = pointer;
    this.parameter = parameter;
    this.reason = reason;
  }

  /** 400: the request is not what the API accepts (syntax, types, missing or unknown fields). */
  static Problem badRequest(String pointer, String detail) {
    return new Problem(400, detail, pointer, null, null);
  }

  /** 400 for a query parameter. */
  static Problem badParameter(String parameter, String detail) {
    return new Problem(400, detail, null, parameter, null);
  }

  /** 422: well-formed, but the values make no corridor (a latitude of 91, a radius of 0). */
  static Problem unprocessable(String pointer, String detail) {
    return new Problem(422, detail, pointer, null, null);
  }

  /** 413: over a configured limit. */
  static Problem tooLarge(String pointer, String detail) {
    return new Problem(413, detail, pointer, null, null);
  }

  /** Returns this problem as found in a query parameter rather than in a body field. */
  Problem inParameter(String name) {
    return new Problem(status, getMessage(), null, name, reason);
  }

  /** Any other status, such as 401, 404, 405, 408, 415 or 503. */
  static Problem of(int status, String detail) {
    return new Problem(status, detail, null, null, null);
  }

  /** 503 because the server cannot take the request now; {@code reason} tags the rejection metric. */
  static Problem unavailable(String reason, String detail) {
    return new Problem(503, detail, null, null, reason);
  }

  int status() {
    return status;
  }

  String pointer() {
    return pointer;
  }

  String parameter() {
    return parameter;
  }

  /** The rejection reason of a 503, or null. */
  String reason() {
    return reason;
  }
}
