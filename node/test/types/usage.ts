// Type-checked (tsc --noEmit --strict) against the generated index.d.ts.
import { diagram, pbx, voice, ValidationError, type Issue, type Report } from '../..'

const flow: voice.Callflow = voice.Callflow
  .builder({ validUntil: new Date() })
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

const reply: voice.Reply = voice.Reply.builder({ clientActionId: 'menu' }).hangup().build()
const made: voice.Callflow = new voice.Callflow(
  [new voice.MakeCall({ source: '+6512341234', destination: '+6512345678' }), new voice.Say({ text: 'Hi', voiceProfile: 'en-IE-EmilyNeural' }), new voice.Hangup()],
  { validUntil: '2999-01-01T00:00:00Z' },
)
const mixed: voice.Reply = new voice.Reply([{ action: 'hangup' }, new voice.PlayFile({ fileUrl: 'https://example.com/a.mp3' })], { clientActionId: 'x' })
const actions: readonly voice.ActionObject[] = made.actions
const say: voice.Say = new voice.Say({ text: 'Hi', voiceProfile: 'en-IE-EmilyNeural', repetition: 2 })
const sayText: string = say.params.text
const capture: voice.SayAndCapture = new voice.SayAndCapture({ promptMessage: 'Press 1', voiceProfile: 'en-US-BenjaminRUS', maxDigits: 1 })
void [mixed, actions, sayText, capture]
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
  if (err instanceof ValidationError) {
    const code: 'invalid-document' = err.code
    const status: number | string = err.statusCode
    const listed: Issue[] = err.issues
    const message: string = err.message
    void [code, status, listed, message]
  }
}

void [until, parsed, severity, hint, omitted, asRequest]

const yay: pbx.CallFlow = new pbx.CallFlow(501, 'Menu', { showCallRouteName: true })
  .withModule('start', pbx.Module.start('menu'))
  .withModule('menu', pbx.Module.pressExtension().withBranch('1', 'pete'))
  .withModule('pete', pbx.Module.extension([{ type: 'sipuser', uuid: 'u1' }]).withOutcome('noanswer', 'menu'))
const yayReport: Report = yay.check({ strict: true })
const yayCode: number | string | undefined = yayReport.issues[0]?.code
const yayWire: pbx.CallFlowJson = yay.toJSON()
const moduleName: string | undefined = yayWire.flow['start']?.module
const svg: string = diagram.render(yayWire, { format: 'svg' })
void [yayCode, moduleName, svg, pbx.check('{}')]
