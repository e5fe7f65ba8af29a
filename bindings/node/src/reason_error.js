// Defines an error class whose instances carry a fixed `code` and a `reason`: the addon
// evaluates this expression once per JavaScript environment and calls it for
// `CallflowEventError` (a webhook body that is not an 8x8 webhook) and
// `CallflowEmulatorError` (a script, options, scenario or IVR map the emulator cannot
// use), exports each class and throws instances of it, so `instanceof` works on what the
// package throws.
(name, code) => {
  const ReasonError = class extends Error {
    constructor(message, reason) {
      super(message)
      this.code = code
      this.reason = reason
    }
  }
  Object.defineProperty(ReasonError, 'name', { value: name })
  ReasonError.prototype.name = name
  return ReasonError
}
