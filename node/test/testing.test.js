'use strict'
// callflow-rs/testing: the two ported IVR samples driven through whole emulated calls,
// as webhook functions and as Express apps; the findings a backend can provoke; URL
// backends through the native HTTP runner; scenarios; the assertions; and the settings.
// Every server listens on 127.0.0.1 and closes by itself.

const assert = require('node:assert/strict')
const { once } = require('node:events')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { after, before, describe, it } = require('node:test')

const express = require('express')

const { EmulatorError } = require('..')
const { emulate, runScenario, CallResult } = require('../testing')
const { ROOT, loadExample } = require('./fixtures')

const REQUEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'voice', 'simple-ivr.json'), 'utf8'))
const INBOUND = { from: '+6591234567', to: '+6568888888' }
const MENU = 'If you have resolved your issue already, press one. Or press two to speak to an agent.'
const SORRY = 'Sorry, we did not understand your response.'
const VOICE = 'en-US-BenjaminRUS'

const simple = loadExample('simple-ivr.js')
const advanced = loadExample('advanced-ivr.js')

/** Each sample as the two kinds of in-process backend. */
const FORMS = {
  'as a webhook function': (example) => example.onCallAction,
  'as an Express app': (example) => example,
}

/** The webhooks of a result without their measured latency. */
function delivered(result) {
  return result.webhooks.map(({ latencyMs, ...webhook }) => webhook)
}

/** The codes of a result's findings. */
function codes(result) {
  return result.findings.map((finding) => finding.code)
}

/** A transcript's JSON with every measured latency set to 0. */
function withoutLatency(result) {
  const json = result.toJSON()
  for (const record of [...json.webhooks, ...json.steps]) {
    if ('latencyMs' in record) {
      record.latencyMs = 0
    }
  }
  return json
}

/** An Express app with `route` as the handler of POST /vca, and {} on /vss. */
function appWith(route) {
  const app = express()
  app.post('/vca', route)
  app.post('/vss', (req, res) => res.json({}))
  return app
}

/** A request whose callflow asks for one digit. */
const ASK = {
  callflow: [
    { action: 'makeCall', params: { source: '6561115777', destination: '6512345678' } },
    { action: 'sayAndCapture', params: { promptMessage: 'Press 1.', voiceProfile: VOICE, maxDigits: 1 } },
  ],
}

const HANG_UP = { callflow: [{ action: 'hangup' }] }

for (const [form, backendOf] of Object.entries(FORMS)) {
  describe(`the simple IVR sample ${form}`, () => {
    const backend = backendOf(simple)

    it('press 1: the caller hears the menu, and the call ends', async () => {
      const result = await emulate({ request: REQUEST, backend, press: '1' })
      result.assertOk().assertNoFindings().assertStatus('COMPLETED').assertHeard(MENU)
      assert.deepEqual(result.pressed, ['1'])
      assert.equal(result.statusCode, 1)
      assert.deepEqual(delivered(result), [
        { type: 'VCA', eventType: 'CALL_ACTION', clientActionId: null, httpStatus: 200 },
        { type: 'VSS', eventType: 'SESSION_SUMMARY', clientActionId: null, httpStatus: 200 },
      ])
      assert.match(result.sessionId, /^[0-9a-f-]{36}$/)
      assert.ok(result.durationMs > 0)
    })

    it('press 2: the caller is bridged to the agent', async () => {
      const result = await emulate({ request: REQUEST, backend, press: '2', hangup: true })
      result.assertOk().assertStatus('COMPLETED')
      const legs = result.steps.filter((step) => step.kind === 'leg').map((step) => `${step.leg} ${step.state}`)
      assert.deepEqual(legs, ['callA dialing', 'callA answered', 'callB dialing', 'callB answered', 'callB disconnected', 'callA disconnected'])
      assert.ok(result.steps.some((step) => step.kind === 'bridge' && step.leg === 'callB'))
      assert.equal(result.webhooks.length, 3)
    })

    it('another digit: the menu again, then 1 ends the call', async () => {
      const result = await emulate({ request: REQUEST, backend, press: ['3', '1'] })
      result.assertOk().assertNoFindings().assertHeard(MENU, SORRY)
      assert.deepEqual(result.pressed, ['3', '1'])
    })

    it('the 2023 payload shape (legacy dialect): the sample reads the flat dtmf', async () => {
      const result = await emulate({ request: REQUEST, backend, press: '1', dialect: 'legacy' })
      result.assertOk().assertNoFindings()
      assert.equal(result.webhooks.length, 2)
    })
  })

  describe(`the advanced IVR sample ${form}`, () => {
    const backend = backendOf(advanced)

    it('books a table for six through three menus', async () => {
      const result = await emulate({ inbound: INBOUND, backend, press: ['1', '1', '6'] })
      result
        .assertOk()
        .assertNoFindings()
        .assertStatus('COMPLETED')
        .assertHeard('Welcome to The Golden Fork', 'To book a table', 'How many guests?', 'Your table for 6 is booked')
      assert.deepEqual(
        result.webhooks.map((webhook) => webhook.clientActionId),
        [null, 'main_menu', 'reservations', 'book_table', null],
      )
      assert.deepEqual(result.pressed, ['1', '1', '6'])
    })

    it('puts the caller through to the staff, then says goodbye', async () => {
      const result = await emulate({ inbound: INBOUND, backend, press: '2' })
      result.assertOk().assertHeard('Welcome', 'Thank you for calling The Golden Fork')
      assert.deepEqual(
        result.webhooks.map((webhook) => webhook.clientActionId),
        [null, 'main_menu', 'post_call', null],
      )
    })

    it('a busy line: the session ends BUSY after the goodbye', async () => {
      const result = await emulate({ inbound: INBOUND, backend, press: '2', callee: 'busy' })
      result.assertOk().assertStatus('BUSY').assertHeard('Thank you for calling')
    })
  })
}

describe('the same call, whatever runs the backend', () => {
  it('a function and an Express app give the same transcript, latency aside', async () => {
    const settings = { inbound: INBOUND, press: ['1', '2', '2'], seed: 7 }
    const asFunction = await emulate({ ...settings, backend: advanced.onCallAction })
    const asApp = await emulate({ ...settings, backend: advanced })
    assert.deepStrictEqual(withoutLatency(asFunction), withoutLatency(asApp))
    asFunction.assertHeard('Your booking is cancelled')
  })

  it('a silent caller: the simple sample asks again and again, until the step cap', async () => {
    const result = await emulate({ request: REQUEST, backend: simple.onCallAction, options: { maxSteps: 20 } })
    assert.equal(result.ok, false)
    assert.deepEqual(codes(result), ['script-exhausted', 'call-too-long'])
  })
})

describe('the sample with CALLFLOW_WEBHOOK_SECRET, as an Express app', () => {
  const app = loadExample('advanced-ivr.js', { CALLFLOW_WEBHOOK_SECRET: 'Bearer s3cret' })

  it('answers when the emulator sends the secret', async () => {
    const result = await emulate({ inbound: INBOUND, backend: app, press: ['1', '9', '2'], secret: 'Bearer s3cret' })
    result.assertOk().assertNoFindings()
  })

  it('refuses with 401 without it: http-error, and the session ends in ERROR', async () => {
    const result = await emulate({ inbound: INBOUND, backend: app })
    result.assertStatus('ERROR')
    assert.deepEqual(codes(result), ['http-error', 'http-error'])
    assert.deepEqual(result.webhooks.map((webhook) => webhook.httpStatus), [401, 401])
  })
})

describe('findings a backend provokes', () => {
  it('a function that throws: HTTP 500 with the error, http-error, ERROR', async () => {
    const result = await emulate({
      request: ASK,
      press: '1',
      backend: () => {
        throw new RangeError('no such menu')
      },
    })
    assert.equal(result.ok, false)
    result.assertStatus('ERROR')
    assert.equal(result.findings[0].code, 'http-error')
    assert.equal(result.findings[0].severity, 'error')
    assert.equal(result.webhooks[0].httpStatus, 500)
    const answer = result.steps.find((step) => step.kind === 'webhook').answer
    assert.match(JSON.parse(answer).message, /RangeError: no such menu/)
  })

  it('an async function that rejects: the same', async () => {
    const result = await emulate({ request: ASK, press: '1', backend: async () => Promise.reject(new Error('down')) })
    assert.equal(result.findings[0].code, 'http-error')
    assert.equal(result.webhooks[0].httpStatus, 500)
  })

  it('an invalid reply: invalid-reply, with the status code 8x8 would answer', async () => {
    const reply = { callflow: [{ action: 'say', params: { text: 'Bye', voiceProfile: VOICE, speed: 9 } }] }
    const result = await emulate({ request: ASK, press: '1', backend: (event) => (event.eventType === 'CALL_ACTION' ? reply : null) })
    assert.deepEqual(codes(result), ['invalid-reply'])
    assert.match(result.findings[0].message, /^8x8 would refuse the reply with status -10\d\d: /)
    assert.equal(result.webhooks[0].httpStatus, 200)
    const step = result.steps.find((s) => s.kind === 'webhook')
    assert.equal(step.report.ok, false)
    assert.equal(JSON.parse(step.answer).callflow[0].params.speed, 9)
  })

  it('a reply that is not a document at all (a number): invalid-reply', async () => {
    const result = await emulate({ request: ASK, press: '1', backend: () => 42 })
    assert.deepEqual(codes(result), ['invalid-reply'])
  })

  it('a reply no server could send (a cycle, a BigInt): HTTP 500 with the error', async () => {
    const cyclic = { callflow: [] }
    cyclic.callflow.push(cyclic)
    const big = { callflow: [{ action: 'say', params: { text: 'Hi', voiceProfile: VOICE, repetition: 2n } }] }
    for (const [reply, error] of [[cyclic, /circular/], [big, /BigInt/]]) {
      const result = await emulate({ request: ASK, press: '1', backend: () => reply })
      assert.equal(result.findings[0].code, 'http-error')
      assert.match(JSON.parse(result.steps.find((step) => step.kind === 'webhook').answer).message, error)
    }
  })

  it('nothing for a call action: empty-reply, a warning, and the call goes on', async () => {
    const result = await emulate({ request: ASK, press: '1', backend: () => undefined })
    assert.equal(result.ok, true)
    assert.deepEqual(codes(result), ['empty-reply', 'no-hangup'])
    assert.throws(() => result.assertNoFindings(), assert.AssertionError)
  })

  it('an Express route answering garbage: not-json', async () => {
    const app = appWith((req, res) => res.type('text/html').send('<h1>It works!</h1>'))
    const result = await emulate({ request: ASK, press: '1', backend: app })
    assert.deepEqual(codes(result), ['not-json'])
    assert.match(result.findings[0].message, /^the reply is not JSON: /)
  })

  it('an Express route that redirects: not followed, http-error naming the target', async () => {
    const app = appWith((req, res) => res.redirect(307, 'https://elsewhere.example/vca'))
    const result = await emulate({ request: ASK, press: '1', backend: app })
    assert.deepEqual(codes(result), ['http-error'])
    assert.match(result.findings[0].message, /redirecting to https:\/\/elsewhere\.example\/vca/)
    assert.equal(result.webhooks[0].httpStatus, null)
  })

  it('an Express route that never answers: reply-timeout at the webhook timeout', async () => {
    const app = appWith(() => {})
    const started = performance.now()
    const result = await emulate({ request: ASK, press: '1', backend: app, webhookTimeoutMs: 150 })
    assert.ok(performance.now() - started < 5000)
    assert.deepEqual(codes(result), ['reply-timeout'])
    assert.equal(result.webhooks[0].httpStatus, null)
  })

  it('a function that never settles: reply-timeout at the webhook timeout', async () => {
    const result = await emulate({ request: ASK, press: '1', backend: () => new Promise(() => {}), webhookTimeoutMs: 100 })
    assert.deepEqual(codes(result), ['reply-timeout', 'reply-timeout'])
    assert.deepEqual(result.findings.map((finding) => finding.severity), ['error', 'warning'])
    assert.match(result.findings[0].message, /no answer within 100 ms/)
    assert.ok(result.webhooks[0].latencyMs >= 99)
  })

  it('a slow function: its measured time against the webhook timeout', async () => {
    const slow = async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 60))
      return event.eventType === 'CALL_ACTION' ? HANG_UP : null
    }
    const result = await emulate({ request: ASK, press: '1', backend: slow, webhookTimeoutMs: 2000 })
    result.assertOk()
    assert.ok(result.webhooks[0].latencyMs >= 55, `${result.webhooks[0].latencyMs} ms`)
  })

  it('an answer object may give its own latency and failures', async () => {
    const answers = {
      answer: (webhook) =>
        webhook.kind === 'VCA'
          ? { status: 200, body: JSON.stringify(HANG_UP), latencyMs: 6000 }
          : { failure: 'connection', detail: 'the summary endpoint is down', latencyMs: 1 },
    }
    const result = await emulate({ request: ASK, press: '1', backend: answers })
    assert.deepEqual(codes(result), ['reply-timeout', 'connection-failed'])
    assert.equal(result.webhooks[0].latencyMs, 6000)
    assert.match(result.findings[1].message, /the summary endpoint is down/)
  })
})

describe('a URL backend, through the native HTTP runner', () => {
  let server
  let base
  before(async () => {
    server = simple.listen(0, '127.0.0.1')
    await once(server, 'listening')
    base = `http://127.0.0.1:${server.address().port}`
  })
  after(() => new Promise((resolve) => server.close(resolve)))

  it('posts the call action to the URL and the summary to vssPath', async () => {
    const result = await emulate({ request: REQUEST, backend: `${base}/vca`, vssPath: '/vss', press: '1' })
    result.assertOk().assertNoFindings().assertHeard(MENU)
    assert.deepEqual(result.webhooks.map((webhook) => webhook.httpStatus), [200, 200])
  })

  it('a URL object, and every webhook to the one URL when no path is given', async () => {
    const result = await emulate({ request: REQUEST, backend: new URL('/vca', base), press: '1' })
    // The sample answers the summary on /vca too, since it answers every event.
    result.assertOk()
  })

  it('a closed port: connection-failed, never a hang', async () => {
    const closed = express().listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const url = `http://127.0.0.1:${closed.address().port}/vca`
    await new Promise((resolve) => closed.close(resolve))
    const result = await emulate({ request: ASK, press: '1', backend: url })
    assert.deepEqual(codes(result), ['connection-failed', 'connection-failed'])
  })

  it('a URL the runner cannot use: a TypeError', async () => {
    await assert.rejects(emulate({ request: ASK, backend: 'ftp://127.0.0.1/vca' }), { name: 'TypeError', message: /ftp/ })
    await assert.rejects(emulate({ request: ASK, backend: `${base}/vca`, secret: 'a\nb' }), {
      name: 'TypeError',
      message: /control character/,
    })
  })
})

describe('scenarios', () => {
  const SCENARIO = {
    name: 'press 1 hangs up',
    request: REQUEST,
    script: [{ press: '1' }],
    expect: { heard: ['resolved your issue'], sessionStatus: 'COMPLETED', webhooks: 2, findings: [] },
  }

  it('runs a scenario object and meets its expectations', async () => {
    const result = await runScenario(SCENARIO, simple.onCallAction)
    assert.equal(result.name, 'press 1 hangs up')
    assert.deepEqual(result.unmet, [])
    assert.equal(result.passed, true)
    result.assertPassed().assertOk()
    assert.ok(result instanceof CallResult)
  })

  it('reads a scenario file, by path or URL, against an Express app', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callflow-scenario-'))
    try {
      const file = path.join(dir, 'press-1.json')
      fs.writeFileSync(file, JSON.stringify(SCENARIO))
      ;(await runScenario(file, simple)).assertPassed()
      ;(await runScenario(new URL(`file://${file}`), simple)).assertPassed()
    } finally {
      fs.rmSync(dir, { recursive: true })
    }
  })

  it('an unmet expectation: assertPassed throws with what was unmet and the transcript', async () => {
    const result = await runScenario({ ...SCENARIO, expect: { sessionStatus: 'BUSY', webhooks: 3 } }, simple.onCallAction)
    assert.equal(result.passed, false)
    assert.equal(result.unmet.length, 2)
    assert.throws(
      () => result.assertPassed(),
      (err) =>
        err instanceof assert.AssertionError &&
        err.message.startsWith('scenario "press 1 hangs up": session status COMPLETED') &&
        err.message.includes('2 webhook(s) delivered, expected 3') &&
        err.message.includes('VSS SESSION_SUMMARY'),
    )
  })

  it('a scenario the core cannot read: EmulatorError', async () => {
    await assert.rejects(runScenario({ name: 'no call' }, simple), (err) => err instanceof EmulatorError && err.code === 'invalid-scenario')
    await assert.rejects(runScenario({ ...SCENARIO, expect: { heard: 'x' } }, simple), { code: 'invalid-scenario' })
  })
})

describe('assertions', () => {
  let result
  before(async () => {
    result = await emulate({ inbound: INBOUND, backend: advanced.onCallAction, press: ['1', '1', '4'] })
  })

  /** Checks that `assertion` throws an AssertionError with `message` and the transcript. */
  function fails(assertion, message) {
    assert.throws(assertion, (err) => {
      assert.ok(err instanceof assert.AssertionError, `not an AssertionError: ${err}`)
      assert.match(err.message, message)
      assert.ok(err.message.endsWith(result.transcript), 'the message ends with the transcript')
      return true
    })
  }

  it('pass and chain on a call that went as expected', () => {
    assert.equal(result.assertOk().assertNoFindings().assertStatus('COMPLETED').assertHeard('Welcome', 'guests'), result)
  })

  it('assertHeard: the substrings in order, each in a later prompt', () => {
    result.assertHeard()
    result.assertHeard('Golden Fork', 'table for 4')
    fails(() => result.assertHeard('table for 4', 'Golden Fork'), /^the caller did not hear "Golden Fork" \(in order\)/)
    fails(() => result.assertHeard('Golden Fork', 'Golden Fork'), /did not hear "Golden Fork"/)
    fails(() => result.assertHeard('a table for 5'), /did not hear "a table for 5"/)
  })

  it('assertStatus, assertOk and assertNoFindings say what differs', async () => {
    fails(() => result.assertStatus('BUSY'), /^session status COMPLETED, expected BUSY/)
    assert.throws(() => result.assertStatus(undefined), { name: 'TypeError' })
    const broken = await emulate({ request: ASK, press: '1', backend: () => ({ callflow: [] }) })
    assert.throws(() => broken.assertOk(), (err) => err instanceof assert.AssertionError && /error findings: \["invalid-reply"\]/.test(err.message))
    assert.throws(() => broken.assertNoFindings(), /findings \["invalid-reply"\], expected \[\]/)
  })

  it('toJSON is the transcript JSON, fresh each time; transcript is its text', () => {
    const json = result.toJSON()
    assert.deepEqual(Object.keys(json), [
      'ok',
      'sessionId',
      'sessionStatus',
      'statusCode',
      'heard',
      'pressed',
      'webhooks',
      'findings',
      'steps',
      'durationMs',
      'summary',
    ])
    json.heard.push('changed')
    assert.notDeepEqual(result.toJSON().heard, json.heard)
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result.toJSON())
    assert.match(result.transcript, /^call [0-9a-f-]{36}\n/)
    assert.equal(result.summary.payload.sessionStatus, 'COMPLETED')
  })
})

describe('settings', () => {
  const backend = () => HANG_UP

  it('a request or an inbound call, not both, not neither', async () => {
    await assert.rejects(emulate({ backend }), { name: 'TypeError', message: /needs request/ })
    await assert.rejects(emulate({ request: ASK, inbound: INBOUND, backend }), { name: 'TypeError', message: /not both/ })
    await assert.rejects(emulate({ inbound: { from: 1, to: 2 }, backend }), { name: 'TypeError', message: /two strings/ })
    await assert.rejects(emulate({ inbound: '+6591234567', backend }), { name: 'TypeError', message: /two strings/ })
  })

  it('an unknown setting is a TypeError naming it', async () => {
    await assert.rejects(emulate({ request: ASK, backend, presses: ['1'] }), { name: 'TypeError', message: /"presses"/ })
    await assert.rejects(emulate(null), { name: 'TypeError' })
    await assert.rejects(runScenario({}, backend, { press: '1' }), { name: 'TypeError', message: /"press"/ })
  })

  it('a backend of no known kind, or a wrong backendKind: a TypeError', async () => {
    await assert.rejects(emulate({ request: ASK }), { name: 'TypeError', message: /not undefined/ })
    await assert.rejects(emulate({ request: ASK, backend: 42 }), { name: 'TypeError', message: /not number/ })
    await assert.rejects(emulate({ request: ASK, backend, backendKind: 'wsgi' }), { name: 'TypeError', message: /backendKind/ })
  })

  it('backendKind overrides the guess: a two-argument webhook function', async () => {
    const twoArguments = (event, unused) => (event.eventType === 'CALL_ACTION' ? HANG_UP : unused)
    const result = await emulate({ request: ASK, press: '1', backend: twoArguments, backendKind: 'function' })
    result.assertOk().assertNoFindings()
  })

  it('press, silence, hangup and callee follow the script, in that order', async () => {
    const seen = []
    const result = await emulate({
      request: ASK,
      script: [{ press: '9' }],
      press: ['1'],
      silence: true,
      hangup: 2500,
      backend: (event) => {
        seen.push(event.dtmf)
        return event.eventType === 'CALL_ACTION' ? { callflow: [ASK.callflow[1]] } : null
      },
    })
    assert.deepEqual(result.pressed, ['9', '1'])
    assert.deepEqual(seen.slice(0, 3), ['9', '1', null])
    assert.ok(result.steps.some((step) => step.kind === 'hangup' && step.by === 'caller'))
  })

  it('a script as JSON text cannot take added steps; a bad step is EmulatorError', async () => {
    await assert.rejects(emulate({ request: ASK, backend, script: '[]', press: '1' }), { name: 'TypeError', message: /script must be an array/ })
    await assert.rejects(emulate({ request: ASK, backend, press: '12x' }), (err) => {
      assert.ok(err instanceof EmulatorError)
      assert.equal(err.code, 'invalid-script')
      assert.match(err.message, /^script\[0\]: 'x' is not a phone key/)
      return true
    })
    await assert.rejects(emulate({ request: ASK, backend, callee: 'maybe' }), { code: 'invalid-script' })
  })

  it('dialect, seed and webhookTimeoutMs join the options; a bad one is EmulatorError', async () => {
    const one = await emulate({ request: ASK, press: '1', backend, seed: 1, options: { statusWebhooks: true } })
    const two = await emulate({ request: ASK, press: '1', backend, options: { seed: 2, statusWebhooks: true } })
    assert.notEqual(one.sessionId, two.sessionId)
    assert.ok(one.webhooks.some((webhook) => webhook.type === 'VCS'))
    await assert.rejects(emulate({ request: ASK, backend, dialect: 'klingon' }), { code: 'invalid-options' })
    await assert.rejects(emulate({ request: ASK, backend, options: '{}', seed: 1 }), { name: 'TypeError', message: /options must be an object/ })
  })

  it('a refused request: NOT_CREATED with the status code, and no webhook', async () => {
    const result = await emulate({ request: { callflow: [{ action: 'hangup' }] }, backend })
    assert.equal(result.sessionStatus, 'NOT_CREATED')
    assert.equal(result.statusCode, -1013)
    assert.equal(result.sessionId, null)
    assert.deepEqual(result.webhooks, [])
    assert.deepEqual(codes(result), ['request-invalid'])
  })
})
