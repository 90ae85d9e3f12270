'use strict';
// fwpay: Flywire's Payments API from Node.js, over libfwpay. Every call returns a Promise; the
// library sends it from its own I/O thread and it settles on the event loop, which never waits
// on the network and lends no thread of libuv's pool.
//
//   const fwpay = require('fwpay');
//   const client = new fwpay.Client({ apiKey: process.env.FWPAY_API_KEY, baseUrl: fwpay.SANDBOX_BASE_URL });
//   const order = await client.orders.create({ ... });
//   const payment = await client.orders.charge(order.id, { idempotencyKey: `order-${order.id}` });

const fs = require('fs');
const path = require('path');
const native = loadAddon();
const { version } = require('./package.json');
const resources = require('./resources');
const { CALL_OPTIONS, refuseUnknown } = require('./resource');
const telemetry = require('./telemetry');

const { PRODUCTION_BASE_URL, SANDBOX_BASE_URL } = require('./base_url');
const libraryVersion = native.libraryVersion();
if (libraryVersion.split('.').slice(0, 2).join('.') !== version.split('.').slice(0, 2).join('.')) {
  throw new Error(`fwpay ${version} needs libfwpay ${version.split('.').slice(0, 2).join('.')}.x, but loaded libfwpay ${libraryVersion}`);
}

// The addon: the npm package's prebuilt one (prebuildify's layout, libfwpay and the libraries
// it needs beside it), else the one `make node-addon` built (beside a copy of this tree's
// libfwpay, or linked to an installed one).
function loadAddon() {
  const platform = `${process.platform}-${process.arch}`;
  const prebuilt = path.join(__dirname, 'prebuilds', platform, 'node.napi.node');
  const built = path.join(__dirname, 'build', 'fwpay.node');
  const addon = [prebuilt, built].find((file) => fs.existsSync(file));
  if (!addon) {
    throw new Error(`fwpay: no native addon for ${platform}: the npm package carries linux-x64 (glibc 2.34 or later); `
      + 'elsewhere build it from the source with `make node-addon` (docs/bindings.md)');
  }
  try {
    return require(addon);
  } catch (error) {
    const fix = addon === prebuilt
      ? 'reinstall the fwpay package (its prebuilds/ folder is incomplete)'
      : 'install libfwpay (the libfwpay0.2 .deb, or `make install`), or install the fwpay npm package, which carries it';
    throw new Error(`fwpay: the native addon ${addon} could not be loaded (${error.message}): ${fix}`);
  }
}

/** Every failure: kind, httpStatus, requestId (quote it to support), idempotencyKey, errors. */
class FwpayError extends Error {
  constructor(detail) {
    super(detail.message + (detail.request_id ? ` (request id: ${detail.request_id})` : ''));
    this.name = this.constructor.name;
    this.code = detail.code;
    this.kind = detail.kind;
    this.httpStatus = detail.http_status || null;
    this.requestId = detail.request_id || null;
    this.idempotencyKey = detail.idempotency_key || null;
    this.errors = detail.errors || [];
  }
}
/** Refused before sending: nothing reached the server. */
class InvalidArgumentError extends FwpayError {}
/** An error answer of the server. */
class APIError extends FwpayError {}
/** 400 or 422: see errors for each field. */
class InvalidRequestError extends APIError {}
/** The Idempotency-Key was used with another request, or its first request is still being handled. */
class IdempotencyError extends InvalidRequestError {}
/** 401: the API key was rejected. */
class AuthenticationError extends APIError {}
/** 403: the API key is valid but may not do this. */
class PermissionError extends APIError {}
class NotFoundError extends APIError {}
/** 429: wait before retrying. */
class RateLimitError extends APIError {}
/** The server could not be reached or did not answer in time: nothing happened. */
class ConnectionError extends FwpayError {}
/** TLS failed (an untrusted certificate: give its CA as caBundle); nothing was sent, never retried. */
class TLSError extends ConnectionError {}
/** Sent, but no answer came: it may have taken effect. Retry only with the same idempotencyKey. */
class OutcomeUnknownError extends FwpayError {}
/** A notification's X-Flywire-Digest does not match. */
class SignatureError extends FwpayError {}

const CLASSES = {
  invalid_argument: InvalidArgumentError, invalid_json: InvalidArgumentError, invalid_request: InvalidRequestError,
  idempotency_conflict: IdempotencyError, authentication: AuthenticationError, permission: PermissionError, not_found: NotFoundError, rate_limited: RateLimitError, server: APIError,
  http: APIError, connection: ConnectionError, timeout: ConnectionError, tls: TLSError, outcome_unknown: OutcomeUnknownError,
  bad_response: APIError, signature: SignatureError,
};

/** The class of a library failure (the addon's error carries fwp_error_json's fields as `detail`). */
function translate(error) {
  if (error && error.code === 'FWPAY' && error.detail) return new (CLASSES[error.detail.kind] || FwpayError)(error.detail);
  return error;
}

function milliseconds(seconds, name) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new TypeError(`${name} must be a number of seconds`);
  return Math.round(seconds * 1000);
}

/** A client of the Payments API; one client may serve many concurrent calls. */
class Client {
  /**
   * @param {{apiKey: string, baseUrl?: string, timeout?: number, connectTimeout?: number,
   *          maxRetries?: number, allowInsecureHttp?: boolean, caBundle?: string,
   *          serverDeduplicates?: boolean, log?: (level: string, line: string) => void,
   *          logLevel?: string}} settings: log receives the library's log lines of logLevel
   *          ('error', 'warning' (the default), 'info' or 'debug') and above on the event loop,
   *          instead of $FWPAY_LOG's stderr; lines never hold the API key.
   *          With @opentelemetry/api installed, each call is one CLIENT span and one
   *          http.client.request.duration measurement (telemetry: false turns that off);
   *          onEvent receives each call's events (callStart, attemptEnd, callEnd) as they are.
   *          Calls are sent from the library's own I/O thread, never on libuv's pool:
   *          maxInFlight (default 1000) are sent at once, more wait their turn in the library;
   *          maxHostConnections (default 0: no bound but maxInFlight) bounds the connections;
   *          maxRequestsPerMinute keeps the client under a server's limit (a request past it
   *          waits its turn, or rejects with RateLimitError unsent past its timeout).
   */
  constructor({ apiKey, baseUrl, timeout, connectTimeout, maxRetries, allowInsecureHttp, caBundle, serverDeduplicates,
    log, logLevel, proxy, noProxy, clientCert, clientKey, telemetry: traced = true, onEvent, maxInFlight,
    maxHostConnections, maxRequestsPerMinute } = {}) {
    if (onEvent !== undefined && typeof onEvent !== 'function') throw new TypeError('onEvent must be a function of an event');
    this._traced = traced !== false && telemetry.available;
    this._onEvent = onEvent;
    // What is not given keeps the library's default (fwp_client_options): defaults live there only.
    const settings = { api_key: apiKey, base_url: baseUrl,
      timeout_ms: timeout === undefined ? undefined : milliseconds(timeout, 'timeout'),
      connect_timeout_ms: connectTimeout === undefined ? undefined : milliseconds(connectTimeout, 'connectTimeout'),
      max_retries: maxRetries, allow_insecure_http: allowInsecureHttp, ca_bundle: caBundle,
      server_deduplicates: serverDeduplicates, user_agent: `node/${process.versions.node}`, log_level: logLevel,
      proxy, no_proxy: noProxy, client_cert: clientCert, client_key: clientKey, max_in_flight: maxInFlight,
      max_host_connections: maxHostConnections, max_requests_per_minute: maxRequestsPerMinute };
    try {
      this._handle = native.newClient(JSON.stringify(settings), log, this._traced || onEvent !== undefined);
    } catch (error) {
      throw translate(error);
    }
    this.recipients = new resources.Recipients(this);
    this.offers = new resources.Offers(this);
    this.orders = new resources.Orders(this);
    this.sessions = new resources.Sessions(this);
    this.payments = new resources.Payments(this);
    this.refunds = new resources.Refunds(this);
    this.bundles = new resources.Bundles(this);
    /** fwpay-sandbox's control API (sandbox-only). */
    this.sandbox = new resources.Sandbox(this);
  }

  /** Any other call: method ('GET', 'POST', 'PATCH', 'DELETE') to path below the base URL. */
  request(method, requestPath, body = null, options = {}) {
    return this._call('request', { method, path: requestPath, body }, options);
  }

  /** One operation of fwp_call; options: idempotencyKey, timeout (seconds), maxRetries, and
   *  signal (an AbortSignal: aborting cancels the call in the library, and the Promise rejects
   *  with the signal's reason, or with OutcomeUnknownError when a money-moving request may
   *  already have been sent). */
  async _call(operation, args, options = {}) {
    refuseUnknown(operation, options, CALL_OPTIONS);
    const given = { ...args };
    if (options.idempotencyKey !== undefined) given.idempotency_key = options.idempotencyKey;
    if (options.timeout !== undefined) given.timeout_ms = milliseconds(options.timeout, 'timeout');
    if (options.maxRetries !== undefined) given.max_retries = options.maxRetries;
    const { signal } = options;
    if (signal !== undefined) {
      if (signal === null || typeof signal.aborted !== 'boolean') throw new TypeError('signal must be an AbortSignal');
      signal.throwIfAborted();
    }
    const context = this._traced ? telemetry.activeContext() : undefined;
    let answer;
    const pending = native.call(this._handle, operation, JSON.stringify(given));
    const abort = () => native.cancel(this._handle, pending.callId);
    if (signal && pending.callId) signal.addEventListener('abort', abort, { once: true });
    try {
      answer = await pending;
    } catch (error) {
      if (error.events) this._report(error.events, context);
      if (signal && signal.aborted && error.detail && error.detail.kind === 'cancelled') throw signal.reason;
      throw translate(error);
    } finally {
      if (signal) signal.removeEventListener('abort', abort);
    }
    if (answer.events) this._report(answer.events, context);
    const result = JSON.parse(answer.text);
    if (result !== null && typeof result === 'object') {
      // What the answer said besides its body; not enumerable, so the result stays the server's JSON.
      Object.defineProperty(result, 'response', { enumerable: false, value: Object.freeze({
        requestId: answer.requestId || null, idempotencyKey: answer.idempotencyKey || null, httpStatus: answer.httpStatus || null }) });
    }
    return result;
  }

  /** Every item of a list, page after page, as an async iterator: the library walks the
   *  pages (fwp_iter_new_json), each fetched by the library's I/O thread (fwp_iter_next_start). */
  async *_items(operation, args, { perPage, signal, ...options } = {}) {
    refuseUnknown(operation, options, CALL_OPTIONS);
    const given = { ...args };
    if (perPage !== undefined) given.per_page = perPage;
    if (options.timeout !== undefined) given.timeout_ms = milliseconds(options.timeout, 'timeout');
    if (options.maxRetries !== undefined) given.max_retries = options.maxRetries;
    let iter;
    try {
      iter = native.iterNew(this._handle, operation, JSON.stringify(given));
    } catch (error) {
      throw translate(error);
    }
    const context = this._traced ? telemetry.activeContext() : undefined;
    for (;;) {
      if (signal) signal.throwIfAborted();  // between pages: a page on its way runs to its end
      let text;
      try {
        text = await native.iterNext(iter);
      } catch (error) {
        if (error.events) this._report(error.events, context);
        throw translate(error);
      }
      if (typeof text !== 'string') {
        this._report(text.events, context);
        text = text.text;
      }
      const item = JSON.parse(text);
      if (item === null) return;
      yield item;
    }
  }

  /** A call's events, to onEvent and OpenTelemetry; neither may break the call. */
  _report(events, context) {
    if (this._onEvent) {
      for (const event of events) {
        try { this._onEvent(event); } catch { /* a throwing listener is ignored */ }
      }
    }
    if (this._traced) {
      try { telemetry.record(events, context, libraryVersion); } catch { /* telemetry must not break a payment */ }
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')]() { return 'Client {}'; } // never the key (it is not kept here anyway)
}

/** The notifications Flywire sends to your notificationsUrl. body: the raw Buffer as received. */
const notifications = {
  /** Throws SignatureError unless digest (X-Flywire-Digest) matches body and secret. */
  verify(body, digest, secret) {
    try { native.verifyNotification(body, digest, secret); } catch (error) { throw translate(error); }
  },
  isValid(body, digest, secret) {
    try { notifications.verify(body, digest, secret); return true; } catch (error) {
      if (error instanceof SignatureError) return false;
      throw error;
    }
  },
  /** The X-Flywire-Digest of body (to test a receiver). */
  sign(body, secret) {
    try { return native.signNotification(body, secret); } catch (error) { throw translate(error); }
  },
  /** Any notification format in one shape (see fwp_notification_parse in fwpay.h). Verify first. */
  parse(body) {
    try { return JSON.parse(native.parseNotification(body)); } catch (error) { throw translate(error); }
  },
};

module.exports = {
  Client, notifications, version, libraryVersion, PRODUCTION_BASE_URL, SANDBOX_BASE_URL,
  FwpayError, InvalidArgumentError, APIError, InvalidRequestError, IdempotencyError, AuthenticationError, PermissionError,
  NotFoundError,
  RateLimitError, ConnectionError, TLSError, OutcomeUnknownError, SignatureError,
};
