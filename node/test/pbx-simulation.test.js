'use strict'
// Runs every shared vector in tests/fixtures/pbx-simulation/ (see its README) through
// `pbx.simulate` and `pbx.explore`, with the flow as an object and as JSON text and the
// call as an object and as bytes: the transcript must equal the expected one exactly, as
// in Rust and Python. Also a `pbx.CallFlow`, a finding's call that reproduces it, and
// input that cannot be read.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { describe, it } = require('node:test')

const { EmulatorError, ValidationError, pbx } = require('..')

const { ROOT, vectorGroups } = require('./fixtures.js')

const PETE = fs.readFileSync(path.join(ROOT, 'examples', 'pbx', 'call-pete.json'), 'utf8')

function run(testCase, flow, call) {
  const run = testCase.explore ? pbx.explore : pbx.simulate
  return run(flow, call, testCase.options)
}

const groups = vectorGroups('pbx-simulation')

it('has at least 40 vectors', () => {
  const count = groups.reduce((sum, { group }) => sum + group.cases.length, 0)
  assert.ok(count >= 40, `${count} vectors`)
})

for (const { file, group } of groups) {
  describe(`pbx-simulation/${file}`, () => {
    for (const testCase of group.cases) {
      it(testCase.name, () => {
        assert.deepStrictEqual(run(testCase, testCase.flow, testCase.call), testCase.expected)
        const bytes = new TextEncoder().encode(JSON.stringify(testCase.call))
        assert.deepStrictEqual(run(testCase, JSON.stringify(testCase.flow), bytes), testCase.expected)
      })
    }
  })
}

describe('pbx.simulate and pbx.explore', () => {
  it('take a pbx.CallFlow', () => {
    const flow = pbx.CallFlow.fromJson(PETE)
    const call = pbx.simulate(flow, { script: [{ press: '1' }], rings: { '92b0aca6-12aa-480c-a7b7-a31df403418c': 'busy' } })
    assert.equal(call.ended.kind, 'dropped')
    assert.deepEqual(call.findings.map((finding) => finding.code), ['call-drops'])
    const explored = pbx.explore(flow)
    assert.equal(explored.coverage.share, 1)
    assert.equal(explored.findings[0].see.code, 'missing-outcome')
  })

  it("give a finding's call that reproduces it", () => {
    const finding = pbx.explore(PETE).findings[0]
    const again = pbx.simulate(PETE, finding.call)
    assert.deepEqual(again.findings.map((found) => found.code), [finding.code])
  })

  it('throw an EmulatorError naming the member of a call that cannot be read', () => {
    assert.throws(() => pbx.simulate(PETE, { caller: 44 }), {
      name: 'EmulatorError',
      code: 'invalid-call',
      message: 'caller: expected a phone number or "anonymous", found a number',
    })
    assert.throws(() => pbx.simulate(PETE, { rings: { sales: [] } }), {
      name: 'EmulatorError',
      code: 'invalid-call',
      message: 'rings.sales: expected at least one outcome',
    })
    assert.throws(() => pbx.explore(PETE, {}, { maxPaths: 0 }), {
      name: 'EmulatorError',
      code: 'invalid-options',
      message: 'options: maxPaths must be at least 1',
    })
  })

  it('refuse deep nesting and a flow that is not one, without crashing', () => {
    let deep = []
    for (let i = 0; i < 100000; i++) deep = [deep]
    assert.throws(() => pbx.simulate(PETE, { script: deep }), EmulatorError)
    assert.throws(() => pbx.simulate(PETE, '['.repeat(100000)), EmulatorError)
    assert.throws(() => pbx.simulate([]), ValidationError)
    assert.throws(() => pbx.simulate({ extension: 1, name: 'x', flow: { s: deep } }), ValidationError)
  })
})

describe('pbx.coverage', () => {
  it('shows what a set of scripted calls misses', () => {
    const none = pbx.coverage(PETE, [])
    assert.equal(none.used, 0)
    assert.equal(none.unused.length, none.edges)
    const pressed = pbx.coverage(PETE, [{ script: [{ press: '1' }] }, { script: ['silence'] }])
    assert.ok(pressed.used > 0 && pressed.used < pressed.edges)
    const everything = pbx.explore(PETE).paths.map((path) => path.call)
    assert.deepEqual(pbx.coverage(PETE, everything).unused, [])
    assert.deepEqual(pbx.coverage(PETE, JSON.stringify([{}])), pbx.coverage(PETE, [{}]))
    assert.throws(() => pbx.coverage(PETE, [{}, { caller: 44 }]), {
      name: 'EmulatorError',
      code: 'invalid-call',
      message: /^calls\[1\]: caller/,
    })
  })
})
