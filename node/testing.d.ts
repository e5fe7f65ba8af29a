import type * as http from 'node:http'

import type { ivr, testing as native, voice } from './index'
import type { OnEvent } from './webhooks'

/**
 * One emulated call, driven by hand (`emulate` drives one for you): the core's sans-IO
 * engine, started with `Emulator.outbound` or `Emulator.inbound`.
 */
export declare const Emulator: typeof native.Emulator
export type Emulator = native.Emulator
/** Maps a backend's whole IVR, one call at a time (`explore` drives one for you). */
export declare const Explorer: typeof native.Explorer
export type Explorer = native.Explorer
/** The record of an emulated call: JSON in the documented schema, and text for people. */
export declare const Transcript: typeof native.Transcript
export type Transcript = native.Transcript
/** A backend written as an IVR map: it answers the emulator's webhooks itself. */
export declare const MapBackend: typeof native.MapBackend
export type MapBackend = native.MapBackend
/** A scenario: a call, the caller's script, and what the call must meet. */
export declare const Scenario: typeof native.Scenario
export type Scenario = native.Scenario
/** A webhook the emulated platform delivers. */
export declare const Webhook: typeof native.Webhook
export type Webhook = native.Webhook

/** Your webhook function, as `webhooks.handle` takes it: it gets every webhook's event. */
export type WebhookFunction = OnEvent

/**
 * A request listener that serves your webhooks: an Express app, or any
 * `(req, res) => void` for Node's http module.
 */
export type RequestListener = http.RequestListener | ((req: http.IncomingMessage, res: http.ServerResponse, next?: unknown) => void)

/** An HTTP answer given by an `AnswerBackend`; `latencyMs` is measured when left out. */
export interface RawHttpAnswer {
  status: number
  body: string | Uint8Array
  latencyMs?: number
}

/** No usable answer, as an `AnswerBackend` gives it; `latencyMs` is measured when left out. */
export interface RawFailedAnswer {
  failure: voice.WebhookFailure
  detail: string
  latencyMs?: number
}

/** What an `AnswerBackend` answers a webhook with. */
export type RawAnswer = RawHttpAnswer | RawFailedAnswer

/**
 * A backend that answers the emulator's webhooks itself, with the HTTP answer (or the
 * failure) and, if it likes, its own latency: a `MapBackend` is one.
 */
export interface AnswerBackend {
  answer(webhook: Webhook): RawAnswer | PromiseLike<RawAnswer>
}

/**
 * The backend of an emulated call: a webhook function (run in-process, its reply sent as
 * `webhooks.handle` would; a throw is HTTP 500), an `ivr.Ivr` (answered as its `reply`
 * does, in-process), a request listener or Express app (served on a free loopback port
 * for the call), a URL (posted to by the native HTTP runner), or an object with
 * `answer(webhook)`.
 */
export type Backend = WebhookFunction | ivr.Ivr | RequestListener | string | URL | AnswerBackend

/** How `backend` is run; guessed when not given (see `Backend`). */
export type BackendKind = 'function' | 'listener' | 'url' | 'answer'

/** What the called party of the next `makeCall` does. */
export type CalleeOutcome = 'answer' | 'busy' | 'noAnswer' | 'fail'

/** How the backend is reached: the settings `runScenario` takes. */
export interface RunSettings {
  /** How `backend` is run, when the guess would be wrong. */
  backendKind?: BackendKind
  /**
   * The `Authorization` header sent with every webhook (as 8x8 sends a webhook's
   * `httpAuthHeader`) to a listener or a URL.
   */
  secret?: string
  /**
   * Where call actions go: on the served listener, `/vca` by default; for a URL backend,
   * resolved against the URL (the URL itself by default).
   */
  vcaPath?: string
  /** Where call status webhooks go: `/vcs` on a listener; the VCA URL for a URL backend. */
  vcsPath?: string
  /** Where the session summary goes: `/vss` on a listener; the VCA URL for a URL backend. */
  vssPath?: string
}

/** What `emulate` takes: the call, the caller's script, the options and the backend. */
export interface EmulateSettings<B extends Backend = Backend> extends RunSettings {
  /** A Send Callflow request (outbound call): an object, a `voice.Callflow`, text or bytes. */
  request?: voice.RequestJson | voice.Callflow | string | Uint8Array | object
  /** An inbound call from `from` to your virtual number `to`, instead of a request. */
  inbound?: { from: string; to: string }
  /** The backend that answers the webhooks. */
  backend: B
  /** The caller's and called parties' steps (the emulator's script format). */
  script?: voice.ScriptJson | string | Uint8Array
  /** Keys the caller presses, one entry per capture try, after `script`. */
  press?: string | readonly string[]
  /** The caller then stays silent once. */
  silence?: boolean
  /** The caller then hangs up (`true`), or hangs up this many milliseconds later. */
  hangup?: boolean | number
  /** What the called parties of the `makeCall`s do, in order. */
  callee?: CalleeOutcome | readonly CalleeOutcome[]
  /** The emulator's options. */
  options?: voice.EmulatorOptionsJson | string | Uint8Array
  /** Where call actions carry the digits (an option). */
  dialect?: 'current' | 'legacy'
  /** Seeds the ids (an option). */
  seed?: number
  /** How long the backend may take to answer a webhook, 5000 by default (an option). */
  webhookTimeoutMs?: number
}

/**
 * The outcome of an emulated call. The assertions throw `AssertionError` with the text
 * transcript in the message, and return the result so that they chain.
 */
export declare class CallResult {
  /** Results come from `emulate` and `runScenario`. */
  protected constructor()
  /** `true` when no finding is an error. */
  readonly ok: boolean
  /** The session id; `null` when the API refused the request. */
  readonly sessionId: string | null
  /** `COMPLETED`, `BUSY`, `NO_ANSWER`, `FAILED`, `ERROR` or `NOT_CREATED`. */
  readonly sessionStatus: voice.TranscriptJson['sessionStatus']
  /** The API's status code for the request: `1` when created. */
  readonly statusCode: number
  /** What the caller heard, in order: the spoken text, or `file:<url>`. */
  readonly heard: string[]
  /** The keys the caller pressed, one entry per capture try that had any. */
  readonly pressed: string[]
  /** Every webhook delivered, and how it was answered. */
  readonly webhooks: voice.WebhookRecord[]
  /** Everything that went wrong or looks wrong, in order. */
  readonly findings: voice.Finding[]
  /** Every step of the call on the virtual clock. */
  readonly steps: voice.TranscriptStep[]
  /** The session summary the platform sends at the end; `null` without a session. */
  readonly summary: Record<string, unknown> | null
  /** The call's length on the virtual clock. */
  readonly durationMs: number
  /** The transcript for people: one line per step, then the findings. */
  readonly transcript: string
  /** The native transcript (for `Scenario.prototype.check`). */
  readonly native: Transcript
  /** The transcript in its JSON form (the documented schema), a fresh copy each time. */
  toJSON(): voice.TranscriptJson
  /** Asserts that the call has no error finding. */
  assertOk(): this
  /** Asserts that the caller heard each of `substrings`, in this order. */
  assertHeard(...substrings: string[]): this
  /** Asserts that the session ended with `status`. */
  assertStatus(status: voice.EmulatedSessionStatus | (string & {})): this
  /** Asserts that the call has no finding at all, not even a warning. */
  assertNoFindings(): this
}

/** The outcome of a scenario: the call's, and the expectations it did not meet. */
export declare class ScenarioResult extends CallResult {
  /** The scenario's name. */
  readonly name: string
  /** The expectations the call did not meet, in words. */
  readonly unmet: string[]
  /** Whether the call met every expectation. */
  readonly passed: boolean
  /** Asserts that the call met every expectation of the scenario. */
  assertPassed(): this
}

/**
 * Runs a whole emulated call against `backend` and resolves to its result. Rejects with
 * `EmulatorError` for an unusable script or options, `TypeError` for settings it
 * cannot use; what goes wrong on the call is a finding, never a rejection.
 */
export function emulate(settings: EmulateSettings<WebhookFunction>): Promise<CallResult>
export function emulate(settings: EmulateSettings): Promise<CallResult>

/**
 * Runs a scenario (a file's path or URL, or its object) against `backend` and resolves
 * to its result.
 */
export function runScenario(
  scenario: string | URL | voice.ScenarioJson,
  backend: WebhookFunction,
  settings?: RunSettings,
): Promise<ScenarioResult>
export function runScenario(
  scenario: string | URL | voice.ScenarioJson,
  backend: Backend,
  settings?: RunSettings,
): Promise<ScenarioResult>

/** What `explore` takes: the calls, the search's budgets, the options and the backend's reach. */
export interface ExploreSettings<B extends Backend = Backend> extends RunSettings {
  /** The backend that answers the webhooks. */
  backend: B
  /** A Send Callflow request (outbound calls): an object, a `voice.Callflow`, text or bytes. */
  request?: voice.RequestJson | voice.Callflow | string | Uint8Array | object
  /** Inbound calls from `from` to your virtual number `to`, instead of a request. */
  inbound?: { from: string; to: string }
  /** The most calls to run, 500 by default; hitting it is reported in `budgetHit`. */
  maxCalls?: number
  /** The most inputs on one path, 10 by default; menus deeper are found but not tried. */
  maxDepth?: number
  /** Where call actions carry the digits; `both` runs each path in each and compares. */
  dialect?: 'current' | 'legacy' | 'both'
  /** The emulator's options. */
  options?: voice.EmulatorOptionsJson | string | Uint8Array
  /** Seeds the ids (an option). */
  seed?: number
  /** How long the backend may take to answer a webhook, 5000 by default (an option). */
  webhookTimeoutMs?: number
}

/**
 * What exploring a backend's IVR found. The assertions throw `AssertionError` with the
 * text report in the message, and return the exploration so that they chain.
 */
export declare class Exploration {
  /** Explorations come from `explore`. */
  protected constructor()
  /** `true` when no finding is an error. */
  readonly ok: boolean
  /** How many calls were run. */
  readonly calls: number
  /** Where the first call went: `menu:<id>`, or how it ended. */
  readonly start: string
  /** Every menu found, in the order found, and what each input did there. */
  readonly menus: voice.ExploredMenu[]
  /** How much was tried and reached, and the budgets. */
  readonly coverage: voice.ExploreCoverage
  /** Everything wrong found, shortest path first. */
  readonly findings: voice.ExploreFinding[]
  /** The findings that fail the run. */
  readonly errors: voice.ExploreFinding[]
  /** The budget that stopped the search, or `null` when it ended by itself. */
  readonly budgetHit: 'maxCalls' | 'maxDepth' | null
  /** What was found as an IVR map, which `diagram.render` draws. */
  readonly map: voice.IvrMapJson
  /** The native exploration. */
  readonly native: native.Exploration
  /** The exploration in its JSON form, a fresh copy each time. */
  toJSON(): voice.ExplorationJson
  /** The exploration as compact JSON text, the same in every language. */
  toJson(): string
  /** The exploration for people. */
  toText(): string
  /** One scenario per finding, which `runScenario` replays. */
  scenarios(): voice.ExploreScenarioFile[]
  /** Asserts that no finding is an error. */
  assertOk(): this
  /** Asserts that there is no finding at all, not even a warning. */
  assertNoFindings(): this
}

/**
 * Explores the IVR of `settings.backend` (any backend `emulate` takes): breadth-first, each input
 * path a fresh emulated call. Rejects with `EmulatorError` for a request that is
 * not JSON or unusable options, `TypeError` for settings it cannot use; what goes wrong
 * on a path is a finding, never a rejection.
 */
export function explore(settings: ExploreSettings<WebhookFunction>): Promise<Exploration>
export function explore(settings: ExploreSettings): Promise<Exploration>
