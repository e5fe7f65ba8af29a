import type { voice, webhooks as native } from './index'

/** Checks and parses incoming webhooks, and answers them (the native core's rules). */
export declare const Receiver: typeof native.Receiver
export type Receiver = native.Receiver
/** An HTTP answer to a webhook: `status`, `headers` and a JSON `body`. */
export declare const Answer: typeof native.Answer
export type Answer = native.Answer
/** Whether the `Authorization` header equals the webhook's secret, in constant time. */
export declare const authorizationMatches: typeof native.authorizationMatches
/** Whether an address is one of those 8x8 publishes as the sources of voice webhooks. */
export declare const isSourceAddress: typeof native.isSourceAddress
/** The addresses 8x8 publishes as the sources of voice webhooks. */
export declare const SOURCE_ADDRESSES: typeof native.SOURCE_ADDRESSES

/** Request headers as Node gives them: names in any case, a value or a list of values. */
export interface HeaderObject {
  readonly [name: string]: string | readonly string[] | number | null | undefined
}

/** A fetch `Headers` (Request.headers in fetch-style frameworks), or any iterable of pairs. */
export type HeaderPairs = Iterable<readonly [string, string]>

/** What a webhook function returns: a reply, a reply as a plain object, or nothing (`{}`). */
export type ReplyLike = voice.Reply | voice.ReplyJson | null | undefined | void

/** Your webhook function: called with the event, returns (or resolves to) the reply. */
export type OnEvent = (event: voice.VoiceEvent) => ReplyLike | PromiseLike<ReplyLike>

/** The HTTP answer to send. */
export interface WebhookResponse {
  /** 200, 400 (not an 8x8 webhook), 401 (wrong `Authorization`) or 413 (too large). */
  status: number
  /** `{ 'content-type': 'application/json' }`. */
  headers: native.AnswerHeaders
  /** The JSON body: the reply, `{}`, or `{"error", "message"}` for a refusal. */
  body: string
}

/** Options of `handle`. */
export interface HandleOptions {
  /** The webhook's `httpAuthHeader`: when set, the `Authorization` header must equal it. */
  secret?: string | null
  /** The most bytes of a body read: 1 MiB by default; a larger one is answered 413. */
  limit?: number
}

/**
 * Answers one webhook, from the raw body (a string, a `Buffer`, a `Uint8Array` or an
 * `ArrayBuffer`) or an object a body parser made: 413 when the body is larger than the
 * limit, 401 when `secret` is set and the `Authorization` header does not equal it, 400
 * when the body is not an 8x8 webhook, otherwise 200 with what `onEvent` returned
 * (validated under the reply profile; `{}` for nothing). Rejects with what `onEvent`
 * throws, and with `ValidationError` for an invalid reply.
 */
export function handle(
  body: string | Uint8Array | ArrayBuffer | object,
  headers: HeaderObject | HeaderPairs | null | undefined,
  onEvent: OnEvent,
  options?: HandleOptions,
): Promise<WebhookResponse>

/** Options of `express`: those of `handle`; a stream no body parser read is answered 413 as soon as it passes the limit. */
export type ExpressOptions = HandleOptions

/** What the Express handler reads of a request (an Express `Request` is one). */
export interface WebhookRequest extends AsyncIterable<Uint8Array | string> {
  readonly headers: HeaderObject
  readonly body?: unknown
  readonly readableEnded?: boolean
}

/** What the Express handler writes to a response (an Express `Response` is one). */
export interface WebhookServerResponse {
  statusCode: number
  setHeader(name: string, value: string): unknown
  end(body: string): unknown
}

/**
 * An Express handler answering webhooks with `onEvent` (see `handle`), with or without
 * a body parser (`express.raw()`, `express.text()`, `express.json()`). Errors, those of
 * `onEvent` included, go to `next`.
 */
export function express(
  onEvent: OnEvent,
  options?: ExpressOptions,
): (req: WebhookRequest, res: WebhookServerResponse, next: (err?: unknown) => void) => void
