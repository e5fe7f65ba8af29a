'use strict'
// The webhook API: voice.parseEvent, the authenticity helpers, and callflow-rs/webhooks
// (`Receiver`, `handle` and the Express adapter), with hostile input.

const assert = require('node:assert/strict')
const { once } = require('node:events')
const http = require('node:http')
const { after, before, describe, it } = require('node:test')

const expressApp = require('express')
const { voice, EventError, ValidationError } = require('..')
const webhooks = require('../webhooks')

const VCA = {
  eventType: 'CALL_ACTION',
  namespace: 'VOICE',
  description: 'Action request of a call',
  payload: { callStatus: 'ACTION_COMPLETED', eventData: { dtmf: '2' }, clientActionId: 'main_menu' },
}
const VCA_TEXT = JSON.stringify(VCA)
const HANG_UP = '{"callflow":[{"action":"hangup"}]}'
const JSON_HEADERS = { 'content-type': 'application/json' }
const UNAUTHORIZED =
  '{"error":"unauthorized","message":"the Authorization header does not match the webhook\'s secret"}'

function nested(depth, wrap) {
  let value = null
  for (let i = 0; i < depth; i += 1) {
    value = wrap(value)
  }
  return value
}

function isEventError(code, message) {
  return (err) => {
    assert.ok(err instanceof EventError)
    assert.ok(err instanceof Error)
    assert.equal(err.name, 'EventError')
    assert.equal(err.code, code)
    if (message !== undefined) {
      assert.match(err.message, message)
    }
    return true
  }
}

describe('voice.parseEvent', () => {
  it('gives a plain object typed by eventType, from text, bytes or a value', () => {
    const event = voice.parseEvent(VCA_TEXT)
    assert.equal(Object.getPrototypeOf(event), Object.prototype)
    assert.equal(event.eventType, 'CALL_ACTION')
    assert.equal(event.callStatus, 'ACTION_COMPLETED')
    assert.equal(event.dtmf, '2')
    assert.equal(event.clientActionId, 'main_menu')
    assert.equal(event.sessionId, null)
    assert.equal(event.version, null)
    assert.equal('payload' in event, false)
    assert.equal('eventData' in event, false)
    for (const input of [Buffer.from(VCA_TEXT), new TextEncoder().encode(VCA_TEXT), VCA]) {
      assert.deepStrictEqual(voice.parseEvent(input), event)
    }
  })

  it('reads a value as JSON.stringify writes it: toJSON, undefined members', () => {
    const withToJson = { toJSON: () => VCA }
    assert.deepStrictEqual(voice.parseEvent(withToJson), voice.parseEvent(VCA))
    const withUndefined = { ...VCA, payload: { ...VCA.payload, source: undefined, callback: () => 1 } }
    assert.equal(voice.parseEvent(withUndefined).source, null)
  })

  it('keeps an unknown event type and its payload as sent', () => {
    const event = voice.parseEvent({ eventType: 'CALL_TRANSFERRED', payload: { to: ['+6512345678'] } })
    assert.deepStrictEqual(event, {
      eventType: 'CALL_TRANSFERRED',
      namespace: null,
      description: null,
      version: null,
      payload: { to: ['+6512345678'] },
    })
  })

  it('throws EventError with its code and the core message', () => {
    assert.throws(() => voice.parseEvent('{"eventType":'), isEventError('invalid-json', /^the webhook body is not JSON: /))
    assert.throws(() => voice.parseEvent('[]'), isEventError('not-an-object', /^an 8x8 webhook body is a JSON object, not array$/))
    assert.throws(() => voice.parseEvent(undefined), isEventError('not-an-object', /not null$/))
    assert.throws(() => voice.parseEvent({ payload: {} }), isEventError('missing-event-type'))
    assert.throws(
      () => voice.parseEvent({ eventType: 'CALL_ACTION' }),
      isEventError('missing-payload', /^a CALL_ACTION webhook needs a "payload" object$/),
    )
  })

  it('is an Error subclass exported by both entries', async () => {
    const esm = await import('callflow-rs')
    assert.equal(esm.EventError, EventError)
    assert.ok(EventError.prototype instanceof Error)
  })
})

describe('hostile input', () => {
  it('a cycle, and 100,000-deep values: too-deep', () => {
    const cyclic = { eventType: 'CALL_ACTION', payload: {} }
    cyclic.payload.self = cyclic
    assert.throws(() => voice.parseEvent(cyclic), isEventError('too-deep', /nests deeper than 128 levels/))
    const deep = { eventType: 'CALL_ACTION', payload: nested(100_000, (inner) => ({ inner })) }
    assert.throws(() => voice.parseEvent(deep), isEventError('too-deep'))
    const arrays = { eventType: 'CALL_ACTION', payload: { eventData: nested(100_000, (inner) => [inner]) } }
    assert.throws(() => voice.parseEvent(arrays), isEventError('too-deep'))
  })

  it('a value nesting past 128 levels that JSON.stringify can still write: too-deep', () => {
    const deep = { eventType: 'CALL_ACTION', payload: nested(200, (inner) => ({ inner })) }
    assert.throws(() => voice.parseEvent(deep), isEventError('too-deep'))
    const answer = new webhooks.Receiver().receive(deep)
    assert.equal(JSON.parse(answer.body).error, 'too-deep')
    const shallow = { eventType: 'CALL_ACTION', payload: nested(120, (inner) => ({ inner })) }
    assert.equal(voice.parseEvent(shallow).eventType, 'CALL_ACTION')
  })

  it('100,000-deep text and bytes: invalid-json, as the core reports them', () => {
    const text = '{"a":'.repeat(100_000)
    assert.throws(() => voice.parseEvent(text), isEventError('invalid-json', /recursion limit exceeded/))
    assert.throws(() => voice.parseEvent(Buffer.from('['.repeat(100_000))), isEventError('invalid-json'))
  })

  it('huge strings: parsed, or refused, without trouble', () => {
    const huge = 'x'.repeat(20_000_000)
    const event = voice.parseEvent({ ...VCA, payload: { ...VCA.payload, eventData: huge } })
    assert.equal(event.dtmf.length, huge.length)
    assert.throws(() => voice.parseEvent(huge), isEventError('invalid-json'))
    assert.throws(() => voice.parseEvent(`{"eventType": "CALL_ACTION", "payload": {"a": "${huge}`), isEventError('invalid-json', /EOF/))
  })

  it('invalid UTF-8 bytes: invalid-json', () => {
    const bytes = Buffer.concat([Buffer.from('{"eventType": "CALL_ACTION", "payload": {"dtmf": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')])
    assert.throws(() => voice.parseEvent(bytes), isEventError('invalid-json', /invalid unicode code point/))
  })

  it('a lone surrogate in a value: invalid-json, as the same text gives', () => {
    const value = { ...VCA, payload: { source: '\ud800' } }
    assert.throws(() => voice.parseEvent(value), isEventError('invalid-json', /hex escape/))
    assert.throws(() => voice.parseEvent(JSON.stringify(value)), isEventError('invalid-json', /hex escape/))
  })

  it('a getter or a Proxy trap that throws: its error propagates unchanged', () => {
    const boom = new Error('boom')
    const getter = { eventType: 'CALL_ACTION', get payload() { throw boom } }
    assert.throws(() => voice.parseEvent(getter), (err) => err === boom)
    assert.throws(() => new webhooks.Receiver().receive(getter), (err) => err === boom)
    const proxy = new Proxy({}, { ownKeys: () => { throw new RangeError('no keys') } })
    assert.throws(() => voice.parseEvent(proxy), { name: 'RangeError', message: 'no keys' })
  })

  it('a BigInt: a thrown TypeError', () => {
    assert.throws(() => voice.parseEvent({ eventType: 'CALL_ACTION', payload: { callDuration: 1n } }), {
      name: 'TypeError',
      message: /BigInt/,
    })
  })

  it('arguments of the wrong type: thrown errors, not crashes', () => {
    assert.throws(() => new webhooks.Receiver(42), /String/)
    assert.throws(() => new webhooks.Receiver().receive(VCA_TEXT, 42), /String/)
    assert.throws(() => webhooks.isSourceAddress(undefined), /String/)
    assert.throws(() => webhooks.authorizationMatches(null, 'x'), /String/)
  })
})

describe('webhooks.Receiver', () => {
  it('without a secret: every request is parsed', () => {
    const receiver = new webhooks.Receiver()
    assert.deepStrictEqual(receiver.receive(VCA_TEXT), voice.parseEvent(VCA_TEXT))
    assert.deepStrictEqual(receiver.receive(Buffer.from(VCA_TEXT), 'anything'), voice.parseEvent(VCA_TEXT))
    assert.deepStrictEqual(new webhooks.Receiver(null).receive(VCA, null), voice.parseEvent(VCA))
  })

  it('with a secret: 401 unless the Authorization header equals it', () => {
    const receiver = new webhooks.Receiver('Bearer s3cret')
    for (const header of [undefined, null, '', 'Bearer s3cre', 'Bearer s3cret ', 'bearer s3cret']) {
      const answer = receiver.receive(VCA_TEXT, header)
      assert.ok(answer instanceof webhooks.Answer, String(header))
      assert.deepEqual([answer.status, answer.headers, answer.body], [401, JSON_HEADERS, UNAUTHORIZED])
    }
    assert.equal(receiver.receive(VCA_TEXT, 'Bearer s3cret').dtmf, '2')
  })

  it('a body that is not an 8x8 webhook: 400 with the error code and the message', () => {
    const receiver = new webhooks.Receiver()
    const cases = [
      ['not json', 'invalid-json'],
      ['[1]', 'not-an-object'],
      [{ payload: {} }, 'missing-event-type'],
      [{ eventType: 'SESSION_SUMMARY', payload: [] }, 'missing-payload'],
      [nested(1000, (inner) => ({ inner })), 'too-deep'],
    ]
    for (const [body, code] of cases) {
      const answer = receiver.receive(body)
      assert.ok(answer instanceof webhooks.Answer)
      assert.equal(answer.status, 400)
      assert.deepEqual(answer.headers, JSON_HEADERS)
      let thrown
      assert.throws(() => voice.parseEvent(body), (err) => (thrown = err) instanceof EventError)
      assert.deepEqual(JSON.parse(answer.body), { error: code, message: thrown.message })
    }
  })

  it('answer(): the reply as 200, {} without one', () => {
    const reply = voice.Reply.builder().hangup().build()
    for (const [input, body] of [
      [reply, HANG_UP],
      [{ callflow: [{ action: 'hangup' }] }, HANG_UP],
      [{ toJSON: () => ({ clientActionId: 'x', callflow: [{ action: 'hangup' }] }) }, `{"clientActionId":"x",${HANG_UP.slice(1)}`],
      [null, '{}'],
      [undefined, '{}'],
    ]) {
      const answer = webhooks.Receiver.answer(input)
      assert.ok(answer instanceof webhooks.Answer)
      assert.deepEqual([answer.status, answer.headers, answer.body], [200, JSON_HEADERS, body])
    }
    assert.equal(webhooks.Receiver.answer().body, '{}')
  })

  it('a body just over the limit: 413 before the secret is checked, and checkSize for streams', () => {
    const limit = 1024 * 1024
    const receiver = new webhooks.Receiver('s3cret')
    assert.equal(receiver.limit, limit)
    assert.equal(receiver.receive(VCA_TEXT.padEnd(limit), 's3cret').dtmf, '2')
    for (const body of [VCA_TEXT.padEnd(limit + 1), Buffer.from(VCA_TEXT.padEnd(limit + 1))]) {
      for (const header of ['s3cret', undefined]) {
        const answer = receiver.receive(body, header)
        assert.ok(answer instanceof webhooks.Answer)
        assert.deepEqual([answer.status, answer.headers], [413, JSON_HEADERS])
        assert.deepEqual(JSON.parse(answer.body), {
          error: 'body-too-large',
          message: `the webhook body is larger than ${limit} bytes`,
        })
      }
    }
    assert.equal(receiver.checkSize(limit), null)
    assert.equal(receiver.checkSize(limit + 1).status, 413)
    const small = new webhooks.Receiver(null, { limit: 8 })
    assert.equal(small.limit, 8)
    assert.equal(small.receive('"ééééé"').status, 413, 'a string is measured in UTF-8 bytes')
    assert.equal(small.receive(VCA).dtmf, '2', 'a parsed value has no size')
  })

  it('authorization(): the header found by the core, whatever the case of its name', () => {
    assert.equal(webhooks.Receiver.authorization([['Host', 'x'], ['AUTHORIZATION', 'k']]), 'k')
    assert.equal(webhooks.Receiver.authorization([['authorization', 'a'], ['Authorization', 'b']]), 'a, b')
    assert.equal(webhooks.Receiver.authorization([]), null)
  })

  it('answer(): an invalid reply throws ValidationError, under the reply profile', () => {
    const invalid = [
      [{ callflow: [] }, -1009],
      [{ validUntil: '2030-01-01T00:00:00.000Z', callflow: [{ action: 'hangup' }] }, -1009],
      ['{"callflow":[{"action":"hangup"}]}', -1001],
      [42, -1001],
    ]
    for (const [reply, statusCode] of invalid) {
      assert.throws(
        () => webhooks.Receiver.answer(reply),
        (err) => err instanceof ValidationError && err.statusCode === statusCode,
        JSON.stringify(reply),
      )
    }
    assert.throws(
      () => webhooks.Receiver.answer(invalid[1][0]),
      (err) => err.issues[0].hint === '"validUntil" is accepted in a request body',
    )
    const cyclic = { callflow: [] }
    cyclic.callflow.push(cyclic)
    assert.throws(() => webhooks.Receiver.answer(cyclic), (err) => err instanceof ValidationError && err.statusCode === -1001)
  })
})

describe('authenticity helpers', () => {
  it('authorizationMatches: equal strings only', () => {
    assert.equal(webhooks.authorizationMatches('Bearer abc', 'Bearer abc'), true)
    assert.equal(webhooks.authorizationMatches('Bearer abc', 'Bearer abd'), false)
    assert.equal(webhooks.authorizationMatches('Bearer abc', 'Bearer abcd'), false)
    assert.equal(webhooks.authorizationMatches('Bearer abc', 'bearer abc'), false)
    assert.equal(webhooks.authorizationMatches('Bearer abc'), false)
    assert.equal(webhooks.authorizationMatches('Bearer abc', null), false)
    assert.equal(webhooks.authorizationMatches('ünïcode', 'ünïcode'), true)
  })

  it('come from callflow-rs/webhooks only', () => {
    for (const name of ['authorizationMatches', 'isSourceAddress', 'SOURCE_ADDRESSES', 'Receiver', 'Answer']) {
      assert.equal(name in voice, false, `voice.${name}`)
      assert.notEqual(webhooks[name], undefined, name)
    }
  })

  it('SOURCE_ADDRESSES: a frozen list of the published addresses', () => {
    assert.deepEqual(webhooks.SOURCE_ADDRESSES, ['18.140.80.2', '52.220.253.234', '54.255.116.8', '52.74.232.241'])
    assert.ok(Object.isFrozen(webhooks.SOURCE_ADDRESSES))
    assert.throws(() => webhooks.SOURCE_ADDRESSES.push('10.0.0.1'), TypeError)
  })

  it('isSourceAddress: each published address, with a port or IPv4-mapped', () => {
    for (const address of webhooks.SOURCE_ADDRESSES) {
      assert.equal(webhooks.isSourceAddress(address), true)
      assert.equal(webhooks.isSourceAddress(`::ffff:${address}`), true)
      assert.equal(webhooks.isSourceAddress(`${address}:443`), true)
    }
    for (const address of ['10.0.0.1', '52.74.232.24', '', 'not an address', '::1', '52.74.232.241.1']) {
      assert.equal(webhooks.isSourceAddress(address), false, address)
    }
  })
})

describe('webhooks.handle', () => {
  const hangUp = () => voice.Reply.builder().hangup().build()

  it('calls onEvent with the event and answers its reply', async () => {
    let seen
    const answer = await webhooks.handle(VCA_TEXT, {}, (event) => {
      seen = event
      return hangUp()
    })
    assert.deepStrictEqual(seen, voice.parseEvent(VCA_TEXT))
    assert.deepStrictEqual(answer, { status: 200, headers: JSON_HEADERS, body: HANG_UP })
  })

  it('takes text, bytes, an ArrayBuffer or an object, and a sync or async onEvent returning any reply form', async () => {
    const results = [
      hangUp,
      async () => hangUp(),
      () => ({ callflow: [{ action: 'hangup' }] }),
      async () => ({ callflow: [{ action: 'hangup' }] }),
    ]
    const arrayBuffer = new TextEncoder().encode(VCA_TEXT).buffer
    for (const body of [VCA_TEXT, Buffer.from(VCA_TEXT), arrayBuffer, VCA]) {
      for (const onEvent of results) {
        assert.equal((await webhooks.handle(body, undefined, onEvent)).body, HANG_UP)
      }
    }
    for (const onEvent of [() => null, () => undefined, () => {}, async () => null]) {
      assert.deepStrictEqual(await webhooks.handle(VCA, null, onEvent), { status: 200, headers: JSON_HEADERS, body: '{}' })
    }
  })

  it('finds the Authorization header in any case, in a list, or in a fetch Headers', async () => {
    const options = { secret: 's3cret' }
    const accepted = [
      { authorization: 's3cret' },
      { Authorization: 's3cret' },
      { AUTHORIZATION: ['s3cret'], host: 'example.com' },
      new Headers({ Authorization: 's3cret' }),
    ]
    for (const headers of accepted) {
      assert.equal((await webhooks.handle(VCA, headers, hangUp, options)).status, 200)
    }
    const refused = [{}, null, { authorization: ['s3cret', 's3cret'] }, { authorization: 'S3CRET' }, { 'x-authorization': 's3cret' }, new Headers()]
    for (const headers of refused) {
      let called = false
      const answer = await webhooks.handle(VCA, headers, () => { called = true }, options)
      assert.deepStrictEqual(answer, { status: 401, headers: JSON_HEADERS, body: UNAUTHORIZED })
      assert.equal(called, false)
    }
  })

  it('reads the Authorization header among many, and only that one', async () => {
    const others = { host: 'example.com', 'content-type': 'application/json', 'content-length': '707', 'x-forwarded-for': '52.74.232.241' }
    const status = async (headers, secret = 's3cret') => (await webhooks.handle(VCA, headers, () => null, { secret })).status
    assert.equal(await status({ ...others, AuThOrIzAtIoN: 's3cret' }), 200)
    assert.equal(await status({ ...others, authorisation: 's3cret' }), 401)
    assert.equal(await status({ ...others, authorization: 'a', Authorization: ['b'] }, 'a, b'), 200)
    assert.equal(await status(new Headers({ ...others, authorization: 's3cret' })), 200)
    assert.equal(await status([['Authorization', 's3cret'], ['host', 'a']]), 200)
    assert.equal(await status([['authorisation', 's3cret']]), 401)
  })

  it('answers 413 to a body over the limit without calling onEvent', async () => {
    let called = false
    const body = Buffer.from(VCA_TEXT.padEnd(1024 * 1024 + 1))
    const answer = await webhooks.handle(body, {}, () => { called = true })
    assert.deepEqual([answer.status, JSON.parse(answer.body).error, called], [413, 'body-too-large', false])
    const small = await webhooks.handle(VCA_TEXT, {}, () => { called = true }, { limit: VCA_TEXT.length - 1 })
    assert.deepEqual([small.status, called], [413, false])
    assert.equal((await webhooks.handle(VCA_TEXT, {}, () => null, { limit: VCA_TEXT.length })).status, 200)
  })

  it('answers 400 to a body that is not an 8x8 webhook, without calling onEvent', async () => {
    let called = false
    const answer = await webhooks.handle('<xml/>', {}, () => { called = true })
    assert.equal(answer.status, 400)
    assert.equal(JSON.parse(answer.body).error, 'invalid-json')
    assert.equal(called, false)
  })

  it('rejects with what onEvent throws, and with ValidationError for an invalid reply', async () => {
    const boom = new Error('boom')
    await assert.rejects(webhooks.handle(VCA, {}, () => { throw boom }), (err) => err === boom)
    await assert.rejects(webhooks.handle(VCA, {}, async () => { throw boom }), (err) => err === boom)
    await assert.rejects(
      webhooks.handle(VCA, {}, () => ({ callflow: [{ action: 'sayy' }] })),
      (err) => err instanceof ValidationError && err.issues[0].hint === 'did you mean "say"?',
    )
    await assert.rejects(webhooks.handle(VCA, {}, () => 'hangup'), ValidationError)
    await assert.rejects(webhooks.handle(VCA, {}, 'not a function'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
    assert.throws(() => webhooks.express(null), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  })

  it('answers with the body Receiver.answer gives, for every form of reply', async () => {
    const say = { voiceProfile: 'en-US-BenjaminRUS', text: 'Hi' }
    const replies = [
      null,
      undefined,
      hangUp(),
      voice.Reply.fromJson('{"callflow":[{"action":"hangup"}],"clientActionId":"x"}'),
      voice.Reply.builder({ clientActionId: 'menu' }).say(say).hangup().build(),
      new voice.Reply([new voice.Say(say)], { clientActionId: 'menu' }),
      { callflow: [{ action: 'say', params: say }] },
      { callflow: [{ params: { text: 'Hi', voiceProfile: 'en-US-BenjaminRUS' }, action: 'say' }], clientActionId: 'menu' },
      { toJSON: () => ({ callflow: [{ action: 'hangup' }] }) },
    ]
    for (const reply of replies) {
      const answer = await webhooks.handle(VCA_TEXT, {}, () => reply)
      const expected = webhooks.Receiver.answer(reply)
      assert.deepStrictEqual(answer, { status: expected.status, headers: expected.headers, body: expected.body })
    }
    const cyclic = { callflow: [] }
    cyclic.callflow.push(cyclic)
    const invalid = [
      cyclic,
      () => null,
      'hangup',
      42,
      [],
      { callflow: [{ action: 'hangUp' }] },
      { clientActionId: null, callflow: [{ action: 'say', params: null }] },
      { callflow: [{ action: 'say', params: { text: 1n } }] },
    ]
    for (const reply of invalid) {
      let expected
      try {
        webhooks.Receiver.answer(reply)
      } catch (err) {
        expected = err
      }
      await assert.rejects(webhooks.handle(VCA_TEXT, {}, () => reply), (err) => {
        assert.equal(err.constructor, expected.constructor)
        assert.equal(err.message, expected.message)
        assert.deepStrictEqual(err.issues, expected.issues)
        return true
      })
    }
  })

  it('checks each call with its own secret and limit', async () => {
    const withSecret = (secret) => webhooks.handle(VCA_TEXT, { authorization: 'a' }, () => null, { secret })
    assert.equal((await withSecret('a')).status, 200)
    assert.equal((await withSecret('b')).status, 401)
    assert.equal((await withSecret(undefined)).status, 200)
    assert.equal((await withSecret('')).status, 401)
    assert.equal((await withSecret(null)).status, 200)
    const withLimit = (limit) => webhooks.handle(VCA_TEXT, {}, () => null, { limit })
    assert.equal((await withLimit(VCA_TEXT.length - 1)).status, 413)
    assert.equal((await withLimit(undefined)).status, 200)
    assert.equal((await withLimit(VCA_TEXT.length - 1)).status, 413)
    assert.equal((await withLimit(VCA_TEXT.length)).status, 200)
    await assert.rejects(webhooks.handle(VCA_TEXT, {}, () => null, { secret: 42 }), /String/)
    await assert.rejects(webhooks.handle(VCA_TEXT, {}, () => null, null), TypeError)
  })

  it('gives a fresh headers object with every answer', async () => {
    const first = await webhooks.handle(VCA_TEXT, {}, () => null)
    first.headers['x-changed'] = 'yes'
    assert.deepStrictEqual((await webhooks.handle(VCA_TEXT, {}, () => null)).headers, JSON_HEADERS)
  })

  it('is importable as callflow-rs/webhooks, in CommonJS and as an ES module', async () => {
    assert.equal(require('callflow-rs/webhooks'), webhooks)
    const esm = await import('callflow-rs/webhooks')
    assert.equal(esm.handle, webhooks.handle)
    assert.equal(esm.express, webhooks.express)
  })
})

describe('webhooks.express', () => {
  const onEvent = (event) => (event.dtmf === '2' ? voice.Reply.builder().hangup().build() : null)
  const failures = []
  let base
  let server

  before(async () => {
    const app = expressApp()
    app.post('/raw', expressApp.raw({ type: '*/*' }), webhooks.express(onEvent))
    app.post('/json', expressApp.json(), webhooks.express(onEvent))
    app.post('/text', expressApp.text({ type: '*/*' }), webhooks.express(onEvent))
    app.post('/none', webhooks.express(onEvent))
    app.post('/secret', webhooks.express(onEvent, { secret: 's3cret' }))
    app.post('/small', webhooks.express(onEvent, { limit: 64 }))
    app.post('/throws', webhooks.express(() => { throw new Error('handler failed') }))
    app.post('/invalid', webhooks.express(() => ({ callflow: [] })))
    app.use((err, req, res, next) => {
      failures.push(err)
      res.status(err.status ?? 500).json({ failed: err.message })
    })
    server = app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    base = `http://127.0.0.1:${server.address().port}`
  })
  after(() => new Promise((resolve) => server.close(resolve)))

  async function post(route, body, headers = JSON_HEADERS) {
    const response = await fetch(base + route, { method: 'POST', headers, body })
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
  }

  it('answers with express.raw(), express.json(), express.text() or no body parser', async () => {
    for (const route of ['/raw', '/json', '/text', '/none']) {
      assert.deepEqual(await post(route, VCA_TEXT), { status: 200, type: 'application/json', body: HANG_UP }, route)
      const other = JSON.stringify({ ...VCA, payload: { dtmf: '9' } })
      assert.deepEqual(await post(route, other), { status: 200, type: 'application/json', body: '{}' }, route)
    }
  })

  it('reads the stream itself when no parser took the body (another content type)', async () => {
    for (const route of ['/json', '/none']) {
      const answer = await post(route, VCA_TEXT, { 'content-type': 'text/plain' })
      assert.equal(answer.body, HANG_UP, route)
    }
  })

  it('answers 400 to a body that is not JSON, and 401 to a wrong secret', async () => {
    for (const route of ['/raw', '/text', '/none']) {
      const answer = await post(route, 'eventType=CALL_ACTION', { 'content-type': 'application/x-www-form-urlencoded' })
      assert.equal(answer.status, 400, route)
      assert.equal(JSON.parse(answer.body).error, 'invalid-json')
    }
    assert.equal((await post('/none', '')).status, 400)
    assert.equal((await post('/secret', VCA_TEXT)).body, UNAUTHORIZED)
    assert.equal((await post('/secret', VCA_TEXT, { ...JSON_HEADERS, authorization: 'wrong' })).status, 401)
    assert.equal((await post('/secret', VCA_TEXT, { ...JSON_HEADERS, authorization: 's3cret' })).body, HANG_UP)
  })

  it('passes errors to next: those of onEvent and an invalid reply', async () => {
    failures.length = 0
    assert.deepEqual(await post('/throws', VCA_TEXT), {
      status: 500,
      type: 'application/json; charset=utf-8',
      body: '{"failed":"handler failed"}',
    })
    assert.equal((await post('/invalid', VCA_TEXT)).status, 500)
    assert.ok(failures[1] instanceof ValidationError)
  })

  it('answers 413 to a stream just over the limit, and reads one at the limit', async () => {
    failures.length = 0
    const tooLarge = await post('/small', '{"eventType":"X"}'.padEnd(65))
    assert.deepEqual(tooLarge, {
      status: 413,
      type: 'application/json',
      body: '{"error":"body-too-large","message":"the webhook body is larger than 64 bytes"}',
    })
    assert.equal((await post('/small', '{"eventType":"X"}'.padEnd(64))).status, 200)
    assert.deepEqual(failures, [])
  })

  it('works as a plain Node http handler too', async () => {
    const handler = webhooks.express(onEvent)
    const plain = http.createServer((req, res) => handler(req, res, (err) => res.writeHead(500).end(String(err))))
    plain.listen(0, '127.0.0.1')
    await once(plain, 'listening')
    try {
      const response = await fetch(`http://127.0.0.1:${plain.address().port}/`, { method: 'POST', body: VCA_TEXT })
      assert.equal(response.status, 200)
      assert.equal(await response.text(), HANG_UP)
    } finally {
      await new Promise((resolve) => plain.close(resolve))
    }
  })
})
