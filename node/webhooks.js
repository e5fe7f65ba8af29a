'use strict'
// Answering 8x8's voice webhooks: check the body's size and the Authorization header,
// parse the event, call your function, and answer with the reply it returns, validated.
// `Receiver` holds those rules; `handle` does the whole job for any web framework;
// `express` adapts it to Express (and to any `(req, res, next)` stack over Node's http
// module). Every rule lives in the native core: this module only hands over the headers
// and the body, and awaits your function.

const { ivr, voice, webhooks: native } = require('./index.js')

const { Receiver, Answer, authorizationMatches, isSourceAddress, SOURCE_ADDRESSES, AUTHORIZATION, receiveText, answerText } = native
const { parse, stringify } = JSON

// The 200 answer without a reply (`{}`): its status and headers are those of every
// answer to a webhook `onEvent` was called for.
const EMPTY = Receiver.answer()
const OK = EMPTY.status
const HEADERS = EMPTY.headers
const NO_REPLY = EMPTY.body

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

// The core finds the `Authorization` header by its name, ignoring ASCII case: only a name
// as long as the core's (`AUTHORIZATION`) can be it, so no other header is handed over
// (each one handed over costs about a microsecond).
const AUTHORIZATION_LENGTH = AUTHORIZATION.length

/**
 * The request headers that may be the `Authorization` header, as `[name, value]` pairs
 * for `Receiver.authorization`: from a fetch `Headers` (or anything iterable over
 * pairs), or from a plain object whose values may be lists.
 */
function headerPairs(headers) {
  const pairs = []
  if (headers == null) {
    return pairs
  }
  if (typeof headers[Symbol.iterator] === 'function') {
    for (const [name, value] of headers) {
      const text = String(name)
      if (text.length === AUTHORIZATION_LENGTH) {
        pairs.push([text, String(value)])
      }
    }
    return pairs
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.length === AUTHORIZATION_LENGTH && value != null) {
      for (const one of [value].flat()) {
        pairs.push([name, String(one)])
      }
    }
  }
  return pairs
}

/**
 * Answers one webhook: `{ status, headers, body }`, from the raw body (a string, a
 * `Buffer`, a `Uint8Array` or an `ArrayBuffer`) or a parsed object. 413 when the body is
 * larger than `limit` bytes (1 MiB by default); 401 when `secret` is set and the
 * `Authorization` header does not equal it; 400 when the body is not an 8x8 webhook;
 * otherwise 200 with what `onEvent(event)` returned (or resolved to): a `voice.Reply`,
 * a reply as a plain object (validated: an invalid one rejects with `ValidationError`),
 * or nothing for `{}`. Errors of `onEvent` reject as they are.
 */
function handle(body, headers, onEvent, options) {
  // Not an `async` function, whose returning `respond`'s Promise would cost three more
  // turns of the microtask queue: an error thrown here rejects all the same.
  let receiving
  let handler
  try {
    const { secret, limit } = options === undefined ? {} : options
    receiving = receiverFor(secret, limit)
    handler = checkHandler(onEvent)
  } catch (err) {
    return Promise.reject(err)
  }
  return respond(receiving, body, headers, handler)
}

/** A receiver and whether it has a secret (then the `Authorization` header is read). */
class Receiving {
  constructor(secret, limit) {
    this.secret = secret
    this.limit = limit
    this.receiver = new Receiver(secret, { limit })
    this.checksAuthorization = secret !== undefined && secret !== null
  }
}

// The receiver of the last `handle` call, used again while the secret and the limit
// are the same (a receiver only holds them).
let lastReceiving = null

function receiverFor(secret, limit) {
  const last = lastReceiving
  if (last !== null && last.secret === secret && last.limit === limit) {
    return last
  }
  lastReceiving = new Receiving(secret, limit)
  return lastReceiving
}

function response(answer) {
  return { status: answer.status, headers: answer.headers, body: answer.body }
}

/**
 * The body of the 200 answer to `reply`, as `Receiver.answer(reply).body` gives it: the
 * text of a `voice.Reply` as it is, and a plain reply written by `JSON.stringify` and
 * checked by the core. A value `JSON.stringify` writes nothing for, or cannot write, goes
 * to `Receiver.answer` as it is.
 */
function replyBody(reply) {
  if (reply === undefined || reply === null) {
    return NO_REPLY
  }
  if (reply instanceof voice.Reply) {
    return reply.toJson()
  }
  let text
  try {
    text = stringify(reply)
  } catch {
    return Receiver.answer(reply).body
  }
  if (text === undefined) {
    return Receiver.answer(reply).body
  }
  const checked = answerText(text)
  return checked === 1 ? text : checked
}

async function respond(receiving, body, headers, onEvent) {
  if (body instanceof Answer) {
    return response(body)
  }
  // The bytes of a fetch-style `await request.arrayBuffer()`, which JSON.stringify would
  // write as `{}`.
  const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body
  // Without a secret the receiver reads no header.
  const authorization = receiving.checksAuthorization ? Receiver.authorization(headerPairs(headers)) : null
  const received = receiveText(receiving.receiver, bytes, authorization)
  if (typeof received !== 'string') {
    return response(received)
  }
  const reply = await onEvent(parse(received))
  return { status: OK, headers: { ...HEADERS }, body: replyBody(reply) }
}

/**
 * The request stream's bytes, or the receiver's 413 `Answer` as soon as more than its
 * limit has been read.
 */
async function readStream(req, receiver) {
  const chunks = []
  let length = 0
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    length += bytes.length
    const tooLarge = receiver.checkSize(length)
    if (tooLarge !== null) {
      return tooLarge
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks)
}

/**
 * The body of a request: what a body parser left in `req.body` (bytes from
 * `express.raw()`, text from `express.text()`), else the request stream when no parser
 * read it (or the 413 `Answer` when it is too large), else the object `express.json()`
 * parsed.
 */
async function requestBody(req, receiver) {
  const { body } = req
  if (typeof body === 'string' || body instanceof Uint8Array) {
    return body
  }
  if (req.readableEnded === false) {
    return readStream(req, receiver)
  }
  return body ?? ''
}

/**
 * An Express handler answering webhooks with `onEvent` (see `handle`). Works with
 * `express.raw()`, `express.text()`, `express.json()` or no body parser at all (then it
 * reads the stream itself, and answers 413 as soon as it has read more than `limit`
 * bytes, 1 MiB by default). Errors, those of `onEvent` included, go to `next`.
 */
function express(onEvent, { secret, limit } = {}) {
  const handler = checkHandler(onEvent)
  const receiving = new Receiving(secret, limit)
  return function callflowWebhook(req, res, next) {
    requestBody(req, receiving.receiver)
      .then((body) => respond(receiving, body, req.headers, handler))
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

module.exports = {
  Receiver,
  Answer,
  handle,
  express,
  authorizationMatches,
  isSourceAddress,
  SOURCE_ADDRESSES,
}
