// The ES module entry: the generated CommonJS loader's exports, by name. Node cannot
// see the names the addon adds at load time (the error classes) in a CommonJS
// module, so they are listed here.
import binding from './index.js'

export const { voice, pbx, diagram, ivr, Severity, VoiceClient, YayClient } = binding
export const { CallflowError, ValidationError, EventError, ApiError, TransportError, EmulatorError } = binding
export default binding
