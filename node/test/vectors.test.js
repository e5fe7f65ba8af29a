'use strict'
// Runs every shared vector in tests/fixtures/voice/ (see its README): a `document` case
// as a JavaScript object, as JSON text and as UTF-8 bytes; a `body` case as text and as
// bytes. Each report must match the expected one exactly, issue by issue, in order.

const assert = require('node:assert/strict')

const { voice } = require('..')
const { describeVectors, inputs } = require('./fixtures')

const DEFAULT_NOW = '2024-07-01T00:00:00.000Z'

describeVectors('voice', { files: 10, cases: 300 }, (testCase) => {
  const options = { profile: testCase.profile, now: new Date(testCase.now ?? DEFAULT_NOW) }
  for (const [kind, input] of Object.entries(inputs(testCase))) {
    const report = voice.validate(input, options)
    assert.deepEqual({ statusCode: report.statusCode, issues: report.issues }, testCase.expect, `as ${kind}`)
    assert.equal(report.ok, !report.issues.some((issue) => issue.severity === 'error'))
    assert.equal('omitted' in report, false)
  }
})
