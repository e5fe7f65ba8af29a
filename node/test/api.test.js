'use strict'
// The JavaScript surface: builders, bodies, errors, inputs and options.

const assert = require('node:assert/strict')
const { describe, it } = require('node:test')

const { voice, ValidationError } = require('..')

const CALL = { source: '+6512341234', destination: '+6512345678' }
const SAY = { text: 'Hello, this is a test Voice Message.', voiceProfile: 'en-IE-EmilyNeural' }
const WIRE =
  '{"callflow":[{"action":"makeCall","params":{"source":"+6512341234","destination":"+6512345678"}},' +
  '{"action":"say","params":{"text":"Hello, this is a test Voice Message.","voiceProfile":"en-IE-EmilyNeural","repetition":2}},' +
  '{"action":"hangup"}]}'

function invalid(fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  assert.fail('expected a throw')
}

describe('builders', () => {
  it('build a request that JSON.stringify writes in the wire format', () => {
    const flow = voice.Callflow.builder().makeCall(CALL).say({ ...SAY, repetition: 2 }).hangup().build()
    assert.ok(flow instanceof voice.Callflow)
    assert.equal(JSON.stringify(flow), WIRE)
    assert.equal(flow.toJson(), WIRE)
    assert.deepEqual(flow.toJSON(), JSON.parse(WIRE))
    assert.equal(flow.validUntil, null)
  })

  it('write validUntil from a Date or from text', () => {
    const date = new Date(Date.UTC(2999, 0, 2, 3, 4, 5, 6))
    const flow = voice.Callflow.builder({ validUntil: date }).makeCall(CALL).build()
    assert.equal(flow.validUntil, '2999-01-02T03:04:05.006Z')
    assert.equal(JSON.parse(flow.toJson()).validUntil, '2999-01-02T03:04:05.006Z')
    const text = voice.Callflow.builder({ validUntil: '2999-01-01T00:00:00Z' }).makeCall(CALL).build()
    assert.equal(text.validUntil, '2999-01-01T00:00:00Z')
  })

  it('build a reply with every action', () => {
    const reply = voice.Reply
      .builder({ clientActionId: 'menu' })
      .playFile({ fileUrl: 'https://example.com/hello.mp3', repetition: 1 })
      .sayAndCapture({
        promptMessage: 'Press 1',
        voiceProfile: 'en-US-BenjaminRUS',
        minDigits: 1,
        maxDigits: 1,
        digitTimeout: 5000,
        overallTimeout: 10000,
        completeOnHash: false,
        noOfTries: 2,
      })
      .build()
    assert.ok(reply instanceof voice.Reply)
    assert.equal(reply.clientActionId, 'menu')
    const wire = JSON.parse(JSON.stringify(reply))
    assert.deepEqual(Object.keys(wire), ['clientActionId', 'callflow'])
    assert.deepEqual(
      wire.callflow.map((action) => action.action),
      ['playFile', 'sayAndCapture'],
    )
    assert.equal(wire.callflow[1].params.digitTimeout, 5000)
  })

  it('write only the params that were set', () => {
    const reply = voice.Reply.builder().makeCall({ ...CALL, callRecording: undefined }).build()
    assert.equal(reply.toJson(), '{"callflow":[{"action":"makeCall","params":{"source":"+6512341234","destination":"+6512345678"}}]}')
  })

  it('throw ValidationError with every issue on build()', () => {
    const err = invalid(() => voice.Callflow.builder().say({ ...SAY, repetition: 2.5 }).hangup().build())
    assert.ok(err instanceof ValidationError)
    assert.ok(err instanceof Error)
    assert.equal(err.name, 'ValidationError')
    assert.equal(err.code, 'invalid-document')
    assert.equal(err.statusCode, -1009)
    assert.deepEqual(
      err.issues.map((issue) => [issue.code, issue.path]),
      [
        [-1009, '$.callflow[0].params.repetition'],
        [-1013, '$.callflow[0].action'],
      ],
    )
    assert.equal(err.issues[0].hint, null)
    assert.equal('omitted' in err, false)
    assert.match(err.message, /status -1009: 2 error\(s\)/)
    assert.match(err.message, /\$\.callflow\[0\]\.params\.repetition: expected an integer, found number 2\.5/)
    assert.match(err.stack, /^ValidationError: invalid document/)
  })

  it('keep building from where a chain left off', () => {
    const builder = voice.Reply.builder()
    builder.say(SAY)
    assert.equal(builder.hangup(), builder)
    assert.equal(builder.build().toJson(), JSON.stringify({ callflow: [{ action: 'say', params: SAY }, { action: 'hangup' }] }))
  })

  it('report params of the wrong JavaScript type on build(), with their path', () => {
    const wrongType = invalid(() => voice.Reply.builder().say({ text: 5, voiceProfile: 'en-US-BenjaminRUS' }).build())
    assert.deepEqual(wrongType.issues.map((issue) => [issue.code, issue.path]), [[-1009, '$.callflow[0].params.text']])
    const notAnObject = invalid(() => voice.Reply.builder().say(null).build())
    assert.equal(notAnObject.issues[0].path, '$.callflow[0].params')
  })

  it('report a misspelled param key from untyped JavaScript, with a hint', () => {
    const err = invalid(() => voice.Reply.builder().sayAndCapture({ promptMessage: 'Press 1', voiceProfile: 'en-US-BenjaminRUS', maxdigits: 1 }).build())
    assert.equal(err.issues[0].path, '$.callflow[0].params.maxdigits')
    assert.equal(err.issues[0].hint, 'did you mean "maxDigits"?')
  })
})

describe('action objects', () => {
  const actions = () => [new voice.MakeCall(CALL), new voice.Say({ ...SAY, repetition: 2 }), new voice.Hangup()]

  it('are frozen wire-format objects that make the same body as the builder', () => {
    const [call, say, hangup] = actions()
    assert.ok(say instanceof voice.Say)
    assert.ok(Object.isFrozen(say) && Object.isFrozen(say.params))
    assert.deepEqual(JSON.parse(JSON.stringify(say)), { action: 'say', params: { ...SAY, repetition: 2 } })
    assert.deepEqual(JSON.parse(JSON.stringify(hangup)), { action: 'hangup' })
    const flow = new voice.Callflow([call, say, hangup])
    assert.ok(flow instanceof voice.Callflow)
    assert.equal(flow.toJson(), WIRE)
    assert.equal(flow.toJson(), voice.Callflow.builder().makeCall(CALL).say({ ...SAY, repetition: 2 }).hangup().build().toJson())
  })

  it('copy their params when made, keys as written', () => {
    const params = { ...SAY }
    const say = new voice.Say(params)
    params.text = 'changed'
    assert.equal(say.params.text, SAY.text)
    const err = invalid(() => new voice.Reply([new voice.SayAndCapture({ promptMessage: 'Press 1', voiceProfile: 'en-US-BenjaminRUS', maxdigits: 1 })]))
    assert.ok(err instanceof ValidationError)
    assert.equal(err.issues[0].hint, 'did you mean "maxDigits"?')
  })

  it('mix with wire-format objects, with options, in both bodies', () => {
    const reply = new voice.Reply([{ action: 'say', params: SAY }, new voice.Hangup()], { clientActionId: 'menu' })
    assert.equal(reply.clientActionId, 'menu')
    assert.equal(reply.toJson(), `{"clientActionId":"menu","callflow":[{"action":"say","params":${JSON.stringify(SAY)}},{"action":"hangup"}]}`)
    const date = new Date(Date.UTC(2999, 0, 2, 3, 4, 5, 6))
    const flow = new voice.Callflow(actions(), { validUntil: date })
    assert.equal(flow.validUntil, '2999-01-02T03:04:05.006Z')
    assert.equal(flow.toJson(), voice.Callflow.builder({ validUntil: date }).makeCall(CALL).say({ ...SAY, repetition: 2 }).hangup().build().toJson())
  })

  it('are validated as a document wherever one is taken', () => {
    const doc = { callflow: [new voice.Say(SAY), new voice.Hangup()] }
    assert.deepEqual(voice.validate(doc, { profile: 'reply' }), { ok: true, statusCode: 1, issues: [] })
    assert.equal(voice.validate({ callflow: [new voice.Say({ ...SAY, repetition: 9 })] }, { profile: 'reply' }).statusCode, -1009)
    const built = voice.Reply.builder().say(SAY).build()
    assert.deepEqual(voice.validate(built, { profile: 'reply' }), voice.validate(built.toJson(), { profile: 'reply' }))
    assert.equal(require('../webhooks').Receiver.answer(built).body, built.toJson())
  })

  it('send as built, however made: the client takes the body as it is', () => {
    const { VoiceClient } = require('..')
    const client = new VoiceClient('key', 'sub', { baseUrl: 'http://127.0.0.1:9' })
    const made = [voice.Callflow.builder().makeCall(CALL).hangup().build(), new voice.Callflow([new voice.MakeCall(CALL), new voice.Hangup()])]
    for (const flow of made) {
      assert.equal(client.previewCallflow(flow).body, flow.toJson())
    }
  })
})

describe('bodies', () => {
  it('have toJson() for the text and toJSON() for JSON.stringify, however made', () => {
    const built = voice.Callflow.builder().makeCall(CALL).say({ ...SAY, repetition: 2 }).hangup().build()
    const parsed = voice.Callflow.fromJson(WIRE)
    const made = new voice.Callflow(JSON.parse(WIRE).callflow)
    for (const body of [built, parsed, made]) {
      assert.ok(body instanceof voice.Callflow)
      assert.equal(body.toJson(), WIRE)
      assert.deepEqual(body.toJSON(), JSON.parse(WIRE))
      assert.equal(JSON.stringify(body), WIRE)
      assert.equal(body.validUntil, null)
    }
  })

  it('write every param of every action as the core does, whatever the order given', () => {
    const reversed = (params) => Object.fromEntries(Object.entries(params).reverse())
    const params = {
      makeCall: { ...CALL, callRecording: true },
      say: { ...SAY, repetition: 2, speed: 1.5, language: 'en-IE' },
      playFile: { fileUrl: 'https://example.com/a.mp3', repetition: 3 },
      sayAndCapture: {
        promptMessage: 'Press 1', voiceProfile: 'en-US-BenjaminRUS', repetition: 1, speed: 0.5, minDigits: 1, maxDigits: 2,
        digitTimeout: 1000, overallTimeout: 5000, completeOnHash: true, noOfTries: 2, successMessage: 'Thanks', failureMessage: 'Sorry',
      },
    }
    const builder = voice.Reply.builder({ clientActionId: 'all' })
    for (const [action, given] of Object.entries(params)) builder[action](reversed(given))
    const built = builder.hangup().build()
    const wire = { clientActionId: 'all', callflow: [...Object.entries(params).map(([action, given]) => ({ action, params: reversed(given) })), { action: 'hangup' }] }
    assert.equal(built.toJson(), voice.Reply.fromJson(JSON.stringify(wire)).toJson())
    const nulls = voice.Reply.builder().sayAndCapture({ ...params.sayAndCapture, failureMessage: null }).build()
    assert.doesNotMatch(nulls.toJson(), /failureMessage/)
  })

  it('give their actions as action objects, however made', () => {
    for (const body of [voice.Callflow.fromJson(WIRE), voice.Callflow.builder().makeCall(CALL).say({ ...SAY, repetition: 2 }).hangup().build()]) {
      const actions = body.actions
      assert.ok(Object.isFrozen(actions))
      assert.deepEqual(actions.map((action) => action.constructor), [voice.MakeCall, voice.Say, voice.Hangup])
      assert.equal(new voice.Callflow(actions).toJson(), WIRE)
    }
  })

  it('start their builders from Callflow.builder and Reply.builder only', () => {
    assert.equal(typeof voice.Callflow.builder, 'function')
    assert.equal(typeof voice.Reply.builder, 'function')
    for (const name of ['request', 'reply', 'RequestBuilder', 'ReplyBuilder']) assert.equal(name in voice, false, name)
  })

  it('keep the text the core writes: wire order, only what was set', () => {
    const say = { voiceProfile: SAY.voiceProfile, text: SAY.text }
    const capture = { promptMessage: 'Press 1', voiceProfile: 'en-US-BenjaminRUS', maxDigits: 1, successMessage: null }
    const built = voice.Reply.builder().say(say).sayAndCapture(capture).build()
    const expected = voice.Reply.fromJson(JSON.stringify({ callflow: [{ action: 'say', params: say }, { action: 'sayAndCapture', params: capture }] }))
    assert.equal(built.toJson(), expected.toJson())
    assert.match(built.toJson(), /"params":\{"text":/)
    assert.doesNotMatch(built.toJson(), /successMessage/)
  })
})

describe('fromJson', () => {
  const reply = '{"clientActionId":"menu","callflow":[{"action":"hangup"}]}'

  it('parses text and bytes into a body that round-trips', () => {
    for (const input of [reply, Buffer.from(reply), new TextEncoder().encode(reply)]) {
      const body = voice.Reply.fromJson(input)
      assert.equal(body.clientActionId, 'menu')
      assert.equal(JSON.stringify(body), reply)
    }
    assert.equal(voice.Callflow.fromJson(WIRE).toJson(), WIRE)
  })

  it('throws ValidationError for invalid JSON and invalid bodies', () => {
    const syntax = invalid(() => voice.Reply.fromJson('{'))
    assert.ok(syntax instanceof ValidationError)
    assert.equal(syntax.statusCode, -1001)
    const semantic = invalid(() => voice.Callflow.fromJson(reply))
    assert.ok(semantic instanceof ValidationError)
    assert.deepEqual(
      semantic.issues.map((issue) => issue.code),
      [-1009, -1013],
    )
    assert.equal(semantic.issues[0].hint, '"clientActionId" is accepted in a reply body')
  })
})

describe('validate', () => {
  const doc = { callflow: [{ action: 'sayandcapture' }] }

  it('returns the same plain report for an object, text, a Buffer and a Uint8Array', () => {
    const text = JSON.stringify(doc)
    const reports = [doc, text, Buffer.from(text), new TextEncoder().encode(text)].map((input) =>
      voice.validate(input, { profile: 'reply' }),
    )
    for (const report of reports) {
      assert.deepEqual(report, reports[0])
    }
    assert.deepEqual(Object.keys(reports[0]), ['ok', 'statusCode', 'issues'])
    assert.equal(reports[0].ok, false)
    assert.equal(reports[0].statusCode, -1007)
    assert.equal(reports[0].issues[0].hint, 'did you mean "sayAndCapture"?')
    assert.equal(Object.getPrototypeOf(reports[0]), Object.prototype)
  })

  it('checks validUntil against options.now', () => {
    const request = { validUntil: '2024-07-03T05:59:32.226Z', callflow: [{ action: 'makeCall', params: CALL }] }
    assert.equal(voice.validate(request, { profile: 'request', now: new Date('2024-07-01T00:00:00Z') }).ok, true)
    assert.equal(voice.validate(request, { profile: 'request', now: new Date('2025-01-01T00:00:00Z') }).statusCode, -1015)
    assert.equal(voice.validate(request, { profile: 'request', now: new Date('1960-01-01T00:00:00Z') }).ok, true)
  })

  it('throws a TypeError for an unknown profile or an invalid Date', () => {
    assert.throws(() => voice.validate(doc, { profile: 'requests' }), {
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_VALUE',
      message: 'unknown profile "requests": expected "request" or "reply"',
    })
    assert.throws(() => voice.validate(doc, { profile: 'reply', now: new Date(NaN) }), {
      name: 'TypeError',
      message: 'options.now is an invalid Date',
    })
  })

  it('throws a TypeError for options that are not an object', () => {
    for (const call of [() => voice.validate(doc, 'reply'), () => voice.Callflow.builder('x'), () => voice.Reply.builder(1)]) {
      assert.throws(call, { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: /^options must be an object/ })
    }
  })

  it('checks a request on the system clock when no options are given, like Python', () => {
    const reply = '{"callflow":[{"action":"hangup"}]}'
    for (const report of [voice.validate(reply), voice.validate(reply, {}), voice.validate(reply, { now: undefined })]) {
      assert.equal(report.statusCode, -1013)
      assert.equal(report.issues[0].path, '$.callflow[0].action')
    }
    assert.equal(voice.validate(reply, { profile: 'reply' }).ok, true)
  })

  it('reports a value that is not an object as -1001', () => {
    for (const value of [null, undefined, 1, true, [], () => {}]) {
      const report = voice.validate(value, { profile: 'reply' })
      assert.equal(report.statusCode, -1001, String(value))
    }
  })
})
