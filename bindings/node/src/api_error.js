// The class of the errors the API clients reject with when no success came back: an
// error answer (`code` 'ERR_CALLFLOW_API', with the HTTP `status` and the platform's
// `statusCode`, `statusMessage` and `requestId`), or no usable answer (`code`
// 'ERR_CALLFLOW_TIMEOUT', 'ERR_CALLFLOW_CONNECT', 'ERR_CALLFLOW_CONNECTION',
// 'ERR_CALLFLOW_BODY_TOO_LARGE' or 'ERR_CALLFLOW_INVALID_RESPONSE', `status` null).
// The addon evaluates this expression once per JavaScript environment and exports it.
(class CallflowApiError extends Error {
  static {
    this.prototype.name = 'CallflowApiError'
  }

  constructor(message, fields) {
    super(message)
    this.code = fields.code
    this.status = fields.status ?? null
    this.statusCode = fields.statusCode ?? null
    this.statusMessage = fields.statusMessage ?? null
    this.requestId = fields.requestId ?? null
    this.retryAfter = fields.retryAfter ?? null
  }
})
