// TypeScript declarations of the fwpay package (index.js). Results are the server's JSON. The
// resources' methods are in resources.d.ts, generated from api/operations.json.
import type { Recipients, Offers, Orders, Sessions, Payments, Refunds, Bundles, Sandbox } from './resources';
export type { Recipients, Offers, Orders, Sessions, Payments, Refunds, Bundles, Sandbox } from './resources';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
/** What an answer said besides its body: every result object has it as `response` (not enumerable). */
export interface Response { readonly requestId: string | null; readonly idempotencyKey: string | null; readonly httpStatus: number | null; }
/** A call's result: the server's JSON object, with its `response`. */
export type Result = JsonObject & { readonly response: Response };

/** Per-call settings: the POST's Idempotency-Key, a timeout in seconds, retries. */
export interface CallOptions {
  idempotencyKey?: string;
  timeout?: number;
  maxRetries?: number;
  /** Aborting cancels the call in the library; the Promise rejects with the signal's reason,
   *  or with OutcomeUnknownError when a money-moving request may already have been sent. */
  signal?: AbortSignal;
}
export interface PageOptions extends CallOptions {
  page?: number;
  perPage?: number;
}
export interface ClientSettings {
  apiKey: string;
  baseUrl?: string;
  /** Seconds for a whole request (default 80). */
  timeout?: number;
  /** Seconds to connect (default 30). */
  connectTimeout?: number;
  maxRetries?: number;
  allowInsecureHttp?: boolean;
  /** A PEM file TLS trusts instead of the system's ($FWPAY_CA_BUNDLE otherwise). */
  caBundle?: string;
  /** The server deduplicates POSTs by Idempotency-Key (fwpay-sandbox does; Flywire documents
   *  no idempotency): an unanswered POST is retried with the same key. Default false. */
  serverDeduplicates?: boolean;
  /** Receives the library's log lines of logLevel and above, on the event loop (instead of
   *  $FWPAY_LOG's stderr); lines never hold the API key. */
  log?: (level: 'error' | 'warning' | 'info' | 'debug', line: string) => void;
  /** The most detailed level logged (default 'warning'). */
  logLevel?: 'error' | 'warning' | 'info' | 'debug';
  /** The proxy of every request ("http://proxy.example:3128"; credentials are never logged),
   *  '' for none; unset: $HTTPS_PROXY and $NO_PROXY decide, as in curl. */
  proxy?: string;
  /** Hosts reached without the proxy ("localhost,.internal", "*"). */
  noProxy?: string;
  /** Mutual TLS: the client's certificate and its unencrypted key (PEM files; one file may hold both). */
  clientCert?: string;
  clientKey?: string;
  /** With @opentelemetry/api installed, each call is one CLIENT span and one
   *  http.client.request.duration measurement; false turns that off (default true). */
  telemetry?: boolean;
  /** Receives each call's events, in order, when the call settles. */
  onEvent?: (event: CallEvent) => void;
  /** Requests sent at once from the library's I/O thread (default 1000); more wait their turn
   *  in the library, holding no thread. */
  maxInFlight?: number;
  /** Connections to one host at once (default 0: no bound but maxInFlight). */
  maxHostConnections?: number;
  /** Requests a minute at most, retries included (default: no bound): past it a request waits
   *  its turn, or rejects with RateLimitError unsent when the wait would outlast its timeout. */
  maxRequestsPerMinute?: number;
}

/** One telemetry event of a call (fwp_event): its start, each attempt's end, its end. */
export interface CallEvent {
  type: 'callStart' | 'attemptEnd' | 'callEnd';
  /** The same for every event of one call; unique within the process. */
  callId: number;
  timeUnixNano: bigint;
  method: string;
  /** "/recipients/{recipient_id}", or null for client.request's own path. */
  urlTemplate: string | null;
  serverAddress: string;
  serverPort: number;
  /** The attempt ended (attemptEnd), the attempts made (callEnd), 0 (callStart). */
  attempt: number;
  /** 0 when there was no answer. */
  httpStatus: number;
  /** 0, or the FWP_E_ code of the failure. */
  error: number;
  /** The error's kind ("timeout", "not_found", "tls"...), or null. */
  errorType: string | null;
  requestId: string | null;
  /** The attempt's, or the whole call's with its pauses (callEnd), in milliseconds. */
  durationMs: number;
  /** attemptEnd only: libcurl's times from the attempt's start, in milliseconds. */
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  newConnection?: boolean;
}


export class Client {
  constructor(settings: ClientSettings);
  readonly recipients: Recipients;
  readonly offers: Offers;
  readonly orders: Orders;
  readonly sessions: Sessions;
  readonly payments: Payments;
  readonly refunds: Refunds;
  readonly bundles: Bundles;
  /** fwpay-sandbox's control API (sandbox-only). */
  readonly sandbox: Sandbox;
  request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: Json, options?: CallOptions): Promise<Json>;
}

export const notifications: {
  verify(body: Buffer, digest: string, secret: string): void;
  isValid(body: Buffer, digest: string, secret: string): boolean;
  sign(body: Buffer, secret: string): string;
  parse(body: Buffer): JsonObject;
};

export const version: string;
export const libraryVersion: string;
export const PRODUCTION_BASE_URL: string;
export const SANDBOX_BASE_URL: string;

export class FwpayError extends Error {
  readonly code: number;
  readonly kind: string;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
  readonly errors: JsonObject[];
}
export class InvalidArgumentError extends FwpayError {}
export class APIError extends FwpayError {}
export class InvalidRequestError extends APIError {}
export class IdempotencyError extends InvalidRequestError {}
export class AuthenticationError extends APIError {}
export class PermissionError extends APIError {}
export class NotFoundError extends APIError {}
export class RateLimitError extends APIError {}
export class ConnectionError extends FwpayError {}
/** TLS failed (an untrusted certificate: give its CA as caBundle); nothing was sent, never retried. */
export class TLSError extends ConnectionError {}
export class OutcomeUnknownError extends FwpayError {}
export class SignatureError extends FwpayError {}
