// callflow-rs/testing and the native emulator, type-checked (tsc --noEmit --strict):
// every kind of backend, the settings, the result and the transcript types (every
// `@ts-expect-error` below must be needed).
import * as http from 'node:http'

import { voice, EmulatorError } from '../..'
import { Emulator, MapBackend, emulate, explore, runScenario, type AnswerBackend, type CallResult, type EmulateSettings } from '../../testing'

const request: voice.RequestJson = {
  callflow: [
    { action: 'makeCall', params: { source: '6561115777', destination: '6512345678' } },
    { action: 'sayAndCapture', params: { promptMessage: 'Press 1.', voiceProfile: 'en-US-BenjaminRUS' } },
  ],
}

const hangUp = voice.Reply.builder().hangup().build()

async function functionBackend(): Promise<CallResult> {
  const result = await emulate({
    request,
    press: ['1'],
    callee: 'busy',
    dialect: 'legacy',
    webhookTimeoutMs: 2000,
    backend: (event) => (event.eventType === 'CALL_ACTION' && event.dtmf === '1' ? hangUp : null),
  })
  const heard: string[] = result.heard
  const status: string = result.sessionStatus
  const codes: string[] = result.findings.map((finding: voice.Finding) => finding.code)
  const httpStatus: number | null | undefined = result.webhooks[0]?.httpStatus
  void [heard, status, codes, httpStatus]
  return result.assertOk().assertNoFindings().assertHeard('Press', '1').assertStatus('COMPLETED')
}

/** The shape of an Express app: a request handler with `handle` and `listen`. */
type ExpressLike = ((req: http.IncomingMessage, res: http.ServerResponse, next?: (err?: unknown) => void) => void) & {
  handle: unknown
  listen(port: number): http.Server
}
declare const app: ExpressLike

async function otherBackends(): Promise<void> {
  const listener: http.RequestListener = (req, res) => res.end('{}')
  await emulate({ request, backend: app, press: '1' })
  await runScenario({ inbound: { from: 'a', to: 'b' }, expect: { heard: ['Hi'] } }, (event) => (event.eventType === 'CALL_ACTION' ? hangUp : null))
  await emulate({ inbound: { from: '+6591234567', to: '+6568888888' }, backend: listener, vssPath: '/vss', secret: 's' })
  await emulate({ request, backend: 'http://127.0.0.1:3000/vca', script: [{ press: '1' }, 'silence', { hangup: { afterMs: 10 } }] })
  await emulate({ request, backend: new URL('http://127.0.0.1:3000/vca'), options: { statusWebhooks: true, seed: 3 } })
  const map = new MapBackend({ menus: { '': { '1': { callflow: [{ action: 'hangup' }] } } } })
  await emulate({ request, backend: map })
  const answers: AnswerBackend = {
    async answer(webhook) {
      return webhook.kind === 'VCA' ? { status: 200, body: '{}' } : { failure: 'timeout', detail: 'slow', latencyMs: 6000 }
    },
  }
  await emulate({ request, backend: answers, backendKind: 'answer' })
  const scenario = await runScenario('scenario.json', answers)
  const passed: boolean = scenario.passed
  void passed
  scenario.assertPassed()
}

async function exploring(): Promise<string[]> {
  const found = await explore({
    inbound: { from: '+6591234567', to: '+6568888888' },
    maxCalls: 50,
    dialect: 'both',
    backend: (event) => (event.eventType === 'CALL_ACTION' && event.dtmf === '1' ? hangUp : null),
  })
  await explore({ request, backend: 'http://127.0.0.1:3000/vca', maxDepth: 3 })
  // @ts-expect-error: the backend is a setting, as for emulate
  await explore('http://127.0.0.1:3000/vca', { request })
  // @ts-expect-error: no such dialect
  await explore({ request, backend: app, dialect: 'klingon' })
  const budget: string | null = found.budgetHit
  void budget
  return found.assertOk().findings.map((finding) => `${finding.code} ${finding.path.join(' > ')}`)
}

function native(): string {
  const emulator = Emulator.outbound(request, [{ press: '1' }], { webhookTimeoutMs: 100 })
  for (let webhook = emulator.nextWebhook(); webhook !== null; webhook = emulator.nextWebhook()) {
    const kind: 'VCA' | 'VCS' | 'VSS' = webhook.kind
    void kind
    emulator.respond(200, Buffer.from('{}'), 1)
  }
  const json: voice.TranscriptJson = emulator.transcript().toJSON()
  const step = json.steps[0]
  if (step?.kind === 'say') {
    const text: string = step.text
    void text
  }
  // @ts-expect-error a failure is one of four names
  emulator.fail('exploded', 'why', 0)
  return emulator.transcript().toText()
}

function errors(err: unknown): string | undefined {
  if (err instanceof EmulatorError) {
    const code: voice.EmulatorErrorCode = err.code
    // @ts-expect-error: the codes are the core's, no others
    const unknown: typeof code = 'invalid-everything'
    return unknown === code ? code : err.message
  }
  return undefined
}

// @ts-expect-error the keys are `press`, not `presses`
const misspelt: EmulateSettings = { request, backend: () => null, presses: ['1'] }
// @ts-expect-error a callee outcome is one of four
const callee: EmulateSettings = { request, backend: () => null, callee: 'maybe' }
// @ts-expect-error a script step is a press, silence, a hang-up or a callee outcome
const script: EmulateSettings = { request, backend: () => null, script: [{ dial: '1' }] }
// @ts-expect-error an option the emulator does not have
const options: EmulateSettings = { request, backend: () => null, options: { timeout: 5 } }

void [functionBackend, otherBackends, exploring, native, errors, misspelt, callee, script, options]
