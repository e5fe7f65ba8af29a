'use strict'
// Compares callflow with ajv and zod on the seed IVR request, in one run, and prints
// ratios (callflow's time / the other's; below 1 is faster). Build the addon in release
// mode first: `npm run build`.

const fs = require('node:fs')
const path = require('node:path')
const Ajv2020 = require('ajv/dist/2020')

const { voice } = require('..')
const { jsonSchema, zodSchema } = require('./schemas')

const SEED = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'bench', 'seed-ivr-request.json')
const text = fs.readFileSync(SEED, 'utf8')
const object = JSON.parse(text)
const REQUEST = { profile: 'request' }

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
const ajvValidate = ajv.compile(jsonSchema)

/** Nanoseconds per call: the median of several timed batches, after a warm-up. */
function measure(fn) {
  const batch = 20_000
  for (let i = 0; i < batch; i += 1) fn()
  const samples = []
  for (let round = 0; round < 15; round += 1) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < batch; i += 1) fn()
    samples.push(Number(process.hrtime.bigint() - start) / batch)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

function check(label, ok) {
  if (!ok) throw new Error(`${label} does not accept the seed request`)
}
check('callflow (text)', voice.validate(text, REQUEST).ok)
check('callflow (object)', voice.validate(object, REQUEST).ok)
check('ajv', ajvValidate(JSON.parse(text)))
check('zod', zodSchema.safeParse(object).success)

const CALL = { source: '+6512341234', destination: '+6512345678' }
const SAY = { text: 'Hello, this is a test Voice Message.', voiceProfile: 'en-IE-EmilyNeural', repetition: 2 }

const rows = [
  ['validate(jsonString)', () => voice.validate(text, REQUEST), 'ajvValidate(JSON.parse(jsonString))', () => ajvValidate(JSON.parse(text)), 0.7],
  ['validate(object)', () => voice.validate(object, REQUEST), 'zod parse(object)', () => zodSchema.parse(object), 1],
  ['validate(JSON.stringify(object))', () => voice.validate(JSON.stringify(object), REQUEST), 'zod parse(object)', () => zodSchema.parse(object), 1],
  [
    'build 3 actions + JSON.stringify',
    () => JSON.stringify(voice.request().makeCall(CALL).say(SAY).hangup().build()),
    'plain object + JSON.stringify',
    () => JSON.stringify({ callflow: [{ action: 'makeCall', params: { ...CALL } }, { action: 'say', params: { ...SAY } }, { action: 'hangup' }] }),
    null,
  ],
  [
    'build 3 actions + toJson()',
    () => voice.request().makeCall(CALL).say(SAY).hangup().build().toJson(),
    'plain object + JSON.stringify',
    () => JSON.stringify({ callflow: [{ action: 'makeCall', params: { ...CALL } }, { action: 'say', params: { ...SAY } }, { action: 'hangup' }] }),
    null,
  ],
]

console.log(`seed IVR request: ${Buffer.byteLength(text)} bytes; node ${process.version}`)
console.log('| callflow | ns | other | ns | ratio | goal |')
console.log('| --- | ---: | --- | ---: | ---: | --- |')
for (const [name, fn, otherName, otherFn, goal] of rows) {
  const ours = measure(fn)
  const theirs = measure(otherFn)
  const ratio = ours / theirs
  const verdict = goal === null ? 'reported' : ratio <= goal ? `<= ${goal}: met` : `<= ${goal}: NOT met`
  console.log(`| ${name} | ${ours.toFixed(0)} | ${otherName} | ${theirs.toFixed(0)} | ${ratio.toFixed(2)} | ${verdict} |`)
}
