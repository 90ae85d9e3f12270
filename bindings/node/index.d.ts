// TypeScript declarations of the fwpay package (index.js). Results are the server's JSON.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Per-call settings: the POST's Idempotency-Key, a timeout in seconds, retries. */
export interface CallOptions {
  idempotencyKey?: string;
  timeout?: number;
  maxRetries?: number;
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
}


export class Client {
  constructor(settings: ClientSettings);
  readonly recipients: {
    list(options?: PageOptions): AsyncIterableIterator<JsonObject>;
    page(options?: PageOptions): Promise<JsonObject>;
    get(id: string, options?: CallOptions): Promise<JsonObject>;
    search(name: string, options?: CallOptions): Promise<JsonObject>;
  };
  readonly offers: {
    list(query: { recipient: string; amount: number; country: string } & CallOptions): Promise<JsonObject>;
  };
  readonly orders: {
    create(body: JsonObject, options?: CallOptions): Promise<JsonObject>;
    update(id: string, body: JsonObject, options?: CallOptions): Promise<JsonObject>;
    charge(id: string, options?: { body?: JsonObject } & CallOptions): Promise<JsonObject>;
    get(id: string, options?: CallOptions): Promise<JsonObject>;
    check(id: string, options: { portal: string } & CallOptions): Promise<JsonObject>;
    list(filters?: { recipient?: string; country?: string; status?: string } & PageOptions): AsyncIterableIterator<JsonObject>;
    page(filters?: { recipient?: string; country?: string; status?: string } & PageOptions): Promise<JsonObject>;
  };
  readonly sessions: {
    create(body: JsonObject, options?: CallOptions): Promise<JsonObject>;
    /** The session id, or the confirm URL the payer's form handed your page. */
    confirm(session: string, options?: CallOptions): Promise<JsonObject>;
  };
  readonly payments: {
    get(reference: string, options?: CallOptions): Promise<JsonObject>;
    receipt(reference: string, options?: CallOptions): Promise<JsonObject>;
    process(reference: string, options?: CallOptions): Promise<JsonObject>;
    cancel(reference: string, options?: CallOptions): Promise<JsonObject>;
    capture(reference: string, options: { amount: number } & CallOptions): Promise<JsonObject>;
    adjust(reference: string, options: { amount: number } & CallOptions): Promise<JsonObject>;
    charge(body: JsonObject, options?: CallOptions): Promise<JsonObject>;
    list(filters?: { recipient?: string; status?: string; external_reference?: string } & PageOptions): AsyncIterableIterator<JsonObject>;
    page(filters?: { recipient?: string; status?: string; external_reference?: string } & PageOptions): Promise<JsonObject>;
  };
  readonly refunds: {
    create(paymentReference: string, body: JsonObject, options?: CallOptions): Promise<JsonObject>;
    get(id: string, options?: CallOptions): Promise<JsonObject>;
    cancel(id: string, options?: CallOptions): Promise<JsonObject>;
    list(filters?: { payment_id?: string; status?: string } & PageOptions): AsyncIterableIterator<JsonObject>;
    page(filters?: { payment_id?: string; status?: string } & PageOptions): Promise<JsonObject>;
  };
  readonly bundles: {
    list(options?: PageOptions): AsyncIterableIterator<JsonObject>;
    page(options?: PageOptions): Promise<JsonObject>;
    get(id: string, options?: CallOptions): Promise<JsonObject>;
    approve(id: string, options?: CallOptions): Promise<JsonObject>;
  };
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
export class AuthenticationError extends APIError {}
export class NotFoundError extends APIError {}
export class RateLimitError extends APIError {}
export class ConnectionError extends FwpayError {}
export class OutcomeUnknownError extends FwpayError {}
export class SignatureError extends FwpayError {}
