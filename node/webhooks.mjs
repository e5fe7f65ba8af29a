// The ES module entry of `callflow-rs/webhooks`.
import webhooks from './webhooks.js'

export const { Receiver, Answer, handle, express, authorizationMatches, isSourceAddress, SOURCE_ADDRESSES } = webhooks
export default webhooks
