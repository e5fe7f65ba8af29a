'use strict'
// Runs every shared webhook vector in tests/fixtures/webhooks/ (see the README there): a
// `document` case as a JavaScript value, as JSON text and as UTF-8 bytes; a `body` case
// as text and as bytes; a `bodyHex` case as bytes. `voice.parseEvent` must give exactly
// the expected event, or throw EventError with the expected reason and message.
// Every case of tests/fixtures/receiving/ gives the expected answer from a
// `webhooks.Receiver`, or the expected source-address test.

const assert = require('node:assert/strict')

const { voice, EventError } = require('..')
const webhooks = require('../webhooks')
const { describeVectors } = require('./fixtures')

function inputs(testCase) {
  if ('bodyHex' in testCase) {
    return { bytes: Buffer.from(testCase.bodyHex, 'hex') }
  }
  if ('body' in testCase) {
    return { text: testCase.body, bytes: Buffer.from(testCase.body) }
  }
  const text = JSON.stringify(testCase.document)
  // A string argument is JSON text, so a document that is a JSON string goes in as a
  // String object, which JSON.stringify writes as that string.
  const value = typeof testCase.document === 'string' ? new String(testCase.document) : testCase.document
  return { value, text, bytes: Buffer.from(text) }
}

function outcome(input) {
  try {
    return { event: voice.parseEvent(input) }
  } catch (err) {
    assert.ok(err instanceof EventError, `not a EventError: ${err}`)
    return { error: { code: err.code, message: err.message } }
  }
}

describeVectors('webhooks', { files: 3, cases: 70 }, (testCase) => {
  for (const [kind, input] of Object.entries(inputs(testCase))) {
    assert.deepStrictEqual(outcome(input), testCase.expect, `as ${kind}`)
  }
})

function received(testCase, body) {
  const result = new webhooks.Receiver(testCase.secret).receive(body, testCase.authorization)
  if (result instanceof webhooks.Answer) {
    return { status: result.status, body: JSON.parse(result.body) }
  }
  return { eventType: result.eventType }
}

describeVectors('receiving', { files: 1, cases: 20 }, (testCase) => {
  if ('address' in testCase) {
    assert.deepStrictEqual({ sourceAddress: webhooks.isSourceAddress(testCase.address) }, testCase.expect)
    return
  }
  for (const [kind, body] of Object.entries({ text: testCase.body, bytes: Buffer.from(testCase.body) })) {
    assert.deepStrictEqual(received(testCase, body), testCase.expect, `as ${kind}`)
  }
})
