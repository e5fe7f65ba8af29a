// The ES module entry of `callflow-rs/testing`.
import testing from './testing.js'

export const { emulate, runScenario, CallResult, ScenarioResult } = testing
export default testing
