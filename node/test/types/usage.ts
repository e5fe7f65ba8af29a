// Type-checked (tsc --noEmit --strict) against the generated index.d.ts.
import { voice, CallflowValidationError, type Issue, type Report } from '../..'

const flow: voice.Callflow = voice
  .request({ validUntil: new Date() })
  .makeCall({ source: '+6512341234', destination: '+6512345678', callRecording: true })
  .say({ text: 'Hello', voiceProfile: 'en-IE-EmilyNeural', repetition: 2, speed: 1.5 })
  .playFile({ fileUrl: 'https://example.com/a.mp3' })
  .sayAndCapture({ promptMessage: 'Press 1', voiceProfile: 'en-US-BenjaminRUS', minDigits: 1, maxDigits: 1 })
  .hangup()
  .build()
const wire: voice.RequestJson = flow.toJSON()
const first: voice.Action = wire.callflow[0]
if (first.action === 'makeCall') {
  const destination: string = first.params.destination
  void destination
}
const text: string = flow.toJson()
const until: string | null = flow.validUntil

const reply: voice.Reply = voice.reply({ clientActionId: 'menu' }).hangup().build()
const replyWire: voice.ReplyJson = reply.toJSON()
const parsed: voice.Reply = voice.Reply.fromJson(Buffer.from(JSON.stringify(replyWire)))

const report: Report = voice.validate(JSON.parse(text) as unknown, { profile: 'reply', now: new Date() })
const asRequest: Report = voice.validate(text)
const issues: Issue[] = report.issues
const severity: 'error' | 'warning' | undefined = issues[0]?.severity
const hint: string | null | undefined = issues[0]?.hint
const omitted: number | undefined = report.omitted

try {
  voice.Callflow.fromJson('{}')
} catch (err) {
  if (err instanceof CallflowValidationError) {
    const code: 'ERR_CALLFLOW_INVALID' = err.code
    const status: number = err.statusCode
    const listed: Issue[] = err.issues
    const message: string = err.message
    void [code, status, listed, message]
  }
}

void [until, parsed, severity, hint, omitted, asRequest]
