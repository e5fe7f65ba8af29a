'use strict'
// Testing an IVR offline: `emulate` runs a whole 8x8 call against your webhook backend on
// a virtual clock, with a scripted caller, and gives what the caller heard, the webhooks
// and the findings, with assertions that throw `AssertionError` (so they work with
// node:test, Jest and Vitest alike). The call is the native core's emulator; this module
// only delivers its webhooks: to a function (through `webhooks.handle`) or an object
// with `answer(webhook)`, in this loop; to a request listener (an Express app) served on
// loopback for the call, or to a URL, through the native HTTP runner. `explore` maps a
// backend's whole IVR with the native explorer, each of its calls driven as `emulate`
// drives one. The native classes (`Emulator`, `Explorer`, `Transcript`, `MapBackend`,
// `Scenario`, `Webhook`) are exported too, for other runners.

const assert = require('node:assert')
const { once } = require('node:events')
const fs = require('node:fs')
const http = require('node:http')
const { performance } = require('node:perf_hooks')
const { inspect } = require('node:util')

const { ivr, testing: native, ValidationError } = require('./index.js')

const { Emulator, Explorer, MapBackend, Scenario, Transcript, Webhook } = native
const { handle } = require('./webhooks.js')

/** The kinds of backend, as `backendKind` names them. */
const BACKEND_KINDS = ['function', 'listener', 'url', 'answer']

/** The settings `emulate` takes, beyond those of `runScenario`. */
const CALL_SETTINGS = ['request', 'inbound', 'script', 'press', 'silence', 'hangup', 'callee', 'options', 'dialect', 'seed', 'webhookTimeoutMs']

/** The settings `explore` takes, beyond those of `runScenario`. */
const EXPLORE_SETTINGS = ['request', 'inbound', 'options', 'maxCalls', 'maxDepth', 'dialect', 'seed', 'webhookTimeoutMs']

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

/**
 * How a call starts, checked: `{ inbound }` (`{ from, to }`) for a call to a virtual
 * number, else `{ request }` (a Send Callflow body). `what` names the caller in errors.
 */
function startOf({ request, inbound }, what) {
  if (inbound !== undefined && inbound !== null) {
    if (request !== undefined) {
      throw invalidArg('a call has either request (outbound) or inbound, not both')
    }
    if (typeof inbound.from !== 'string' || typeof inbound.to !== 'string') {
      throw invalidArg('inbound must be { from, to }, two strings: the caller and your virtual number')
    }
    return { inbound }
  }
  if (request === undefined) {
    throw invalidArg(`${what} needs request (a Send Callflow body) or inbound ({ from, to })`)
  }
  return { request }
}

/** The emulator for a call: outbound from `request`, or inbound from `inbound`. */
function startCall(settings) {
  const script = scriptOf(settings)
  const options = optionsOf(settings)
  const { request, inbound } = startOf(settings, 'emulate')
  return inbound === undefined
    ? Emulator.outbound(request, script, options)
    : Emulator.inbound(inbound.from, inbound.to, script, options)
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
  if (backend instanceof ivr.Ivr) {
    return 'function'
  }
  if (typeof backend === 'function') {
    const listener = backend.length >= 2 || typeof backend.handle === 'function' || typeof backend.listen === 'function'
    return listener ? 'listener' : 'function'
  }
  if (backend !== null && typeof backend === 'object' && typeof backend.answer === 'function') {
    return 'answer'
  }
  throw invalidArg(
    `backend must be a webhook function, an ivr.Ivr, a request listener (an Express app), a URL or an object with answer(webhook), not ${describe(backend)}`,
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
    if (reply === NOTHING || !(err instanceof ValidationError)) {
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

/**
 * How `backend` is reached: `{ deliver }`, a function giving each webhook's answer, for
 * a backend run in this loop; `{ overHttp }` for one the native HTTP runner posts to,
 * calling `use(targets)` with its URLs (a request listener is served on loopback
 * meanwhile).
 */
function reach(backend, settings, timeoutMs) {
  switch (backendKind(backend, settings.backendKind)) {
    case 'function': {
      // An IVR map answers as its `reply` does, as `webhooks.handle` takes it.
      const onEvent = backend instanceof ivr.Ivr ? (event) => backend.reply(event) : backend
      return { deliver: (webhook) => timed(() => answerEvent(onEvent, webhook.body), timeoutMs) }
    }
    case 'answer':
      return { deliver: (webhook) => timed(() => backend.answer(webhook), timeoutMs) }
    case 'url':
      return { overHttp: (use) => use(urlTargets(String(backend), settings)) }
    default: {
      const { vcaPath = '/vca', vcsPath = '/vcs', vssPath = '/vss' } = settings
      const paths = { ...settings, vcaPath, vcsPath, vssPath }
      return { overHttp: (use) => serveDuring(backend, (base) => use(urlTargets(base, paths))) }
    }
  }
}

/** Runs the call on `emulator` against `backend`; gives the native transcript. */
function runCall(emulator, backend, settings) {
  const { deliver, overHttp } = reach(backend, settings, emulator.webhookTimeoutMs)
  return deliver === undefined ? overHttp((targets) => emulator.runHttp(targets)) : drive(emulator, deliver)
}

/**
 * Runs every call `explorer` asks for against `backend`, each driven as `runCall`
 * drives one, and gives the native exploration.
 */
async function runExploration(explorer, backend, settings) {
  const { deliver, overHttp } = reach(backend, settings, explorer.webhookTimeoutMs)
  if (deliver === undefined) {
    return overHttp((targets) => explorer.runHttp(targets))
  }
  for (let call = explorer.nextCall(); call !== null; call = explorer.nextCall()) {
    await drive(call, deliver)
    explorer.record(call)
  }
  return explorer.exploration()
}

/** The `AssertionError` an assertion method `caller` throws: `message`, then `report`. */
function assertionError(message, report, actual, expected, caller) {
  return new assert.AssertionError({
    message: `${message}\n\n${report}`,
    actual,
    expected,
    operator: caller.name,
    stackStartFn: caller,
  })
}

/** A scenario with nothing but `expect`, to check a transcript with the core's rules. */
function expectations(expect) {
  return new Scenario({ inbound: { from: '', to: '' }, expect })
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

  /** The native transcript, for `Scenario.prototype.check`. */
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
      throw assertionError(unmet.join('\n'), this.transcript, actual, expected, caller)
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
      const message = `scenario ${JSON.stringify(this.name)}: ${this.unmet.join('\n')}`
      throw assertionError(message, this.transcript, this.unmet, [], this.assertPassed)
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
  const parsed = new Scenario(source)
  return new ScenarioResult(parsed, await runCall(parsed.start(), backend, settings))
}

/**
 * What exploring a backend's IVR found: every menu and what each input did there,
 * coverage, findings with the shortest input path to each, and the IVR map
 * (`diagram.render(exploration.map)` draws it).
 */
class Exploration {
  #native
  #json

  constructor(exploration) {
    this.#native = exploration
    this.#json = exploration.toJson()
    const json = JSON.parse(this.#json)
    this.ok = json.ok
    this.calls = json.calls
    this.start = json.start
    this.menus = json.menus
    this.coverage = json.coverage
    this.findings = json.findings
    this.budgetHit = json.budgetHit
    this.map = json.map
  }

  /** The findings that fail the run. */
  get errors() {
    return this.findings.filter((finding) => finding.severity === 'error')
  }

  /** The native exploration. */
  get native() {
    return this.#native
  }

  /** The exploration in its JSON form, a fresh copy each time. */
  toJSON() {
    return JSON.parse(this.#json)
  }

  /** The exploration as compact JSON text, the same in every language. */
  toJson() {
    return this.#json
  }

  /** The exploration for people: coverage, each menu's inputs by outcome, the findings. */
  toText() {
    return this.#native.toText()
  }

  /** One scenario per finding, `{ file, scenario }`, which `runScenario` replays. */
  scenarios() {
    return this.#native.scenarios()
  }

  /** Asserts that no finding is an error. */
  assertOk() {
    if (!this.ok) {
      throw assertionError('the exploration has error findings', this.toText(), this.errors, [], this.assertOk)
    }
    return this
  }

  /** Asserts that there is no finding at all, not even a warning. */
  assertNoFindings() {
    if (this.findings.length > 0) {
      throw assertionError('the exploration has findings', this.toText(), this.findings, [], this.assertNoFindings)
    }
    return this
  }
}

/** `value` when it is a whole number; a `TypeError` naming `name` otherwise. */
function whole(name, value) {
  if (value !== undefined && !Number.isInteger(value)) {
    throw invalidArg(`${name} must be a whole number, not ${describe(value)} ${String(value)}`)
  }
  return value
}

/**
 * Explores the IVR of `settings.backend` (any backend `emulate` takes) and resolves to
 * an `Exploration`. The calls are `request` or `inbound`, as for `emulate`; the search runs
 * at most `maxCalls` calls (500) and tries menus up to `maxDepth` inputs deep (10);
 * `dialect` is `current`, `legacy` or `both`. `options`, `seed`, `webhookTimeoutMs`,
 * `backendKind`, `secret` and the paths are `emulate`'s.
 */
async function explore(settings) {
  checkSettings(settings, [...EXPLORE_SETTINGS, ...RUN_SETTINGS])
  const limits = { maxCalls: whole('maxCalls', settings.maxCalls), maxDepth: whole('maxDepth', settings.maxDepth) }
  if (settings.dialect !== undefined) {
    limits.dialect = settings.dialect
  }
  const options = optionsOf({ ...settings, dialect: undefined })
  const { request, inbound } = startOf(settings, 'explore')
  const explorer =
    inbound === undefined
      ? Explorer.outbound(request, options, limits)
      : Explorer.inbound(inbound.from, inbound.to, options, limits)
  return new Exploration(await runExploration(explorer, settings.backend, settings))
}

module.exports = {
  emulate,
  runScenario,
  explore,
  CallResult,
  ScenarioResult,
  Exploration,
  Emulator,
  Explorer,
  Transcript,
  MapBackend,
  Scenario,
  Webhook,
}
