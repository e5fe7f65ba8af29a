// The ES module entry: the generated CommonJS loader's exports, by name. Node cannot
// see the names the addon adds at load time (CallflowValidationError, CallflowApiError)
// in a CommonJS module, so they are listed here.
import binding from './index.js'

export const { voice, Severity, CallflowValidationError } = binding
export const { VoiceClient, YayClient, WebhookType, CallflowApiError } = binding
export default binding
