import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics served at /metrics. One registry per server instance (tests run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Read from the sockets at scrape time (whichever listener serves /metrics).
  let measureBuffered = () => 0;
  return {
    registry,
    queueWaiting: new Gauge({ name: 'parley_queue_waiting', help: 'Conversations waiting in a queue', labelNames: ['queue'], registers: [registry] }),
    offers: new Counter({ name: 'parley_offers_total', help: 'Offers made to agents', registers: [registry] }),
    rona: new Counter({ name: 'parley_rona_total', help: 'Offers not accepted in time (agent put in RONA)', registers: [registry] }),
    abandoned: new Counter({
      name: 'parley_conversations_abandoned_total',
      help: 'Web chats ended because the customer left (no socket, no message) before any agent accepted',
      registers: [registry],
    }),
    messageLatency: new Histogram({
      name: 'parley_message_latency_seconds',
      help: 'Customer message received until stored and published to agent sockets',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    agentSockets: new Gauge({ name: 'parley_agent_sockets', help: 'Open agent WebSocket connections', registers: [registry] }),
    customerSockets: new Gauge({ name: 'parley_customer_sockets', help: 'Open web chat WebSocket connections', registers: [registry] }),
    socketsOverflowed: new Counter({ name: 'parley_ws_overflow_closed_total', help: 'Sockets cut off because their peer stopped reading (unsent data past the cap)', registers: [registry] }),
    socketBufferedBytes: new Gauge({
      name: 'parley_ws_buffered_bytes',
      help: 'Bytes queued unsent over all WebSocket connections',
      registers: [registry],
      collect() {
        this.set(measureBuffered());
      },
    }),
    /** Where parley_ws_buffered_bytes is read from (the gateway's sockets). */
    measureBufferedBytesWith(fn: () => number): void {
      measureBuffered = fn;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
