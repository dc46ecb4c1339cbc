package io.corridor.load;

/**
 * One request of a pool: the name its latency is reported under, the HTTP method, the path with
 * its query, and the body (null for none). Requests that share a body share the array: treat it
 * as read-only.
 */
public record PoolRequest(String name, String method, String path, byte[] body) {}
