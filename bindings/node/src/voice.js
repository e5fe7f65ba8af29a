// The JavaScript half of `voice`: what crosses into the native core crosses once, as
// text, bytes and small numbers. Options are read here, the common report is built
// here, events and other reports come back as one JSON text the engine parses, and the
// builders and actions are plain frozen objects written with one `JSON.stringify` when
// the body is built.
;(function installVoice(voice) {
  const { stringify, parse } = JSON
  const nativeValidate = voice.validate
  const nativeParseEvent = voice.parseEvent
  const checkBody = voice.checkBody
  delete voice.checkBody

  // The profiles as the native side numbers them; it reads any other name itself.
  const REQUEST = 0
  const REPLY = 1

  // `options`, when given, must be an object: a TypeError as Node's own APIs throw.
  function checkOptions(options) {
    if (options != null && typeof options !== 'object') {
      const err = new TypeError(`options must be an object, not ${typeof options}`)
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    return options
  }

  function profileOf(options) {
    const profile = checkOptions(options) == null ? undefined : options.profile
    if (profile == null || profile === 'request') {
      return REQUEST
    }
    return profile === 'reply' ? REPLY : String(profile)
  }

  // A document as the native side reads it: text and bytes as they are, any other value
  // as JSON.stringify writes it. A value it writes nothing for, or cannot write (a
  // cycle, a value nesting too deeply, a BigInt), goes as it is: the native side tells
  // the -1001 cases from the errors it throws again.
  function documentOf(doc) {
    if (typeof doc === 'string' || ArrayBuffer.isView(doc)) {
      return doc
    }
    let text
    try {
      text = stringify(doc)
    } catch {
      return doc
    }
    return text === undefined ? doc : text
  }

  voice.validate = function validate(doc, options) {
    const result = nativeValidate(documentOf(doc), profileOf(options), options == null ? undefined : options.now)
    return result === 1 ? { ok: true, statusCode: 1, issues: [] } : parse(result)
  }

  voice.parseEvent = function parseEvent(body) {
    return parse(nativeParseEvent(body))
  }

  // The params as given, frozen: a plain object is copied (its getters read now), so
  // the core later sees every key as written, misspelled ones included; anything else
  // (null, an array, a value with toJSON) is kept for JSON.stringify to write as it is.
  // (Object.assign copies as spreading does, four times faster once frozen, but would
  // set the prototype for an own `__proto__` key.)
  function paramsOf(params) {
    if (params === null || typeof params !== 'object' || Array.isArray(params) || typeof params.toJSON === 'function') {
      return params
    }
    return Object.freeze(Object.hasOwn(params, '__proto__') ? { ...params } : Object.assign({}, params))
  }

  // An action with params: its wire name and its params, frozen.
  class WithParams {
    constructor(action, params) {
      this.action = action
      this.params = paramsOf(params)
      Object.freeze(this)
    }
  }

  /** `makeCall`: place a call; in a reply, bridge the live call to a new destination. */
  class MakeCall extends WithParams {
    constructor(params) {
      super('makeCall', params)
    }
  }

  /** `say`: speak text into the call. */
  class Say extends WithParams {
    constructor(params) {
      super('say', params)
    }
  }

  /** `playFile`: play an MP3 or WAV file into the call. */
  class PlayFile extends WithParams {
    constructor(params) {
      super('playFile', params)
    }
  }

  /** `sayAndCapture`: speak a prompt and collect DTMF digits. */
  class SayAndCapture extends WithParams {
    constructor(params) {
      super('sayAndCapture', params)
    }
  }

  /** `hangup`: end the session, disconnecting every call leg. */
  class Hangup {
    constructor() {
      this.action = 'hangup'
      Object.freeze(this)
    }
  }

  const ACTIONS = { makeCall: MakeCall, say: Say, playFile: PlayFile, sayAndCapture: SayAndCapture, hangup: Hangup }

  // The validated text of a body made here; a body the native side made has none.
  const TEXT = Symbol('callflow.text')

  // A body of `Class`, checked once: the document JSON.stringify writes for `top` and
  // the actions, kept as the text the core would write.
  function makeBody(Class, profile, top, value, actions) {
    const text = stringify(top === 'validUntil' ? { validUntil: value, callflow: actions } : { clientActionId: value, callflow: actions })
    const checked = checkBody(text, profile)
    const body = Object.create(Class.prototype)
    body[TEXT] = checked === 1 ? text : checked
    return Object.freeze(body)
  }

  // The chained builders: each method adds one action object; `build()` checks them all
  // and makes the body.
  class Builder {
    #actions = []
    #make

    constructor(make) {
      this.#make = make
    }

    makeCall(params) {
      this.#actions.push(new MakeCall(params))
      return this
    }

    say(params) {
      this.#actions.push(new Say(params))
      return this
    }

    playFile(params) {
      this.#actions.push(new PlayFile(params))
      return this
    }

    sayAndCapture(params) {
      this.#actions.push(new SayAndCapture(params))
      return this
    }

    hangup() {
      this.#actions.push(new Hangup())
      return this
    }

    build() {
      return this.#make(this.#actions)
    }
  }

  /** Builds a Send Callflow request one action at a time; `build()` validates it. */
  class RequestBuilder extends Builder {
    constructor(options) {
      const validUntil = checkOptions(options) == null ? undefined : options.validUntil
      super((actions) => makeBody(voice.Callflow, REQUEST, 'validUntil', validUntil, actions))
    }
  }

  /** Builds a reply to a Voice Call Action webhook one action at a time. */
  class ReplyBuilder extends Builder {
    constructor(options) {
      const clientActionId = checkOptions(options) == null ? undefined : options.clientActionId
      super((actions) => makeBody(voice.Reply, REPLY, 'clientActionId', clientActionId, actions))
    }
  }

  // The bodies' methods read the text of a body made here, and call the native method
  // for one the native side made (`fromJson`, `new`, an IVR's reply); `actions` gives
  // the action objects; the static `builder` starts a builder.
  function extendBody(Class, top, Builder) {
    const proto = Class.prototype
    const native = {
      toJson: proto.toJson,
      toJSON: proto.toJSON,
      top: Object.getOwnPropertyDescriptor(proto, top).get,
    }
    const define = (target, name, descriptor) => Object.defineProperty(target, name, { enumerable: true, configurable: true, ...descriptor })
    define(proto, 'toJson', {
      writable: true,
      value: function toJson() {
        const text = this[TEXT]
        return text === undefined ? native.toJson.call(this) : text
      },
    })
    define(proto, 'toJSON', {
      writable: true,
      value: function toJSON() {
        const text = this[TEXT]
        return text === undefined ? native.toJSON.call(this) : parse(text)
      },
    })
    define(proto, top, {
      get() {
        const text = this[TEXT]
        return text === undefined ? native.top.call(this) : (parse(text)[top] ?? null)
      },
    })
    define(proto, 'actions', {
      get() {
        return Object.freeze(this.toJSON().callflow.map((action) => new ACTIONS[action.action](action.params)))
      },
    })
    define(Class, 'builder', { writable: true, value: (options) => new Builder(options) })
  }
  extendBody(voice.Callflow, 'validUntil', RequestBuilder)
  extendBody(voice.Reply, 'clientActionId', ReplyBuilder)

  Object.assign(voice, {
    MakeCall,
    Say,
    PlayFile,
    SayAndCapture,
    Hangup,
  })
})
