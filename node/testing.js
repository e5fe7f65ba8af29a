'use strict'
// Testing an IVR offline: `emulate` runs a whole 8x8 call against your webhook backend on
// a virtual clock, with a scripted caller, and gives what the caller heard, the webhooks
// and the findings, with assertions that throw `AssertionError` (so they work with
// node:test, Jest and Vitest alike). The call is the native core's emulator; this module
// only delivers its webhooks: to a function (through `webhooks.handle`) or an object
// with `answer(webhook)`, in this loop; to a request listener (an Express app) served on
// loopback for the call, or to a URL, through the native HTTP runner.

const assert = require('node:assert')
const { once } = require('node:events')
const fs = require('node:fs')
const http = require('node:http')
const { performance } = require('node:perf_hooks')
const { inspect } = require('node:util')

const { voice, CallflowValidationError } = require('./index.js')
const { handle } = require('./webhooks.js')

/** The kinds of backend, as `backendKind` names them. */
const BACKEND_KINDS = ['function', 'listener', 'url', 'answer']

/** The settings `emulate` takes, beyond those of `runScenario`. */
const CALL_SETTINGS = ['request', 'inbound', 'script', 'press', 'silence', 'hangup', 'callee', 'options', 'dialect', 'seed', 'webhookTimeoutMs']

/** The settings `runScenario` takes. */
const RUN_SETTINGS = ['backend', 'backendKind', 'secret', 'vcaPath', 'vcsPath', 'vssPath']

/** The longest delay `setTimeout` keeps (a longer one would fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1

/** The outcome of a webhook function that did not settle in time. */
const TIMED_OUT = Symbol('timed out')

/** What a webhook function returned, before it returned. */
const NOTHING = Symbol('nothing')

function invalidArg(message) {
  const err = new TypeError(message)
  err.code = 'ERR_INVALID_ARG_VALUE'
  return err
}

function describe(value) {
  return value === null ? 'null' : typeof value
}

/** Throws for a setting not in `known`, such as a misspelt one. */
function checkSettings(settings, known) {
  if (settings === null || typeof settings !== 'object') {
    throw invalidArg(`the settings must be an object, not ${describe(settings)}`)
  }
  const unknown = Object.keys(settings).find((name) => !known.includes(name))
  if (unknown !== undefined) {
    throw invalidArg(`unknown setting ${JSON.stringify(unknown)}; the settings are ${known.join(', ')}`)
  }
}

/** `value` as a list: nothing, one item, or the items of an array. */
function list(value) {
  if (value === undefined || value === null || value === false) {
    return []
  }
  return Array.isArray(value) ? value : [value]
}

/**
 * The caller script: `script` as given, followed by the steps `press`, `silence`,
 * `hangup` and `callee` stand for (in that order). The core reads and checks it.
 */
function scriptOf({ script, press, silence, hangup, callee }) {
  const added = [
    ...list(press).map((keys) => ({ press: keys })),
    ...(silence === true ? ['silence'] : []),
    ...list(hangup).map((after) => (after === true ? 'hangup' : { hangup: { afterMs: after } })),
    ...list(callee).map((outcome) => ({ callee: outcome })),
  ]
  if (added.length === 0) {
    return script
  }
  if (script !== undefined && script !== null && !Array.isArray(script)) {
    throw invalidArg('script must be an array when press, silence, hangup or callee add to it')
  }
  return [...(script ?? []), ...added]
}

/** The emulator options: `options`, with `dialect`, `seed` and `webhookTimeoutMs` set. */
function optionsOf({ options, dialect, seed, webhookTimeoutMs }) {
  const set = Object.entries({ dialect, seed, webhookTimeoutMs }).filter(([, value]) => value !== undefined)
  if (set.length === 0) {
    return options
  }
  if (options !== undefined && options !== null && (typeof options !== 'object' || ArrayBuffer.isView(options))) {
    throw invalidArg('options must be an object when dialect, seed or webhookTimeoutMs are given')
  }
  return { ...options, ...Object.fromEntries(set) }
}

/** The emulator for a call: outbound from `request`, or inbound from `inbound`. */
function startCall(settings) {
  const { request, inbound } = settings
  const script = scriptOf(settings)
  const options = optionsOf(settings)
  if (inbound !== undefined && inbound !== null) {
    if (request !== undefined) {
      throw invalidArg('a call has either request (outbound) or inbound, not both')
    }
    if (typeof inbound.from !== 'string' || typeof inbound.to !== 'string') {
      throw invalidArg('inbound must be { from, to }, two strings: the caller and your virtual number')
    }
    return voice.Emulator.inbound(inbound.from, inbound.to, script, options)
  }
  if (request === undefined) {
    throw invalidArg('emulate needs request (a Send Callflow body) or inbound ({ from, to })')
  }
  return voice.Emulator.outbound(request, script, options)
}

/**
 * Which kind of backend `backend` is: `kind` when given; a URL for a string or `URL`; a
 * request listener for a function taking two or more arguments, or one with `handle` or
 * `listen` (an Express app); a webhook function for another function; `answer` for an
 * object with an `answer` method.
 */
function backendKind(backend, kind) {
  if (kind !== undefined) {
    if (!BACKEND_KINDS.includes(kind)) {
      throw invalidArg(`backendKind must be one of ${BACKEND_KINDS.join(', ')}, not ${JSON.stringify(kind)}`)
    }
    return kind
  }
  if (typeof backend === 'string' || backend instanceof URL) {
    return 'url'
  }
  if (typeof backend === 'function') {
    const listener = backend.length >= 2 || typeof backend.handle === 'function' || typeof backend.listen === 'function'
    return listener ? 'listener' : 'function'
  }
  if (backend !== null && typeof backend === 'object' && typeof backend.answer === 'function') {
    return 'answer'
  }
  throw invalidArg(
    `backend must be a webhook function, a request listener (an Express app), a URL or an object with answer(webhook), not ${describe(backend)}`,
  )
}

/**
 * `work()`'s answer, with the time it took as `latencyMs` unless it gives its own; a
 * `timeout` failure when it does not settle within `timeoutMs`.
 */
async function timed(work, timeoutMs) {
  const started = performance.now()
  let timer
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, Math.min(timeoutMs, MAX_TIMER_MS), TIMED_OUT)
  })
  try {
    const answer = await Promise.race([Promise.resolve().then(work), deadline])
    const latencyMs = performance.now() - started
    if (answer === TIMED_OUT) {
      return { failure: 'timeout', detail: `the backend gave no answer within ${timeoutMs} ms`, latencyMs }
    }
    return { ...answer, latencyMs: answer.latencyMs ?? latencyMs }
  } finally {
    clearTimeout(timer)
  }
}

/** A 500 answer for an error the backend threw. */
function serverError(err) {
  return { status: 500, body: JSON.stringify({ error: 'the webhook function threw', message: inspect(err) }) }
}

/**
 * What a server calling `onEvent` through `webhooks.handle` would answer: `handle`'s
 * answer; a reply `handle` finds invalid, sent as it is (the emulator judges it); 500
 * when `onEvent` throws.
 */
async function answerEvent(onEvent, body) {
  let reply = NOTHING
  try {
    const answer = await handle(body, null, async (event) => {
      reply = await onEvent(event)
      return reply
    })
    return { status: answer.status, body: answer.body }
  } catch (err) {
    if (reply === NOTHING || !(err instanceof CallflowValidationError)) {
      return serverError(err)
    }
    try {
      return { status: 200, body: JSON.stringify(reply) ?? 'null' }
    } catch (stringifyErr) {
      return serverError(stringifyErr)
    }
  }
}

/**
 * Runs the call: each webhook the emulator yields goes to `deliver`, whose answer (an
 * HTTP answer, or a failure) goes back, until the call is over. Gives the transcript.
 */
async function drive(emulator, deliver) {
  for (let webhook = emulator.nextWebhook(); webhook !== null; webhook = emulator.nextWebhook()) {
    const answer = await deliver(webhook)
    if ('failure' in answer) {
      emulator.fail(answer.failure, answer.detail, answer.latencyMs)
    } else {
      emulator.respond(answer.status, answer.body, answer.latencyMs)
    }
  }
  return emulator.transcript()
}

/** Serves `listener` on a free loopback port while `use(baseUrl)` runs, then closes. */
async function serveDuring(listener, use) {
  const server = http.createServer(listener)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  try {
    return await use(`http://127.0.0.1:${server.address().port}`)
  } finally {
    const closed = new Promise((resolve) => server.close(resolve))
    server.closeAllConnections()
    await closed
  }
}

/** Where the runner posts each webhook of a URL backend. */
function urlTargets(url, { vcaPath, vcsPath, vssPath, secret }) {
  const at = (path) => (path === undefined ? undefined : new URL(path, url).href)
  return { vcaUrl: at(vcaPath) ?? url, vcsUrl: at(vcsPath), vssUrl: at(vssPath), secret: secret ?? undefined }
}

/** Runs the call on `emulator` against `backend`; gives the native transcript. */
function runCall(emulator, backend, settings) {
  const timeoutMs = emulator.webhookTimeoutMs
  switch (backendKind(backend, settings.backendKind)) {
    case 'function':
      return drive(emulator, (webhook) => timed(() => answerEvent(backend, webhook.body), timeoutMs))
    case 'answer':
      return drive(emulator, (webhook) => timed(() => backend.answer(webhook), timeoutMs))
    case 'url':
      return emulator.runHttp(urlTargets(String(backend), settings))
    default: {
      const { vcaPath = '/vca', vcsPath = '/vcs', vssPath = '/vss' } = settings
      const paths = { ...settings, vcaPath, vcsPath, vssPath }
      return serveDuring(backend, (base) => emulator.runHttp(urlTargets(base, paths)))
    }
  }
}

/** A scenario with nothing but `expect`, to check a transcript with the core's rules. */
function expectations(expect) {
  return new voice.Scenario({ inbound: { from: '', to: '' }, expect })
}

/**
 * The outcome of an emulated call: what the caller heard and pressed, the webhooks and
 * the findings, the transcript as text, and assertions.
 */
class CallResult {
  #native
  #json

  constructor(transcript) {
    this.#native = transcript
    this.#json = transcript.toJson()
    const json = JSON.parse(this.#json)
    this.ok = json.ok
    this.sessionId = json.sessionId
    this.sessionStatus = json.sessionStatus
    this.statusCode = json.statusCode
    this.heard = json.heard
    this.pressed = json.pressed
    this.webhooks = json.webhooks
    this.findings = json.findings
    this.steps = json.steps
    this.summary = json.summary
    this.durationMs = json.durationMs
    this.transcript = transcript.toText()
  }

  /** The transcript in its JSON form (the documented schema). */
  toJSON() {
    return JSON.parse(this.#json)
  }

  /** The native transcript, for `voice.Scenario.check`. */
  get native() {
    return this.#native
  }

  /**
   * Throws `AssertionError` (with the transcript) when the transcript does not meet
   * `expect` (a scenario's expectations), checked by the core; `ok` is this call's unless
   * `expect` says.
   */
  #assert(expect, actual, expected, caller) {
    const unmet = expectations({ ok: this.ok, ...expect }).check(this.#native)
    if (unmet.length > 0) {
      throw new assert.AssertionError({
        message: `${unmet.join('\n')}\n\n${this.transcript}`,
        actual,
        expected,
        operator: caller.name,
        stackStartFn: caller,
      })
    }
    return this
  }

  /** Asserts that the call has no error finding. */
  assertOk() {
    return this.#assert({ ok: true }, this.findings, [], this.assertOk)
  }

  /** Asserts that the caller heard each of `substrings`, in this order. */
  assertHeard(...substrings) {
    return this.#assert({ heard: substrings }, this.heard, substrings, this.assertHeard)
  }

  /** Asserts that the session ended with `status` (`COMPLETED`, `ERROR`, …). */
  assertStatus(status) {
    if (typeof status !== 'string') {
      throw invalidArg(`the session status must be a string, not ${describe(status)}`)
    }
    return this.#assert({ sessionStatus: status }, this.sessionStatus, status, this.assertStatus)
  }

  /** Asserts that the call has no finding at all, not even a warning. */
  assertNoFindings() {
    return this.#assert({ findings: [] }, this.findings, [], this.assertNoFindings)
  }
}

/** The outcome of a scenario: the call's, and the expectations it did not meet. */
class ScenarioResult extends CallResult {
  constructor(scenario, transcript) {
    super(transcript)
    this.name = scenario.name
    this.unmet = scenario.check(transcript)
    this.passed = this.unmet.length === 0
  }

  /** Asserts that the call met every expectation of the scenario. */
  assertPassed() {
    if (!this.passed) {
      throw new assert.AssertionError({
        message: `scenario ${JSON.stringify(this.name)}: ${this.unmet.join('\n')}\n\n${this.transcript}`,
        actual: this.unmet,
        expected: [],
        operator: 'assertPassed',
        stackStartFn: this.assertPassed,
      })
    }
    return this
  }
}

/**
 * Runs a whole emulated call against `backend` and resolves to its `CallResult`. The
 * call is `request` (a Send Callflow body) or `inbound` (`{ from, to }`); the caller
 * follows `script` and the steps `press`, `silence`, `hangup` and `callee` add; the
 * emulator takes `options`, with `dialect`, `seed` and `webhookTimeoutMs` set.
 */
async function emulate(settings) {
  checkSettings(settings, [...CALL_SETTINGS, ...RUN_SETTINGS])
  const emulator = startCall(settings)
  return new CallResult(await runCall(emulator, settings.backend, settings))
}

/**
 * Runs a scenario (a file's path, or its object) against `backend` and resolves to its
 * `ScenarioResult`. `settings` as for `emulate`: `backendKind`, `secret` and the paths.
 */
async function runScenario(scenario, backend, settings = {}) {
  checkSettings(settings, RUN_SETTINGS.filter((name) => name !== 'backend'))
  const source = typeof scenario === 'string' || scenario instanceof URL ? fs.readFileSync(scenario) : scenario
  const parsed = new voice.Scenario(source)
  return new ScenarioResult(parsed, await runCall(parsed.start(), backend, settings))
}

module.exports = { emulate, runScenario, CallResult, ScenarioResult }
