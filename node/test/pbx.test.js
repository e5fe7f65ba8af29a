'use strict'
// The Node surface of pbx and diagram: builders, the model's getters, errors, hostile
// input.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { it } = require('node:test')

const { ValidationError, diagram, pbx, voice } = require('..')

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'pbx', 'call-pete.json'), 'utf8')

it('builds a clean call flow with the builders', () => {
  const flow = new pbx.CallFlow(501, 'Call Pete', { showCallRouteName: true })
    .withModule('start', pbx.Module.start('menu'))
    .withModule(
      'menu',
      pbx.Module.pressExtension().withBranch('1', 'pete').withBranch('invalid', 'sorry').withBranch('timeout', 'vm'),
    )
    .withModule('sorry', pbx.Module.play('sound-1').withNext('menu'))
    .withModule(
      'pete',
      pbx.Module.extension([
        { type: 'sipuser', uuid: 'u1' },
        { type: 'forward', number: '+447700900123' },
      ]).withOutcome('noanswer', 'vm'),
    )
    .withModule('vm', pbx.Module.voicemail(['mb-1']))
  assert.deepEqual(flow.check().issues, [])
  assert.equal(flow.extension, 501)
  assert.equal(flow.name, 'Call Pete')
  assert.equal(flow.showCallRouteName, true)
  assert.equal(flow.showOriginalCallerId, null)
  assert.deepEqual(flow.keys, ['start', 'menu', 'sorry', 'pete', 'vm'])
  assert.deepEqual(flow.module('pete').get('extensions')[1], { type: 'forward', number: '+447700900123' })
  assert.equal(flow.module('nothing'), null)
  assert.equal(pbx.CallFlow.fromJson(flow.toJson()).toJson(), flow.toJson())
  assert.equal(JSON.stringify(flow), flow.toJson())
})

it('reads the seed with its read-only fields', () => {
  const flow = pbx.CallFlow.fromJson(Buffer.from(SEED))
  assert.equal(flow.uuid, '31347d42-00bd-44a5-9b5c-20dc4197a2f6')
  assert.equal(flow.createdOn, '2023-06-07')
  assert.equal(flow.updatedOn, '2023-06-07')
  assert.deepEqual(flow.keys.map((key) => flow.module(key).kind), ['start', 'pressextension', 'extension'])
  assert.deepEqual(flow.toJSON(), JSON.parse(SEED))
  const report = flow.check()
  assert.equal(report.ok, true)
  assert.equal(report.statusCode, null)
  assert.deepEqual(report.issues.map((issue) => issue.code), ['missing-outcome'])
})

it('keeps module names and unknown members, and checks strictly on request', () => {
  const trunk = new pbx.Module('Trunk', { uuid: 't1', note: { kept: [1, 2] } })
  assert.equal(trunk.name, 'Trunk')
  assert.equal(trunk.kind, 'trunk')
  assert.deepEqual(trunk.toJSON(), { module: 'Trunk', uuid: 't1', note: { kept: [1, 2] } })
  const queue = new pbx.Module('callqueue').withField('answer', 'vm')
  assert.equal(queue.kind, null)
  assert.equal(queue.get('answer'), 'vm')
  assert.equal(queue.get('nothing'), null)
  const flow = new pbx.CallFlow(1, 'q')
    .withModule('s', pbx.Module.start('q'))
    .withModule('q', queue)
    .withModule('vm', pbx.Module.voicemail(['m']))
  assert.equal(flow.check().ok, true)
  assert.equal(flow.check({ strict: true }).statusCode, 'unknown-module')
})

it('throws ValidationError for what is not a call flow', () => {
  assert.throws(
    () => pbx.CallFlow.fromJson({ extension: 1, name: 'x', flow: { a: 5 } }),
    (err) => err instanceof ValidationError && err.statusCode === 'invalid-structure' && err.issues[0].path === '$.flow.a',
  )
  assert.throws(() => pbx.Module.extension([{ type: 'phone' }]), TypeError)
  assert.throws(() => new pbx.Module('play', 5), TypeError)
})

it('answers hostile input with a report', () => {
  let deep = {}
  for (let i = 0; i < 200; i += 1) deep = { flow: deep }
  assert.match(pbx.check(deep).issues[0].message, /recursion limit exceeded/)
  const cycle = []
  cycle.push(cycle)
  assert.equal(pbx.check({ flow: cycle }).statusCode, 'invalid-structure')
  assert.equal(pbx.check(Buffer.from([0xff, 0xfe])).statusCode, 'invalid-structure')
  assert.equal(pbx.check('['.repeat(100000)).statusCode, 'invalid-structure')
  assert.equal(pbx.check(undefined).statusCode, 'invalid-structure')
  assert.throws(() => pbx.check({ flow: 1n }), TypeError)
  assert.equal(typeof voice.validate('{}').statusCode, 'number')
})

it('renders both platforms in every format', () => {
  assert.match(diagram.render(SEED), /^flowchart TD\n/)
  assert.match(diagram.render(SEED, { format: 'dot' }), /^digraph callflow \{\n/)
  assert.match(diagram.render(JSON.parse(SEED), { format: 'svg' }), /^<svg /)
  const reply = { callflow: [{ action: 'say', params: { text: 'Hi' } }, { action: 'hangup' }] }
  assert.ok(diagram.render(reply).includes('[["hangup"]]'))
  assert.throws(() => diagram.render({ hello: 1 }), /not a call flow/)
  assert.throws(() => diagram.render(SEED, { format: 'png' }), TypeError)
})
