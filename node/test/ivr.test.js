'use strict'
// ivr: the shared IVR vectors (tests/fixtures/ivr/, as in Rust and Python), handlers
// (sync and async) validated by the core, webhooks.handle with an Ivr, hostile input.
const test = require('node:test')
const { describe, it } = test
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { ivr, voice, ValidationError } = require('../index.js')
const webhooks = require('../webhooks.js')

const root = path.join(__dirname, '..', '..')
const example = (name) => JSON.parse(fs.readFileSync(path.join(root, 'examples', 'ivr', `${name}.json`), 'utf8'))
const mapOf = (map) => (map && typeof map === 'object' && 'example' in map ? example(map.example) : map)
const cases = (dir) => JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'ivr', dir, `${dir}.json`), 'utf8')).cases

test('every check vector gives its report', () => {
  for (const c of cases('checks')) {
    const map = mapOf(c.map)
    for (const form of [map, JSON.stringify(map), Buffer.from(JSON.stringify(map))]) {
      const report = c.handlers ? ivr.checkWith(form, c.handlers) : ivr.check(form)
      // The vectors hold the report's JSON form (`Report::wire_status()`): `1` for a map
      // with no error, whose `statusCode` is `null` (no 8x8 status to answer).
      assert.equal(report.statusCode === null, report.ok, c.name)
      assert.deepEqual(JSON.parse(JSON.stringify({ ...report, statusCode: report.statusCode ?? 1 })), c.expected, c.name)
    }
  }
})

test('every reply vector gives its reply', () => {
  for (const c of cases('replies')) {
    let got
    let app
    try {
      app = new ivr.Ivr(mapOf(c.map))
    } catch (err) {
      assert.ok(err instanceof ValidationError, c.name)
      got = { refused: { ok: false, statusCode: err.statusCode, issues: JSON.parse(JSON.stringify(err.issues)) } }
    }
    if (app) {
      let event
      try {
        event = voice.parseEvent(c.event)
      } catch (err) {
        got = { notAnEvent: err.message }
      }
      if (event) {
        const turn = app.route(event)
        got = { menu: turn.menu, key: turn.key, fallback: turn.fallback }
        if (turn.body !== null) got.reply = JSON.parse(turn.body)
        else if (turn.handler !== null) got.handler = turn.handler
        else got.nothing = true
      }
    }
    assert.deepEqual(got, c.expected, c.name)
  }
})

const booking = (digits) =>
  voice.parseEvent({ eventType: 'CALL_ACTION', payload: { callStatus: 'ACTION_COMPLETED', clientActionId: 'booking', eventData: { dtmf: digits } } })

test('handlers, sync or async, are validated by the core', async () => {
  const app = ivr.Ivr.fromJson(example('handler-ivr'))
  assert.deepEqual(app.handlerNames, ['lookup_booking'])
  await assert.rejects(app.reply(booking('123456')), /not registered/)
  app.withHandlers({ lookup_booking: async (event) => ({ say: `Booking ${event.dtmf} is confirmed.` }) })
  assert.match((await app.reply(booking('123456'))).toJson(), /Booking 123456 is confirmed/)
  app.withHandlers({ lookup_booking: () => 'main' })
  assert.equal((await app.reply(booking('1'))).clientActionId, 'main')
  app.withHandlers({ lookup_booking: () => ({ goto: 'mian' }) })
  await assert.rejects(app.reply(booking('1')), (err) => err instanceof ValidationError && /handler "lookup_booking"/.test(err.message) && err.statusCode === 'unknown-menu')
  assert.throws(() => app.withHandlers({ lookup: () => 'main' }), RangeError)
  assert.throws(() => app.withHandlers({ lookup_booking: 1 }), TypeError)
})

test('an Ivr is a handler for webhooks.handle; a failing handler rejects (a 500)', async () => {
  const app = ivr.Ivr.fromJson(example('handler-ivr')).withHandlers({ lookup_booking: (event) => ({ say: `Booking ${event.dtmf}.` }) })
  const body = JSON.stringify({ eventType: 'CALL_ACTION', payload: { callStatus: 'ACTION_COMPLETED', clientActionId: 'booking', eventData: { dtmf: '123456' } } })
  const answer = await webhooks.handle(body, { authorization: 's' }, app, { secret: 's' })
  assert.equal(answer.status, 200)
  assert.match(answer.body, /Booking 123456/)
  app.withHandlers({ lookup_booking: () => { throw new Error('database down') } })
  await assert.rejects(webhooks.handle(body, {}, app), /database down/)
})

test('a map with no error has no status code: statusCode is null, as in Python', () => {
  const map = example('simple-ivr')
  assert.equal(ivr.check(map).statusCode, null)
  assert.equal(ivr.Ivr.fromJson(map).report.statusCode, null)
  const broken = { start: 'main', menus: { main: { say: 'Hi', options: { 1: { goto: 'nowhere' } } } } }
  assert.equal(ivr.check(broken).statusCode, 'invalid-map')
})

test('hostile input gives typed errors', () => {
  let deep = '"x"'
  for (let i = 0; i < 10000; i += 1) deep = `{"a":${deep}}`
  for (const map of [42, [], 'not json', deep, { start: 'main', menus: [] }]) {
    assert.throws(() => new ivr.Ivr(map), ValidationError)
    assert.equal(ivr.check(map).ok, false)
    assert.throws(() => ivr.expand(map), ValidationError)
  }
  const app = ivr.Ivr.fromJson(example('simple-ivr'))
  assert.throws(() => app.route({}), /eventType/)
  assert.match(app.request('+6512345678', '+6587654321').toJson(), /^\{"callflow":\[\{"action":"makeCall"/)
})

describe('the emulator against an ivr.Ivr', () => {
  const { emulate, MapBackend } = require('../testing.js')
  const INBOUND = { from: '+6591234567', to: '+6568888888' }
  const CALLS = { 'simple-ivr': [['1'], ['2'], ['7', '1'], []], 'advanced-ivr': [['1', '1', '4'], ['2'], ['1', '9', '7', '2'], ['#', '1', '2', '2']] }
  // What the caller lives through; the bodies' text may differ (a typed reply leaves out
  // the nulls a map writes), so it is compared by what it does.
  const lived = (call) => ({
    heard: call.heard,
    pressed: call.pressed,
    sessionStatus: call.sessionStatus,
    durationMs: call.durationMs,
    webhooks: call.webhooks.map((hook) => [hook.kind, hook.clientActionId, hook.httpStatus]),
    findings: call.findings.map((finding) => finding.code),
  })
  for (const [name, calls] of Object.entries(CALLS)) {
    for (const press of calls) {
      it(`${name}, pressing ${press.join(' ') || 'nothing'}: the runtime and the expanded map give the same call`, async () => {
        const map = example(name)
        const byRuntime = await emulate({ inbound: INBOUND, backend: ivr.Ivr.fromJson(map), press })
        const byMap = await emulate({ inbound: INBOUND, backend: new MapBackend(ivr.expand(map)), press })
        assert.deepEqual(lived(byRuntime), lived(byMap))
        assert.ok(byRuntime.heard.length > 0)
      })
    }
  }
})
