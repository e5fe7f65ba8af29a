'use strict'
// Runs every shared vector in tests/fixtures/voice/ (see its README): a `document` case
// as a JavaScript object, as JSON text and as UTF-8 bytes; a `body` case as text and as
// bytes. Each report must match the expected one exactly, issue by issue, in order.

const assert = require('node:assert/strict')
const { describe, it } = require('node:test')

const { voice } = require('..')
const { inputs, vectorGroups } = require('./fixtures.js')

const DEFAULT_NOW = '2024-07-01T00:00:00.000Z'

const groups = vectorGroups('voice')

let total = 0
for (const { file, group } of groups) {
  describe(`${file}: ${group.description}`, () => {
    for (const testCase of group.cases) {
      total += 1
      it(testCase.name, () => {
        const options = { profile: testCase.profile, now: new Date(testCase.now ?? DEFAULT_NOW) }
        for (const [kind, input] of Object.entries(inputs(testCase))) {
          const report = voice.validate(input, options)
          assert.deepEqual(
            { statusCode: report.statusCode, issues: report.issues },
            testCase.expect,
            `as ${kind}`,
          )
          assert.equal(report.ok, !report.issues.some((issue) => issue.severity === 'error'))
          assert.equal('omitted' in report, false)
        }
      })
    }
  })
}

it('reads every vector file', () => {
  assert.ok(groups.length >= 10, `${groups.length} files`)
  assert.ok(total >= 300, `${total} cases`)
})
