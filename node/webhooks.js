'use strict'
// Answering 8x8's voice webhooks: check the Authorization header, parse the event, call
// your function, and answer with the reply it returns, validated. `handle` does it for
// any web framework; `express` adapts it to Express (and to any `(req, res, next)`
// stack over Node's http module). Every rule lives in the native core: this module only
// finds the header and the body, and awaits your function.

const { voice, ivr } = require('./index.js')

/** How many bytes `express` reads from a request stream by default: 1 MiB. */
const DEFAULT_LIMIT = 1024 * 1024

function invalidArg(message) {
  const err = new TypeError(message)
  err.code = 'ERR_INVALID_ARG_TYPE'
  return err
}

/** `onEvent` as a function: an `ivr.Ivr` answers with its `reply`. */
function checkHandler(onEvent) {
  if (onEvent instanceof ivr.Ivr) {
    return (event) => onEvent.reply(event)
  }
  if (typeof onEvent !== 'function') {
    throw invalidArg(`onEvent must be a function or an ivr.Ivr, not ${onEvent === null ? 'null' : typeof onEvent}`)
  }
  return onEvent
}

/**
 * The `Authorization` header: from a fetch `Headers` (anything with `get`), or from a
 * plain object whatever the case of its name; several values are joined with `, `, as
 * HTTP combines repeated headers.
 */
function authorization(headers) {
  if (headers == null) {
    return undefined
  }
  if (typeof headers.get === 'function') {
    return headers.get('authorization') ?? undefined
  }
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'authorization')
  const value = name === undefined ? undefined : headers[name]
  if (value == null) {
    return undefined
  }
  return Array.isArray(value) ? value.join(', ') : String(value)
}

/**
 * Answers one webhook: `{ status, headers, body }`, from the raw body (a string, a
 * `Buffer`, a `Uint8Array` or an `ArrayBuffer`) or a parsed object. 401 when `secret` is
 * set and the `Authorization` header does not equal it; 400 when the body is not an 8x8
 * webhook; otherwise 200 with what `onEvent(event)` returned (or resolved to): a
 * `voice.Reply`, a reply as a plain object (validated: an invalid one rejects with
 * `ValidationError`), or nothing for `{}`. Errors of `onEvent` reject as they are.
 */
async function handle(body, headers, onEvent, { secret } = {}) {
  return respond(new voice.WebhookReceiver(secret), body, headers, checkHandler(onEvent))
}

async function respond(receiver, body, headers, onEvent) {
  // The bytes of a fetch-style `await request.arrayBuffer()`, which JSON.stringify would
  // write as `{}`.
  const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body
  const received = receiver.receive(bytes, authorization(headers))
  const answer =
    received instanceof voice.WebhookAnswer ? received : voice.WebhookReceiver.answer(await onEvent(received))
  return { status: answer.status, headers: answer.headers, body: answer.body }
}

/** The request stream's bytes, at most `limit` of them. */
async function readStream(req, limit) {
  const chunks = []
  let length = 0
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    length += bytes.length
    if (length > limit) {
      const err = new Error(`the webhook body is larger than ${limit} bytes`)
      err.status = 413
      err.expose = true
      err.type = 'entity.too.large'
      throw err
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks)
}

/**
 * The body of a request: what a body parser left in `req.body` (bytes from
 * `express.raw()`, text from `express.text()`), else the request stream when no parser
 * read it, else the object `express.json()` parsed.
 */
async function requestBody(req, limit) {
  const { body } = req
  if (typeof body === 'string' || body instanceof Uint8Array) {
    return body
  }
  if (req.readableEnded === false) {
    return readStream(req, limit)
  }
  return body ?? ''
}

/**
 * An Express handler answering webhooks with `onEvent` (see `handle`). Works with
 * `express.raw()`, `express.text()`, `express.json()` or no body parser at all (then it
 * reads up to `limit` bytes itself, 1 MiB by default; a larger body goes to `next` as
 * an error with status 413). Errors, those of `onEvent` included, go to `next`.
 */
function express(onEvent, { secret, limit = DEFAULT_LIMIT } = {}) {
  const handler = checkHandler(onEvent)
  const receiver = new voice.WebhookReceiver(secret)
  return function callflowWebhook(req, res, next) {
    requestBody(req, limit)
      .then((body) => respond(receiver, body, req.headers, handler))
      .then((answer) => {
        res.statusCode = answer.status
        for (const [name, value] of Object.entries(answer.headers)) {
          res.setHeader(name, value)
        }
        res.end(answer.body)
      })
      .catch(next)
  }
}

module.exports = { handle, express }
