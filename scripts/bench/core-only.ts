/**
 * The start-up baseline: a bundle that loads @actions/core and reads one input, nothing else.
 * scripts/bench.mjs bundles it with ncc (as the action is bundled) into a temp dir at bench time.
 */
import * as core from '@actions/core';

// One call, so the bundler keeps the whole module as the action does.
core.getInput('task-id');
