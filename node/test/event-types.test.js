'use strict'
// The TypeScript interfaces of the events (index.d.ts) name exactly the fields that
// voice.parseEvent gives, for every kind of event and every nested object, as the
// TypeScript compiler reads the declarations.

const assert = require('node:assert/strict')
const path = require('node:path')
const { it } = require('node:test')
const ts = require('typescript')

const { voice } = require('..')
const { readVectors } = require('./fixtures')

function declaredFields() {
  const file = path.join(__dirname, '..', 'index.d.ts')
  const program = ts.createProgram([file], { strict: true, noEmit: true })
  const checker = program.getTypeChecker()
  const exported = (symbol) => new Map(checker.getExportsOfModule(symbol).map((member) => [member.name, member]))
  const namespace = exported(checker.getSymbolAtLocation(program.getSourceFile(file))).get('voice')
  const members = exported(namespace)
  return (name) => {
    assert.ok(members.has(name), `voice.${name} is declared`)
    const type = checker.getDeclaredTypeOfSymbol(members.get(name))
    return checker.getPropertiesOfType(type).map((property) => property.name).sort()
  }
}

const EVENT_INTERFACES = {
  CALL_ACTION: 'CallActionEvent',
  CALL_STATUS: 'CallStatusEvent',
  SESSION_SUMMARY: 'SessionSummaryEvent',
  CALL_RECORDING_STATUS: 'RecordingStatusEvent',
  VIRTUAL_NUMBER_UPDATE: 'VirtualNumberUpdateEvent',
}

it('every event and nested object has the fields its interface declares', () => {
  const fieldsOf = declaredFields()
  const keys = (value) => Object.keys(value).sort()
  const seen = new Set()
  const check = (value, name) => {
    assert.deepEqual(keys(value), fieldsOf(name), name)
    seen.add(name)
  }
  for (const { document } of readVectors('webhooks', 'documented.json').cases) {
    const event = voice.parseEvent(document)
    check(event, EVENT_INTERFACES[event.eventType])
    for (const leg of event.legs ?? []) {
      check(leg, 'CallLeg')
      if (leg.callQuality !== null) {
        check(leg.callQuality, 'CallQuality')
      }
    }
    if (event.errorDetails) {
      check(event.errorDetails, 'SessionError')
    }
    for (const number of event.virtualNumbers ?? []) {
      check(number, 'VirtualNumber')
    }
  }
  check(voice.parseEvent({ eventType: 'CALL_PARKED' }), 'UnknownVoiceEvent')
  const nested = ['CallLeg', 'CallQuality', 'SessionError', 'VirtualNumber', 'UnknownVoiceEvent']
  assert.deepEqual([...seen].sort(), [...Object.values(EVENT_INTERFACES), ...nested].sort())
})
