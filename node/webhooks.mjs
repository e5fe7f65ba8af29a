// The ES module entry of `callflow-rs/webhooks`.
import webhooks from './webhooks.js'

export const { handle, express } = webhooks
export default webhooks
