package io.corridor.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a request to its endpoint by path and method, answering 404 and 405 as problems;
 * puts the corridor endpoints through admission control; and turns a {@link Problem} into its
 * answer. Every request ends in metrics, a span and an access-log line. Thread-safe.
 */
final class Router extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final ServerState state;
  private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();

  Router(ServerState state) {
    this.state = state;
  }

  /** Adds an endpoint; {@code admitted} ones wait for a worker and count against the limits. */
  Router add(String method, String path, String endpoint, boolean admitted, Resource resource) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, new Route(endpoint, admitted, resource));
    return this;
  }

  /**
   * Declares a route that a handler before this one serves (the web page at {@code /}), so that
   * other methods on its path answer 405 and the OpenAPI check counts it.
   */
  Router servedBefore(String method, String path, String endpoint) {
    return add(method, path, endpoint, false, null);
  }

  /** Returns the methods served at each path, for the OpenAPI check. */
  Map<String, Set<String>> served() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    routes.forEach((path, byMethod) -> out.put(path, Set.copyOf(byMethod.keySet())));
    return out;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    Map<String, Route> byMethod = routes.get(path);
    Route route = byMethod == null ? null : byMethod.get(request.getMethod());
    String endpoint = route != null ? route.endpoint
        : byMethod != null ? byMethod.values().iterator().next().endpoint : "unmatched";
    Exchange ex = new Exchange(state, request, response, callback, endpoint);
    boolean admitted = false;
    try {
      if (byMethod == null) {
        throw Problem.of(404, "no endpoint at " + path + "; the API is described at /openapi.json");
      }
      if (route == null) {
        response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", byMethod.keySet()));
        throw Problem.of(405, request.getMethod() + " is not allowed on " + path + "; allowed: "
            + String.join(", ", byMethod.keySet()));
      }
      if (route.admitted) {
        if (state.draining().get()) {
          throw Problem.unavailable("draining", "the server is shutting down");
        }
        ex.scheduled(state.admission().enter(ex.deadlineNanos()));
        admitted = true;
      }
      if (route.resource == null) {
        // The handler before this one declined a path it serves: nothing here for it either.
        throw Problem.of(404, "nothing at " + path);
      }
      route.resource.handle(ex);
    } catch (Problem p) {
      ex.sendProblem(p);
    } catch (OutOfMemoryError e) {
      // A request too large for the heap despite the limits: refuse it, keep serving.
      ex.sendProblem(Problem.unavailable("memory", "the server has no memory for this request now; retry shortly, or ask for less"));
    } catch (Exception | StackOverflowError e) {
      LOG.error("request {} to {} failed", ex.requestId(), path, e);
      ex.sendProblem(Problem.of(500, "the server failed on this request (request id "
          + ex.requestId() + "); this is a bug"));
    } finally {
      if (admitted) {
        state.admission().leave();
      }
      ex.finish();
    }
    return true;
  }

  private record Route(String endpoint, boolean admitted, Resource resource) {}
}
