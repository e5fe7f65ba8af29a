'use strict'
// The same rules as callflow's request profile, as a JSON Schema (for ajv) and as a zod
// schema, and zod schemas of a reply and of a Voice Call Action webhook: required and
// typed params, ranges, patterns, no unknown fields, makeCall first. Cross-param rules (minDigits needs maxDigits, ...) are written as the tools
// allow: `dependentRequired` in JSON Schema, `superRefine` in zod.

const { z } = require('zod')

const MSISDN = '^\\+?[1-9][0-9]{6,14}$'
const VOICE = '^[a-z]{2,3}-[A-Z]{2}-[A-Za-z]+$'
const TEXT = { type: 'string', minLength: 1, maxLength: 3000, pattern: '^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F]*$' }
const REPETITION = { type: 'integer', minimum: 1, maximum: 3 }
const SPEED = { type: 'number', minimum: 0.5, maximum: 2 }
const DIGITS = { type: ['integer', 'null'], minimum: 1, maximum: 25 }
const MILLIS = { type: ['integer', 'null'], minimum: 1 }

function action(name, params, required) {
  return {
    type: 'object',
    additionalProperties: false,
    required: required.length ? ['action', 'params'] : ['action'],
    properties: {
      action: { const: name },
      params: { type: 'object', additionalProperties: false, required, properties: params },
    },
  }
}

const makeCall = action(
  'makeCall',
  { source: { type: 'string', pattern: MSISDN }, destination: { type: 'string', pattern: MSISDN }, callRecording: { type: 'boolean' } },
  ['source', 'destination'],
)
const say = action(
  'say',
  { text: TEXT, voiceProfile: { type: 'string', pattern: VOICE }, repetition: REPETITION, speed: SPEED, language: { type: 'string' } },
  ['text', 'voiceProfile'],
)
const playFile = action('playFile', { fileUrl: { type: 'string', pattern: '^https?://' }, repetition: REPETITION }, ['fileUrl'])
const sayAndCapture = action(
  'sayAndCapture',
  {
    promptMessage: TEXT,
    voiceProfile: { type: 'string', pattern: VOICE },
    repetition: REPETITION,
    speed: SPEED,
    minDigits: DIGITS,
    maxDigits: DIGITS,
    digitTimeout: MILLIS,
    overallTimeout: MILLIS,
    completeOnHash: { type: ['boolean', 'null'] },
    noOfTries: MILLIS,
    successMessage: { type: ['string', 'null'], maxLength: 3000 },
    failureMessage: { type: ['string', 'null'], maxLength: 3000 },
  },
  ['promptMessage', 'voiceProfile'],
)
sayAndCapture.properties.params.dependentRequired = { minDigits: ['maxDigits'], digitTimeout: ['overallTimeout'] }
const hangup = action('hangup', {}, [])

const jsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['callflow'],
  properties: {
    validUntil: { type: 'string', format: 'date-time' },
    callflow: {
      type: 'array',
      minItems: 1,
      prefixItems: [makeCall],
      items: { oneOf: [makeCall, say, playFile, sayAndCapture, hangup] },
    },
  },
}

const text = z.string().min(1).max(3000).regex(/^[^\u0000-\u0008\u000B-\u001F\u007F]*$/)
const voiceProfile = z.string().regex(new RegExp(VOICE))
const repetition = z.number().int().min(1).max(3)
const speed = z.number().min(0.5).max(2)
const digits = z.number().int().min(1).max(25).nullish()
const millis = z.number().int().min(1).nullish()
const msisdn = z.string().regex(new RegExp(MSISDN))

const zodAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('makeCall'), params: z.strictObject({ source: msisdn, destination: msisdn, callRecording: z.boolean().optional() }) }),
  z.strictObject({
    action: z.literal('say'),
    params: z.strictObject({ text, voiceProfile, repetition: repetition.optional(), speed: speed.optional(), language: z.string().optional() }),
  }),
  z.strictObject({ action: z.literal('playFile'), params: z.strictObject({ fileUrl: z.string().regex(/^https?:\/\//), repetition: repetition.optional() }) }),
  z.strictObject({
    action: z.literal('sayAndCapture'),
    params: z
      .strictObject({
        promptMessage: text,
        voiceProfile,
        repetition: repetition.optional(),
        speed: speed.optional(),
        minDigits: digits,
        maxDigits: digits,
        digitTimeout: millis,
        overallTimeout: millis,
        completeOnHash: z.boolean().nullish(),
        noOfTries: millis,
        successMessage: z.string().max(3000).nullish(),
        failureMessage: z.string().max(3000).nullish(),
      })
      .superRefine((p, ctx) => {
        if (p.minDigits != null && p.maxDigits == null) ctx.addIssue({ code: 'custom', path: ['maxDigits'], message: 'required' })
        if (p.digitTimeout != null && p.overallTimeout == null) ctx.addIssue({ code: 'custom', path: ['overallTimeout'], message: 'required' })
        if (p.digitTimeout != null && p.overallTimeout != null && p.overallTimeout < p.digitTimeout)
          ctx.addIssue({ code: 'custom', path: ['overallTimeout'], message: 'too small' })
        if (p.completeOnHash === false && p.maxDigits == null) ctx.addIssue({ code: 'custom', path: ['maxDigits'], message: 'required' })
      }),
  }),
  z.strictObject({ action: z.literal('hangup'), params: z.strictObject({}).optional() }),
])

const zodSchema = z
  .strictObject({ validUntil: z.iso.datetime().optional(), callflow: z.array(zodAction).min(1) })
  .refine((body) => body.callflow[0].action === 'makeCall', { message: 'first action must be makeCall' })

// A reply to a Voice Call Action webhook: the same actions, any first action.
const zodReply = z.strictObject({ clientActionId: z.string().optional(), callflow: z.array(zodAction).min(1) })

// A Voice Call Action webhook as a service reads it: the envelope and the call's fields,
// lenient as the platform requires (unknown fields dropped, unknown values kept).
const text0 = z.string().nullish()
const zodCallAction = z.object({
  description: text0,
  eventType: z.literal('CALL_ACTION'),
  namespace: text0,
  payload: z.object({
    callId: text0,
    sessionId: text0,
    eventId: text0,
    callDirection: text0,
    callType: text0,
    callStatus: text0,
    callDuration: z.number().nullish(),
    clientActionId: text0,
    source: text0,
    sourceFormat: text0,
    sourceCountryCode: text0,
    sourceRefId: text0,
    destination: text0,
    destinationFormat: text0,
    destinationCountryCode: text0,
    destinationRefId: text0,
    subAccountId: text0,
    sipCode: z.number().nullish(),
    timestamp: text0,
    dtmf: text0,
    eventData: z.object({ dtmf: text0 }).nullish(),
  }),
})

module.exports = { jsonSchema, zodSchema, zodReply, zodCallAction }
