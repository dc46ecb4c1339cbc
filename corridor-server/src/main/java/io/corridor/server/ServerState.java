package io.corridor.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every endpoint of one server shares: its settings, the served index, admission control,
 * metrics, tracing, the access log, and whether it is draining for shutdown. Thread-safe.
 */
record ServerState(
    ServerSettings settings,
    IndexSlot slot,
    Admission admission,
    ServerMetrics metrics,
    Tracing tracing,
    AccessLog accessLog,
    AtomicBoolean draining) {}
