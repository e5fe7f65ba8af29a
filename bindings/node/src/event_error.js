// The class of the errors thrown when a webhook body is not an 8x8 webhook. The addon
// evaluates this expression once per JavaScript environment, exports the class and throws
// instances of it, so `instanceof` works on what `voice.parseEvent` throws.
(class CallflowEventError extends Error {
  static {
    this.prototype.name = 'CallflowEventError'
  }

  constructor(message, reason) {
    super(message)
    this.code = 'ERR_CALLFLOW_EVENT'
    this.reason = reason
  }
})
