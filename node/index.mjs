// The ES module entry: the generated CommonJS loader's exports, by name. Node cannot
// see the names the addon adds at load time (the error classes) in a CommonJS
// module, so they are listed here.
import binding from './index.js'

export const { voice, pbx, diagram, ivr, Severity, CallflowValidationError, CallflowEventError } = binding
export const { VoiceClient, YayClient, WebhookType, CallflowApiError, CallflowEmulatorError } = binding
export default binding
