package io.corridor.server;

/** One endpoint: parses the request, calls the library, writes the answer (or throws a {@link Problem}). */
@FunctionalInterface
interface Resource {
  void handle(Exchange ex) throws Exception;
}
