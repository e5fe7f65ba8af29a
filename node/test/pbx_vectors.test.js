'use strict'
// Runs every shared vector in tests/fixtures/pbx/ (see its README): a `document` case
// as a JavaScript object, as JSON text and as UTF-8 bytes; a `body` case as text and as
// bytes. Each report must match the expected one exactly, issue by issue, in order.
// Every document the model can hold also reads into a `pbx.CallFlow` that writes back
// the same JSON and reports the same issues. The golden diagrams render exactly.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { describe, it } = require('node:test')

const { ValidationError, diagram, pbx } = require('..')

const { ROOT, inputs, vectorGroups } = require('./fixtures.js')

const DIAGRAMS = path.join(ROOT, 'tests', 'fixtures', 'diagram')

function expected(testCase) {
  return { omitted: 0, ...testCase.expect }
}

// A vector's statusCode is the report's JSON form (`Report::wire_status()`): `1` for a
// valid flow, whose `statusCode` is `null` (Yay.com answers no status code).
function actual(report) {
  return { statusCode: report.statusCode ?? 1, issues: report.issues, omitted: report.omitted ?? 0 }
}

let total = 0
const codes = new Set()
for (const { file, group } of vectorGroups('pbx')) {
  describe(`${file}: ${group.description}`, () => {
    for (const testCase of group.cases) {
      total += 1
      for (const issue of testCase.expect.issues) codes.add(issue.code)
      it(testCase.name, () => {
        const options = { strict: testCase.options?.strict ?? false }
        for (const [kind, input] of Object.entries(inputs(testCase))) {
          const report = pbx.check(input, options)
          assert.deepEqual(actual(report), expected(testCase), `as ${kind}`)
          assert.equal(report.ok, !report.issues.some((issue) => issue.severity === 'error'))
        }
        if ('document' in testCase) {
          let flow
          try {
            flow = pbx.CallFlow.fromJson(testCase.document)
          } catch (err) {
            assert.ok(err instanceof ValidationError)
            return
          }
          assert.equal(flow.toJson(), JSON.stringify(testCase.document))
          assert.deepEqual(actual(flow.check(options)), expected(testCase))
        }
      })
    }
  })
}

it('reads every vector file, with a case for every code', () => {
  assert.ok(total >= 60, `${total} cases`)
  assert.equal(codes.size, 19)
})

describe('golden diagrams', () => {
  for (const name of ['call-pete', 'support-line', 'restaurant-ivr', 'simple-ivr']) {
    for (const [format, extension] of [['mermaid', 'mmd'], ['dot', 'dot'], ['svg', 'svg']]) {
      it(`${name}.${extension}`, () => {
        let source = path.join(DIAGRAMS, `${name}.json`)
        if (!fs.existsSync(source)) source = path.join(ROOT, 'examples', 'pbx', `${name}.json`)
        const golden = fs.readFileSync(path.join(DIAGRAMS, `${name}.${extension}`), 'utf8')
        assert.equal(diagram.render(fs.readFileSync(source), { format }), golden)
      })
    }
  }
})
