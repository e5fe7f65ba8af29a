'use strict'
// The native emulator classes (Emulator, Webhook, Transcript, MapBackend,
// Scenario) and EmulatorError, driven by hand; and hostile arguments to every
// native entry point, which give a clear error and never a crash.

const assert = require('node:assert/strict')
const { describe, it } = require('node:test')

const { EmulatorError } = require('..')
const { Emulator, MapBackend, Scenario, Transcript, Webhook } = require('../testing')

const VOICE = 'en-US-BenjaminRUS'
const REQUEST = {
  callflow: [
    { action: 'makeCall', params: { source: '6561115777', destination: '6512345678' } },
    { action: 'sayAndCapture', params: { promptMessage: 'Press 1.', voiceProfile: VOICE, maxDigits: 1 } },
  ],
}
const HANG_UP = '{"callflow":[{"action":"hangup"}]}'
const MAP = { menus: { '': { 1: JSON.parse(HANG_UP) } } }

function nested(depth, leaf, wrap) {
  let value = leaf
  for (let i = 0; i < depth; i += 1) {
    value = wrap(value)
  }
  return value
}

/** Checks that `fn` throws EmulatorError with `reason` and a message matching `message`. */
function throwsEmulatorError(fn, reason, message) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof EmulatorError, `not a EmulatorError: ${err}`)
    assert.ok(err instanceof Error)
    assert.equal(err.name, 'EmulatorError')
    assert.equal(err.code, reason)
    assert.match(err.message, message)
    return true
  })
}

/** A call to the first webhook, answered by `answer(emulator)`, then to its end with `{}`. */
function firstAnswered(answer) {
  const emulator = Emulator.outbound(REQUEST, [{ press: '1' }])
  assert.equal(emulator.nextWebhook().kind, 'VCA')
  answer(emulator)
  for (let webhook = emulator.nextWebhook(); webhook !== null; webhook = emulator.nextWebhook()) {
    emulator.respond(200, '{}', 0)
  }
  return emulator.transcript().toJSON()
}

describe('Emulator, driven by hand', () => {
  it('yields each webhook until answered, then the next, then null', () => {
    const emulator = Emulator.outbound(REQUEST, [{ press: '1' }], { webhookTimeoutMs: 1234 })
    assert.equal(emulator.webhookTimeoutMs, 1234)
    const first = emulator.nextWebhook()
    assert.ok(first instanceof Webhook)
    assert.equal(first.kind, 'VCA')
    assert.equal(first.eventType, 'CALL_ACTION')
    assert.equal(first.clientActionId, null)
    assert.equal(JSON.parse(first.body).payload.eventData.dtmf, '1')
    assert.deepEqual(emulator.nextWebhook().toJSON(), first.toJSON())
    emulator.respond(200, Buffer.from(HANG_UP), 1.5)
    const summary = emulator.nextWebhook()
    assert.deepEqual(
      { kind: summary.kind, eventType: summary.eventType },
      { kind: 'VSS', eventType: 'SESSION_SUMMARY' },
    )
    emulator.fail('timeout', 'no answer in time', 5000)
    assert.equal(emulator.nextWebhook(), null)
    assert.equal(emulator.nextWebhook(), null)
    const transcript = emulator.transcript()
    assert.ok(transcript instanceof Transcript)
    assert.equal(transcript.ok, true)
    const json = transcript.toJSON()
    assert.deepEqual(json, JSON.parse(transcript.toJson()))
    assert.deepEqual(JSON.parse(JSON.stringify(transcript)), json)
    assert.deepEqual(
      json.webhooks.map((webhook) => [webhook.type, webhook.httpStatus, webhook.latencyMs]),
      [
        ['VCA', 200, 1.5],
        ['VSS', null, 5000],
      ],
    )
    assert.deepEqual(
      json.findings.map((finding) => [finding.code, finding.severity]),
      [['reply-timeout', 'warning']],
    )
    assert.match(transcript.toText(), /VSS SESSION_SUMMARY -> no answer \(timeout\)/)
  })

  it('an inbound call, with options as JSON text and a script as bytes', () => {
    const emulator = Emulator.inbound('+6591234567', '+6568888888', Buffer.from('["hangup"]'), '{"seed": 3}')
    const received = emulator.nextWebhook()
    assert.equal(JSON.parse(received.body).payload.callStatus, 'CALL_RECEIVED')
    assert.equal(emulator.webhookTimeoutMs, 5000)
  })

  it('the same seed gives the same call; another seed other ids', () => {
    const ids = (seed) => {
      const emulator = Emulator.inbound('a', 'b', null, { seed })
      return `${emulator.nextWebhook().body} ${emulator.transcript().toJSON().sessionId}`
    }
    assert.equal(ids(5), ids(5))
    assert.notEqual(ids(5), ids(6))
  })

  it('an answer when no webhook is out is ignored', () => {
    const emulator = Emulator.outbound({ callflow: [] })
    assert.equal(emulator.nextWebhook(), null)
    emulator.respond(200, '{}', 0)
    emulator.fail('connection', 'nothing', 0)
    assert.equal(emulator.transcript().toJSON().sessionStatus, 'NOT_CREATED')
  })

  it('runHttp hands the call over: the emulator is spent', async () => {
    const emulator = Emulator.outbound({ callflow: [] })
    const transcript = await emulator.runHttp({ vcaUrl: 'http://127.0.0.1:9/vca' })
    assert.equal(transcript.toJSON().sessionStatus, 'NOT_CREATED')
    assert.throws(() => emulator.nextWebhook(), { message: /handed to runHttp/ })
    assert.throws(() => emulator.transcript(), { message: /handed to runHttp/ })
    await assert.rejects(async () => emulator.runHttp({ vcaUrl: 'http://127.0.0.1:9/vca' }), { message: /handed to runHttp/ })
  })
})

describe('MapBackend and Scenario', () => {
  it('a map answers call actions with its replies and the rest with {}', () => {
    const map = new MapBackend(MAP)
    const emulator = Emulator.outbound(REQUEST, [{ press: '1' }])
    const answer = map.answer(emulator.nextWebhook())
    assert.deepEqual(
      { status: answer.status, body: answer.body.toString(), latencyMs: answer.latencyMs },
      { status: 200, body: HANG_UP, latencyMs: 0 },
    )
    assert.ok(Buffer.isBuffer(answer.body))
    emulator.respond(answer.status, answer.body, answer.latencyMs)
    assert.equal(map.answer(emulator.nextWebhook()).body.toString(), '{}')
  })

  it('raw answers and failures from the map', () => {
    const map = new MapBackend({ menus: { '': { 1: { $status: 503, $body: 'busy', $latencyMs: 12 }, 2: { $failure: 'redirect' } } } })
    const answer = (keys) => map.answer(Emulator.outbound(REQUEST, [{ press: keys }]).nextWebhook())
    const raw = answer('1')
    assert.deepEqual([raw.status, raw.body.toString(), raw.latencyMs], [503, 'busy', 12])
    const failed = answer('2')
    assert.equal(failed.failure, 'redirect')
    assert.equal(typeof failed.detail, 'string')
    assert.equal('status' in failed, false)
  })

  it('a scenario starts its call and checks a transcript', () => {
    const scenario = new Scenario(
      JSON.stringify({ name: 'hang up', request: REQUEST, script: [{ press: '1' }], expect: { heard: ['Press'], webhooks: 3 } }),
    )
    assert.equal(scenario.name, 'hang up')
    const emulator = scenario.start()
    assert.ok(emulator instanceof Emulator)
    const map = new MapBackend(MAP)
    for (let webhook = emulator.nextWebhook(); webhook !== null; webhook = emulator.nextWebhook()) {
      const answer = map.answer(webhook)
      emulator.respond(answer.status, answer.body, answer.latencyMs)
    }
    assert.deepEqual(scenario.check(emulator.transcript()), ['2 webhook(s) delivered, expected 3'])
    assert.equal(new Scenario({ inbound: { from: 'a', to: 'b' } }).name, '')
  })

  it('unusable maps and scenarios: EmulatorError with the core message', () => {
    throwsEmulatorError(() => new MapBackend([]), 'invalid-map', /^an IVR map is a JSON object$/)
    throwsEmulatorError(() => new MapBackend({ menus: { main: 1 } }), 'invalid-map', /menus\["main"\]/)
    throwsEmulatorError(() => new MapBackend('{'), 'invalid-map', /^the IVR map is not JSON: /)
    throwsEmulatorError(() => new Scenario({}), 'invalid-scenario', /either "request"/)
    throwsEmulatorError(() => new Scenario({ inbound: { from: 'a', to: 'b' }, expekt: {} }), 'invalid-scenario', /expekt/)
    throwsEmulatorError(() => new Scenario({ inbound: { from: 'a', to: 'b' }, script: [1] }), 'invalid-script', /script\[0\]/)
  })
})

describe('hostile arguments to the native emulator', () => {
  it('a request of any shape: NOT_CREATED, never a throw', () => {
    for (const request of [undefined, null, 42, 'not json', Symbol('s'), () => 1, [], Buffer.from([0xff, 0xfe]), new Uint8Array(0)]) {
      const emulator = Emulator.outbound(request)
      assert.equal(emulator.nextWebhook(), null)
      const json = emulator.transcript().toJSON()
      assert.equal(json.sessionStatus, 'NOT_CREATED', String(request))
      assert.equal(json.statusCode, -1001, String(request))
    }
  })

  it('requests nested 100,000 deep, and a cycle: -1001', () => {
    const deep = [
      nested(100_000, null, (inner) => ({ a: inner })),
      { callflow: nested(100_000, null, (inner) => [inner]) },
      '['.repeat(100_000) + ']'.repeat(100_000),
      Buffer.from('{"a":'.repeat(100_000)),
    ]
    const cyclic = { callflow: [] }
    cyclic.callflow.push(cyclic)
    for (const request of [...deep, cyclic]) {
      const emulator = Emulator.outbound(request)
      assert.equal(emulator.nextWebhook(), null)
      const json = emulator.transcript().toJSON()
      assert.equal(json.statusCode, -1001)
      assert.match(json.findings[0].message, /nested deeper than 128 levels|recursion limit exceeded/)
    }
  })

  it('scripts and options that are not what the core reads: EmulatorError', () => {
    throwsEmulatorError(() => Emulator.outbound(REQUEST, { press: '1' }), 'invalid-script', /must be a JSON array/)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, 'press 1'), 'invalid-script', /^the caller script is not JSON: /)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, Buffer.from([0x5b, 0xff, 0x5d])), 'invalid-script', /not JSON/)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, [{ hangup: { afterMs: -1 } }]), 'invalid-script', /afterMs/)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, nested(100_000, [], (inner) => [inner])), 'invalid-script', /128 levels/)
    const cycle = []
    cycle.push(cycle)
    throwsEmulatorError(() => Emulator.inbound('a', 'b', cycle), 'invalid-script', /128 levels/)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, [], [1]), 'invalid-options', /options/)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, [], { seed: -1 }), 'invalid-options', /options/)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, [], { maxSteps: 0 }), 'invalid-options', /maxSteps/)
    throwsEmulatorError(() => Emulator.outbound(REQUEST, [], Buffer.from([0xc3, 0x28])), 'invalid-options', /not JSON/)
    throwsEmulatorError(() => new MapBackend(Buffer.from([0xe2, 0x82])), 'invalid-map', /not JSON/)
  })

  it('what JSON.stringify throws propagates: a BigInt, a getter that throws', () => {
    assert.throws(() => Emulator.outbound(REQUEST, [{ press: 1n }]), { name: 'TypeError', message: /BigInt/ })
    const boom = new Error('boom')
    const options = {
      get seed() {
        throw boom
      },
    }
    assert.throws(() => Emulator.outbound(REQUEST, [], options), (err) => err === boom)
  })

  it('arguments of the wrong type: a thrown error, the emulator still usable', () => {
    const emulator = Emulator.outbound(REQUEST, [{ press: '1' }])
    emulator.nextWebhook()
    assert.throws(() => Emulator.inbound(1, 2), { code: 'StringExpected' })
    assert.throws(() => emulator.respond('200', '{}', 0), { code: 'NumberExpected' })
    assert.throws(() => emulator.respond(200, 42, 0), Error)
    assert.throws(() => emulator.respond(200, { callflow: [] }, 0), Error)
    for (const status of [-1, 1.5, 70_000, NaN, Infinity]) {
      assert.throws(() => emulator.respond(status, '{}', 0), { name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: /status must be a whole number/ })
    }
    for (const latency of [-1, NaN, Infinity]) {
      assert.throws(() => emulator.respond(200, '{}', latency), { name: 'TypeError', message: /latencyMs must be a finite number/ })
      assert.throws(() => emulator.fail('timeout', '', latency), { name: 'TypeError', message: /latencyMs/ })
    }
    assert.throws(() => emulator.fail('explode', 'why', 0), { name: 'TypeError', message: /^unknown failure "explode": expected "timeout"/ })
    assert.throws(() => emulator.fail('timeout', 42, 0), { code: 'StringExpected' })
    assert.throws(() => new MapBackend(MAP).answer({ kind: 'VCA', body: '{}' }), Error)
    assert.throws(() => new MapBackend(MAP).answer(emulator), Error)
    assert.throws(() => new Scenario({ inbound: { from: 'a', to: 'b' } }).check({}), Error)
    assert.throws(() => Emulator.outbound(REQUEST).runHttp({}), Error)
    assert.throws(() => Emulator.outbound(REQUEST).runHttp({ vcaUrl: 'not a url' }), { name: 'TypeError', message: /not a url/ })
    emulator.respond(200, HANG_UP, 0)
    assert.equal(emulator.nextWebhook().kind, 'VSS')
  })

  it('answers of any bytes: judged by the core, never a crash', () => {
    const invalidUtf8 = firstAnswered((emulator) => emulator.respond(200, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 0))
    assert.equal(invalidUtf8.findings[0].code, 'not-json')
    const deep = firstAnswered((emulator) => emulator.respond(200, '['.repeat(100_000), 0))
    assert.equal(deep.findings[0].code, 'not-json')
    const huge = firstAnswered((emulator) => emulator.respond(200, Buffer.alloc(16 * 1024 * 1024, 0x20), 0))
    assert.equal(huge.findings[0].code, 'reply-too-large')
    const notAReply = firstAnswered((emulator) => emulator.respond(200, '"hangup"', 0))
    assert.equal(notAReply.findings[0].code, 'invalid-reply')
    const lone = firstAnswered((emulator) => emulator.respond(200, '{"callflow":[{"action":"say","params":{"text":"\ud800","voiceProfile":"x"}}]}', 0))
    assert.equal(lone.findings[0].code, 'invalid-reply')
  })
})
