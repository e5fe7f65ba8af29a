// The error classes of the package, all in one place: the addon evaluates this expression
// once per JavaScript environment (the main thread, each worker), exports each class at
// the package's top level and throws instances of them, so `instanceof` works on what
// every function of the package throws. Every class has `code`: a stable kebab-case
// string saying why, the same in Node, Python and Rust. Their declarations are in
// `node/dts-header.d.ts`.
(() => {
  class CallflowError extends Error {
    constructor(message, code) {
      super(message)
      this.code = code
    }
  }

  // A document that is invalid: `statusCode` is the first error's code, `issues` all.
  class ValidationError extends CallflowError {
    constructor(message, report) {
      super(message, 'invalid-document')
      this.statusCode = report.statusCode
      this.issues = report.issues
      if (report.omitted !== undefined) {
        this.omitted = report.omitted
      }
    }
  }

  // A webhook body that is not an 8x8 webhook.
  class EventError extends CallflowError {}

  // An error answer from an API.
  class ApiError extends CallflowError {
    constructor(message, status, statusCode, statusMessage, requestId, retryAfter) {
      super(message, 'api-error')
      this.status = status
      this.statusCode = statusCode ?? null
      this.statusMessage = statusMessage
      this.requestId = requestId ?? null
      this.retryAfter = retryAfter ?? null
    }
  }

  // No usable answer from an API.
  class TransportError extends CallflowError {}

  // A document the emulator or the Yay simulation cannot use.
  class EmulatorError extends CallflowError {}

  const classes = { CallflowError, ValidationError, EventError, ApiError, TransportError, EmulatorError }
  for (const [name, Class] of Object.entries(classes)) {
    Class.prototype.name = name
  }
  return classes
})()
