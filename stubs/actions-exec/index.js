// Stands in for @actions/exec inside @actions/core (see README.md beside this file). core imports it
// only for `core.platform.getDetails()`, which runs lsb_release, sw_vers or powershell to describe
// the runner's OS; udts-wait never asks.
export function exec() {
  throw new Error('udts-wait does not bundle @actions/exec');
}

export function getExecOutput() {
  throw new Error('udts-wait does not bundle @actions/exec');
}
