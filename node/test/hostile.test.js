'use strict'
// No input crashes the process: hostile values give a clear thrown error or an invalid
// report.

const assert = require('node:assert/strict')
const { describe, it } = require('node:test')

const { voice, ValidationError } = require('..')

const REPLY = { profile: 'reply' }
const HANGUP = { action: 'hangup' }

function nested(depth, leaf, wrap) {
  let value = leaf
  for (let i = 0; i < depth; i += 1) {
    value = wrap(value)
  }
  return value
}

/** What `build` throws. */
function invalidBuild(build) {
  try {
    build()
  } catch (err) {
    return err
  }
  return assert.fail('expected a throw')
}

describe('hostile values', () => {
  it('a getter that throws: its error propagates unchanged', () => {
    const boom = new Error('boom')
    const doc = {
      get callflow() {
        throw boom
      },
    }
    assert.throws(() => voice.validate(doc, REPLY), (err) => err === boom)
    const inArray = { callflow: [Object.defineProperty({}, 'action', { enumerable: true, get: () => { throw boom } })] }
    assert.throws(() => voice.validate(inArray, REPLY), (err) => err === boom)
  })

  it('a Proxy whose traps throw: the error propagates', () => {
    const doc = new Proxy({}, { ownKeys: () => { throw new RangeError('no keys') } })
    assert.throws(() => voice.validate(doc, REPLY), { name: 'RangeError', message: 'no keys' })
  })

  it('a cycle: nesting past 128 levels, reported as -1001', () => {
    const doc = { callflow: [] }
    doc.callflow.push(doc)
    const report = voice.validate(doc, REPLY)
    assert.equal(report.ok, false)
    assert.equal(report.statusCode, -1001)
    assert.match(report.issues[0].message, /nested deeper than 128 levels/)
  })

  it('100,000-deep nesting, as objects and as text: -1001', () => {
    const objects = nested(100_000, null, (inner) => ({ a: inner }))
    assert.equal(voice.validate(objects, REPLY).statusCode, -1001)
    const arrays = nested(100_000, null, (inner) => [inner])
    assert.equal(voice.validate({ callflow: arrays }, REPLY).statusCode, -1001)
    const text = '['.repeat(100_000) + ']'.repeat(100_000)
    assert.equal(voice.validate(text, REPLY).statusCode, -1001)
    assert.equal(voice.validate(Buffer.from('{"a":'.repeat(100_000)), REPLY).statusCode, -1001)
  })

  it('symbols, functions and undefined: left out as JSON.stringify does', () => {
    const doc = {
      callflow: [HANGUP, undefined, () => 1, Symbol('s')],
      clientActionId: undefined,
      extra: () => 1,
      [Symbol('key')]: 1,
    }
    const report = voice.validate(doc, REPLY)
    assert.deepEqual(report, voice.validate(JSON.stringify(doc), REPLY))
    assert.deepEqual(
      report.issues.map((issue) => issue.path),
      ['$.callflow[1]', '$.callflow[2]', '$.callflow[3]', '$.callflow[0]'],
    )
  })

  it('a BigInt: a thrown TypeError', () => {
    const doc = { callflow: [{ action: 'say', params: { text: 'Hi', voiceProfile: 'en-US-BenjaminRUS', repetition: 1n } }] }
    assert.throws(() => voice.validate(doc, REPLY), { name: 'TypeError', message: /BigInt/ })
    assert.throws(() => voice.validate(2n, REPLY), { name: 'TypeError' })
  })

  it('non-finite numbers: null, as JSON.stringify writes them', () => {
    const doc = { callflow: [{ action: 'say', params: { text: 'Hi', voiceProfile: 'en-US-BenjaminRUS', speed: NaN } }] }
    assert.deepEqual(voice.validate(doc, REPLY), voice.validate(JSON.stringify(doc), REPLY))
  })

  it('huge strings: a text of 32 MB and a 32 MB document', () => {
    const text = 'a'.repeat(32 * 1024 * 1024)
    const doc = { callflow: [{ action: 'say', params: { text, voiceProfile: 'en-US-BenjaminRUS' } }] }
    const report = voice.validate(doc, REPLY)
    assert.equal(report.statusCode, -1009)
    assert.match(report.issues[0].message, /must be at most 3000 characters long, found 33554432/)
    assert.deepEqual(voice.validate(JSON.stringify(doc), REPLY), report)
    assert.equal(voice.validate(text, REPLY).statusCode, -1001)
  })

  it('odd objects: read as JSON.stringify writes them (a Date through its toJSON)', () => {
    class Thing {
      constructor() {
        this.action = 'hangup'
      }
    }
    const doc = { callflow: [new Thing(), new Map([['a', 1]]), new Date(0)] }
    const report = voice.validate(doc, REPLY)
    assert.equal(report.statusCode, -1009)
    assert.deepEqual(
      report.issues.map((issue) => issue.path),
      ['$.callflow[1].action', '$.callflow[2]', '$.callflow[0]'],
    )
    assert.match(report.issues[1].message, /\$\.callflow\[2\]: expected an object, found string$/)
    assert.deepEqual(report, voice.validate(JSON.stringify(doc), REPLY))
  })

  it('lone surrogates and NUL in strings do not crash', () => {
    const doc = { callflow: [{ action: 'say', params: { text: 'a\ud800b\u0000', voiceProfile: 'en-US-BenjaminRUS' } }] }
    // JSON.stringify escapes a lone surrogate as \ud800, which JSON text cannot carry
    // into UTF-8: the object and its text get the same -1001 report.
    const report = voice.validate(doc, REPLY)
    assert.equal(report.statusCode, -1001)
    assert.deepEqual(report, voice.validate(JSON.stringify(doc), REPLY))
    const clean = { callflow: [{ action: 'say', params: { text: 'ab\u0000', voiceProfile: 'en-US-BenjaminRUS' } }] }
    assert.equal(voice.validate(clean, REPLY).statusCode, -1016)
  })

  it('text of every width reads as its UTF-8 bytes: accents, CJK, emoji, lone surrogates', () => {
    for (const text of ['é', '中文', '😀'.repeat(1500), 'a\ud800b', '\udc00'.repeat(3001)]) {
      const doc = JSON.stringify({ callflow: [{ action: 'say', params: { text, voiceProfile: 'en-US-BenjaminRUS' } }] })
      assert.deepEqual(voice.validate(doc, REPLY), voice.validate(Buffer.from(doc), REPLY), JSON.stringify(text.slice(0, 4)))
    }
    const raw = '{"callflow":[{"action":"say","params":{"text":"\ud83d","voiceProfile":"en-US-BenjaminRUS"}}]}'
    assert.deepEqual(voice.validate(raw, REPLY), voice.validate(Buffer.from(raw), REPLY))
  })

  it('hostile builder params throw cleanly', () => {
    const boom = new Error('boom')
    // An action copies its params when it is made: a getter that throws, throws there.
    const params = { voiceProfile: 'en-US-BenjaminRUS', get text() { throw boom } }
    assert.throws(() => voice.Reply.builder().say(params), (err) => err === boom)
    assert.throws(() => new voice.Say(params), (err) => err === boom)
    // The body is written with JSON.stringify on build(): what it throws, build() throws.
    assert.throws(() => voice.Reply.builder().say({ text: 1n, voiceProfile: 'x' }).build(), { name: 'TypeError', message: /BigInt/ })
    const cycle = { voiceProfile: 'x' }
    cycle.text = cycle
    assert.throws(() => voice.Reply.builder().say(cycle).build(), { name: 'TypeError', message: /circular/ })
    // JSON.stringify escapes a lone surrogate, which UTF-8 cannot hold: the -1001 that
    // validate reports for the same document.
    const surrogate = { text: 'a\ud800', voiceProfile: 'en-US-BenjaminRUS' }
    const err = invalidBuild(() => voice.Reply.builder().say(surrogate).build())
    assert.ok(err instanceof ValidationError)
    assert.deepEqual(err.issues, voice.validate({ callflow: [{ action: 'say', params: surrogate }] }, REPLY).issues)
    assert.equal(err.statusCode, -1001)
    // An own __proto__ key is a key as written, reported like any unknown one.
    const proto = invalidBuild(() => voice.Reply.builder().say(JSON.parse('{"text":"a","voiceProfile":"en-US-BenjaminRUS","__proto__":1}')).build())
    assert.deepEqual(proto.issues.map((issue) => issue.path), ['$.callflow[0].params.__proto__'])
    // A symbol, like undefined, has no JSON form: the param is missing.
    assert.throws(() => voice.Reply.builder().say({ text: Symbol('s'), voiceProfile: 'x' }).build(), ValidationError)
  })
})

describe('bounded reports', () => {
  it('list 1000 errors of one phase and count the rest in omitted', () => {
    const params = { text: 'Hello', voiceProfile: 'en-US-BenjaminRUS' }
    for (let i = 0; i < 1500; i += 1) {
      params[`unknown${i}`] = i
    }
    const doc = { callflow: [{ action: 'say', params }] }
    for (const input of [doc, JSON.stringify(doc)]) {
      const report = voice.validate(input, REPLY)
      assert.equal(report.statusCode, -1009)
      assert.equal(report.issues.length, 1000)
      assert.equal(report.omitted, 500)
      assert.deepEqual(Object.keys(report), ['ok', 'statusCode', 'issues', 'omitted'])
      assert.equal(report.issues[999].path, '$.callflow[0].params.unknown999')
    }
    const err = (() => {
      try {
        voice.Reply.fromJson(JSON.stringify(doc))
      } catch (thrown) {
        return thrown
      }
      return null
    })()
    assert.equal(err.issues.length, 1000)
    assert.equal(err.omitted, 500)
  })
})
