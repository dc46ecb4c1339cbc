package io.corridor.server;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/**
 * OpenTelemetry traces of the server: a span per request, a child per phase, the W3C
 * {@code traceparent} of the caller honoured. Spans are exported over OTLP/HTTP only when an
 * endpoint is configured; without one they still carry trace ids into the access log.
 */
public final class Tracing implements AutoCloseable {
  private static final TextMapGetter<Request> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Request request) {
      List<String> names = new ArrayList<>();
      for (HttpField f : request.getHeaders()) {
        names.add(f.getName());
      }
      return names;
    }

    @Override
    public String get(Request request, String key) {
      return request == null ? null : request.getHeaders().get(key);
    }
  };

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final AutoCloseable closer;

  private Tracing(OpenTelemetry openTelemetry, AutoCloseable closer) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("io.corridor.server");
    this.closer = closer;
  }

  /** Returns the tracing of a server: exporting to {@code otlpEndpoint} if not null. */
  public static Tracing create(String otlpEndpoint) {
    io.opentelemetry.sdk.trace.SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "corridor"))));
    if (otlpEndpoint != null) {
      provider.addSpanProcessor(BatchSpanProcessor.builder(
          OtlpHttpSpanExporter.builder().setEndpoint(otlpEndpoint).build()).build());
    } else {
      // Without any processor the SDK hands out invalid spans; this one keeps trace ids (for the
      // access log and the caller's traceparent) while exporting nothing.
      provider.addSpanProcessor(new SpanProcessor() {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
          return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {}

        @Override
        public boolean isEndRequired() {
          return false;
        }
      });
    }
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(provider.build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    return new Tracing(sdk, sdk);
  }

  /** Returns the tracing of a given OpenTelemetry (tests pass one that records spans in memory). */
  public static Tracing of(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry, () -> { });
  }

  /** Starts the span of a request, as a child of the caller's {@code traceparent} if any. */
  Span startRequest(Request request, String name) {
    Context parent = openTelemetry.getPropagators().getTextMapPropagator()
        .extract(Context.root(), request, HEADERS);
    return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
  }

  /** Starts the span of a phase under {@code parent}. */
  Span startPhase(Span parent, Phase phase) {
    return tracer.spanBuilder(phase.label()).setParent(Context.root().with(parent)).startSpan();
  }

  @Override
  public void close() throws Exception {
    closer.close();
  }
}
