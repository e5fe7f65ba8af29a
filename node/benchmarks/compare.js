'use strict'
// Compares callflow with ajv and zod in one run, and prints ratios (callflow's time / the
// other's; below 1 is faster) with the goals of docs/PERFORMANCE.md. Each figure is the
// median of 41 timed batches of 5,000 calls, the two sides of a row taking turns batch
// by batch so that a slower moment of the machine weighs on both. Build the addon in
// release mode first: `npm run build` (scripts/bench-node.sh does both). An argument
// runs only the rows whose name contains it: `node benchmarks/compare.js webhooks.handle`.

const fs = require('node:fs')
const path = require('node:path')
const Ajv2020 = require('ajv/dist/2020')

const { voice } = require('..')
const webhooks = require('../webhooks')
const { jsonSchema, zodSchema, zodReply, zodCallAction } = require('./schemas')

const FIXTURES = path.join(__dirname, '..', '..', 'tests', 'fixtures')
const text = fs.readFileSync(path.join(FIXTURES, 'bench', 'seed-ivr-request.json'), 'utf8')
const object = JSON.parse(text)
const REQUEST = { profile: 'request' }
const callAction = JSON.stringify(
  JSON.parse(fs.readFileSync(path.join(FIXTURES, 'webhooks', 'documented.json'), 'utf8')).cases[0].document,
)

const ajvOptions = { strict: false, validateFormats: false }
const ajvDefault = new Ajv2020(ajvOptions).compile(jsonSchema)
const ajvAllErrors = new Ajv2020({ ...ajvOptions, allErrors: true }).compile(jsonSchema)

const BATCH = 5_000
const ROUNDS = 41

function median(samples) {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]
}

/** Nanoseconds per call of `ours` and `theirs`: medians of batches taken in turn. */
function measure(ours, theirs) {
  const batch = (fn) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < BATCH; i += 1) fn()
    return Number(process.hrtime.bigint() - start) / BATCH
  }
  batch(ours)
  batch(theirs)
  const samples = [[], []]
  for (let round = 0; round < ROUNDS; round += 1) {
    samples[0].push(batch(ours))
    samples[1].push(batch(theirs))
  }
  return samples.map(median)
}

/** `measure` for functions returning promises, each awaited before the next call. */
async function measureAsync(ours, theirs) {
  const batch = async (fn) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < BATCH; i += 1) await fn()
    return Number(process.hrtime.bigint() - start) / BATCH
  }
  await batch(ours)
  await batch(theirs)
  const samples = [[], []]
  for (let round = 0; round < ROUNDS; round += 1) {
    samples[0].push(await batch(ours))
    samples[1].push(await batch(theirs))
  }
  return samples.map(median)
}

const CALL = { source: '+6512341234', destination: '+6512345678' }
const SAY = { text: 'Hello, this is a test Voice Message.', voiceProfile: 'en-IE-EmilyNeural', repetition: 2 }
const REPLY = { clientActionId: 'menu', callflow: [{ action: 'say', params: SAY }, { action: 'hangup' }] }
const plainFlow = () => ({ callflow: [{ action: 'makeCall', params: { ...CALL } }, { action: 'say', params: { ...SAY } }, { action: 'hangup' }] })
const onEvent = () => REPLY
const HEADERS = { 'content-type': 'application/json' }
// What a server behind a proxy receives with a webhook that has an `httpAuthHeader`.
const SECRET = { secret: 's3cret' }
const REQUEST_HEADERS = {
  host: 'example.com',
  'user-agent': '8x8-webhooks/1.0',
  'content-type': 'application/json',
  'content-length': '707',
  accept: '*/*',
  'accept-encoding': 'gzip',
  authorization: 's3cret',
  'x-forwarded-for': '52.74.232.241',
  'x-forwarded-proto': 'https',
  connection: 'keep-alive',
}

async function peerHandle(body) {
  const event = zodCallAction.parse(JSON.parse(body))
  return JSON.stringify(zodReply.parse(await onEvent(event)))
}

async function peerHandleWithSecret(body, headers) {
  if (headers.authorization !== SECRET.secret) throw new Error('unauthorised')
  return peerHandle(body)
}

function check(label, ok) {
  if (!ok) throw new Error(`${label} does not accept its input`)
}
check('callflow (text)', voice.validate(text, REQUEST).ok)
check('callflow (object)', voice.validate(object, REQUEST).ok)
check('ajv', ajvDefault(JSON.parse(text)) && ajvAllErrors(JSON.parse(text)))
check('zod', zodSchema.safeParse(object).success && zodSchema.safeParse(plainFlow()).success)
check('zod event', zodCallAction.safeParse(JSON.parse(callAction)).success)

// [callflow, its function, the other, its function, goal (null: reported only), async?]
const rows = [
  ['validate(jsonString)', () => voice.validate(text, REQUEST), 'ajv validate(JSON.parse(s))', () => ajvDefault(JSON.parse(text)), 0.6],
  ['validate(jsonString)', () => voice.validate(text, REQUEST), 'ajv allErrors validate(JSON.parse(s))', () => ajvAllErrors(JSON.parse(text)), null],
  ['validate(object)', () => voice.validate(object, REQUEST), 'zod parse(object)', () => zodSchema.parse(object), 1],
  [
    'Callflow.builder(), 3 actions + toJson()',
    () => voice.Callflow.builder().makeCall(CALL).say(SAY).hangup().build().toJson(),
    'plain object + zod parse + JSON.stringify',
    () => JSON.stringify(zodSchema.parse(plainFlow())),
    1,
  ],
  [
    'new Callflow([3 action objects]) + toJson()',
    () => new voice.Callflow([new voice.MakeCall(CALL), new voice.Say(SAY), new voice.Hangup()]).toJson(),
    'plain object + zod parse + JSON.stringify',
    () => JSON.stringify(zodSchema.parse(plainFlow())),
    null,
  ],
  ['parseEvent(VCA text)', () => voice.parseEvent(callAction), 'zod parse(JSON.parse(VCA text))', () => zodCallAction.parse(JSON.parse(callAction)), null],
  [
    'webhooks.handle(VCA text) + reply',
    () => webhooks.handle(callAction, HEADERS, onEvent),
    'JSON.parse + zod event + zod reply + JSON.stringify',
    () => peerHandle(callAction),
    1,
    true,
  ],
  [
    'webhooks.handle(VCA text, 10 headers, secret) + reply',
    () => webhooks.handle(callAction, REQUEST_HEADERS, onEvent, SECRET),
    'the same + authorization === secret',
    () => peerHandleWithSecret(callAction, REQUEST_HEADERS),
    null,
    true,
  ],
]

async function main() {
  console.log(`seed IVR request: ${Buffer.byteLength(text)} bytes; Voice Call Action: ${Buffer.byteLength(callAction)} bytes; node ${process.version}`)
  console.log('| callflow | ns | other | ns | ratio | goal |')
  console.log('| --- | ---: | --- | ---: | ---: | --- |')
  const only = process.argv[2]
  for (const [name, ours, otherName, theirs, goal, isAsync] of rows) {
    if (only !== undefined && !name.includes(only)) continue
    const [oursNs, theirsNs] = isAsync ? await measureAsync(ours, theirs) : measure(ours, theirs)
    const ratio = oursNs / theirsNs
    const verdict = goal === null ? 'reported' : ratio <= goal ? `<= ${goal}: met` : `<= ${goal}: NOT met`
    console.log(`| ${name} | ${oursNs.toFixed(0)} | ${otherName} | ${theirsNs.toFixed(0)} | ${ratio.toFixed(2)} | ${verdict} |`)
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
