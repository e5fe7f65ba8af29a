// The class of the errors thrown when a document is invalid. The addon evaluates this
// expression once per JavaScript environment, exports the class and throws instances of
// it, so `instanceof` works on what every function of the package throws.
(class CallflowValidationError extends Error {
  static {
    this.prototype.name = 'CallflowValidationError'
  }

  constructor(message, report) {
    super(message)
    this.code = 'ERR_CALLFLOW_INVALID'
    this.statusCode = report.statusCode
    this.issues = report.issues
    if (report.omitted !== undefined) {
      this.omitted = report.omitted
    }
  }
})
