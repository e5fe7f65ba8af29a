// Wrong action params are compile errors: every `@ts-expect-error` below must be needed.
import { voice } from '../..'

const call = { source: '+6512341234', destination: '+6512345678' }

// @ts-expect-error misspelled param (voiceprofile)
voice.Reply.builder().say({ text: 'Hello', voiceprofile: 'en-US-BenjaminRUS' })
// @ts-expect-error missing required param (voiceProfile)
voice.Reply.builder().say({ text: 'Hello' })
// @ts-expect-error wrong type (repetition is a number)
voice.Reply.builder().say({ text: 'Hello', voiceProfile: 'en-US-BenjaminRUS', repetition: '2' })
// @ts-expect-error a param of another action (fileUrl belongs to playFile)
voice.Callflow.builder().makeCall({ ...call, fileUrl: 'https://example.com/a.mp3' })
// @ts-expect-error hangup takes no params
voice.Reply.builder().hangup({})
// @ts-expect-error unknown profile
voice.validate('{}', { profile: 'requests' })
// @ts-expect-error validUntil belongs to requests, not replies
voice.Reply.builder({ validUntil: '2024-07-03T05:59:32.226Z' })
// @ts-expect-error completeOnHash is a boolean
voice.Reply.builder().sayAndCapture({ promptMessage: 'Press 1', voiceProfile: 'en-US-BenjaminRUS', completeOnHash: 'false' })

import { diagram, pbx } from '../..'
// @ts-expect-error unknown diagram format
diagram.render('{}', { format: 'png' })
// @ts-expect-error strict is a boolean
pbx.check('{}', { strict: 'yes' })
// @ts-expect-error an unknown target type
pbx.Module.extension([{ type: 'phone', number: '+447700900123' }])
// @ts-expect-error missing required param (text) of an action object
new voice.Say({ voiceProfile: 'en-US-BenjaminRUS' })
// @ts-expect-error an action object takes its own params (fileUrl belongs to playFile)
new voice.MakeCall({ ...call, fileUrl: 'https://example.com/a.mp3' })
