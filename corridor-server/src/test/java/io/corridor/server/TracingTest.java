package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A span per request, a child per phase, and the caller's W3C traceparent honoured. */
class TracingTest {
  @Test
  void aFilterRequestIsASpanWithAChildPerPhaseUnderTheCallersTrace() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    try (TestServer http = TestServer.start(TestServer.settings(), Tracing.of(sdk))) {
      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      String parentId = "00f067aa0ba902b7";
      var r = http.post("/v1/filter", "application/json",
          Fixtures.filterBody(Fixtures.locations(100, 9), 2000).toString().getBytes(StandardCharsets.UTF_8),
          Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"));
      assertThat(r.statusCode()).isEqualTo(200);
      // The span is ended as the answer is handed over; allow the exporter a moment on a busy machine.
      List<SpanData> finished = spans.getFinishedSpanItems();
      for (int i = 0; i < 250 && finished.stream().noneMatch(s -> s.getKind() == SpanKind.SERVER); i++) {
        Thread.sleep(20);
        finished = spans.getFinishedSpanItems();
      }
      List<SpanData> seen = finished;
      SpanData request = finished.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst()
          .orElseThrow(() -> new AssertionError("no server span among " + seen));
      assertThat(request.getName()).isEqualTo("POST filter");
      assertThat(request.getTraceId()).isEqualTo(traceId);
      assertThat(request.getParentSpanId()).isEqualTo(parentId);
      assertThat(request.getAttributes().asMap().values()).contains(200L);
      List<String> phases = finished.stream()
          .filter(s -> s.getParentSpanId().equals(request.getSpanId())).map(SpanData::getName).toList();
      assertThat(phases).containsExactly("parse", "covering", "exact", "serialize");
    }
    sdk.close();
  }
}
