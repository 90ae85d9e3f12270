'use strict';
// A recording stand-in for @opentelemetry/api (the npm registry is out of reach here): the
// parts of its API the binding calls, with the same names and shapes (trace.getTracer,
// tracer.startSpan(name, options, context), span.addEvent/setAttributes/setStatus/end,
// context.active/with over AsyncLocalStorage as the real context manager, metrics.getMeter,
// meter.createHistogram, histogram.record). What was recorded is in `recorded`.
const { AsyncLocalStorage } = require('node:async_hooks');

const SpanKind = { INTERNAL: 0, SERVER: 1, CLIENT: 2, PRODUCER: 3, CONSUMER: 4 };
const SpanStatusCode = { UNSET: 0, OK: 1, ERROR: 2 };
const recorded = { spans: [], measurements: [], instruments: [] };
const storage = new AsyncLocalStorage();
const ROOT = Object.freeze({ span: null });
let nextId = 1;

const context = {
  active: () => storage.getStore() || ROOT,
  with: (ctx, fn, thisArg, ...args) => storage.run(ctx, () => fn.apply(thisArg, args)),
};

class Span {
  constructor(name, options, parent, scope) {
    this.name = name;
    this.kind = options.kind === undefined ? SpanKind.INTERNAL : options.kind;
    this.startTime = options.startTime;
    this.attributes = { ...(options.attributes || {}) };
    this.events = [];
    this.status = { code: SpanStatusCode.UNSET };
    this.id = nextId++;
    this.parentId = parent && parent.span ? parent.span.id : null;
    this.scope = scope;
    this.ended = false;
  }
  isRecording() { return !this.ended; }
  setAttribute(key, value) { this.attributes[key] = value; return this; }
  setAttributes(attributes) { Object.assign(this.attributes, attributes); return this; }
  addEvent(name, attributes, time) { this.events.push({ name, attributes: { ...attributes }, time }); return this; }
  setStatus(status) { this.status = status; return this; }
  end(endTime) {
    if (this.ended) throw new Error(`span ${this.name} ended twice`);
    this.ended = true;
    this.endTime = endTime;
    recorded.spans.push(this);
  }
}

const trace = {
  getTracer: (name, version) => ({
    startSpan: (spanName, options = {}, ctx = context.active()) => new Span(spanName, options, ctx, { name, version }),
  }),
  setSpan: (ctx, span) => ({ ...ctx, span }),
};

const metrics = {
  getMeter: (name, version) => ({
    createHistogram: (instrument, options) => {
      recorded.instruments.push({ meter: name, version, name: instrument, options });
      return { record: (value, attributes) => recorded.measurements.push({ instrument, value, attributes: { ...attributes } }) };
    },
  }),
};

module.exports = { SpanKind, SpanStatusCode, context, trace, metrics, recorded };
